package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.flink.DeadLetter;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.SampleEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RowRouterTest {
  private static final Map<String, String> PROPS = TableDefinitions.defaultWriteProperties();
  private static final String TOPIC = "playstream.route.iceberg-raw";

  private OneInputStreamOperatorTestHarness<RawEvent, DeadLetter> harness;
  private Map<String, OutputTag<RowData>> tags;

  @BeforeEach
  void open() throws Exception {
    List<RowRouter.Binding> bindings =
        TableDefinitions.all(PROPS).stream()
            .map(d -> new RowRouter.Binding(d, d.schema()))
            .toList();
    RowRouter router = RowRouter.create("test", bindings);
    tags = router.tags();
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(router));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void eachEventGoesToItsTableAsARow() throws Exception {
    send(SampleEvents.started(), 0);
    send(SampleEvents.heartbeat(), 1);
    send(SampleEvents.steering(), 2);
    send(SampleEvents.sessionSummary(), 3);
    send(SampleEvents.titleUpserted(), 4);

    assertThat(rows(TableDefinitions.PLAYBACK_EVENTS)).hasSize(2);
    assertThat(rows(TableDefinitions.STEERING_DECISIONS)).hasSize(1);
    assertThat(rows(TableDefinitions.PLAYBACK_SESSIONS)).hasSize(1);
    List<RowData> titles = rows(TableDefinitions.CATALOG_TITLES);
    assertThat(titles).hasSize(1);
    assertThat(titles.get(0).getRowKind()).isEqualTo(RowKind.INSERT);
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void aPartialRowIsAnUpdate() throws Exception {
    send(SampleEvents.titleRemoved(), 0);
    List<RowData> titles = rows(TableDefinitions.CATALOG_TITLES);
    assertThat(titles).hasSize(1);
    assertThat(titles.get(0).getRowKind()).isEqualTo(RowKind.UPDATE_AFTER);
  }

  @Test
  void undecodableRecordsAreDeadLettersWithTheirOrigin() throws Exception {
    harness.processElement(
        new StreamRecord<>(RawEvents.bytes("junk".getBytes(), TOPIC, 3, 77, 1L)));

    List<DeadLetter> dead = harness.extractOutputValues();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).reason).isEqualTo(DeadLetterHeaders.UNDECODABLE);
    assertThat(dead.get(0).sourceTopic).isEqualTo(TOPIC);
    assertThat(dead.get(0).sourcePartition).isEqualTo(3);
    assertThat(dead.get(0).sourceOffset).isEqualTo(77);
    assertThat(dead.get(0).component).isEqualTo("test");
  }

  @Test
  void typesNoTableTakesAreSkipped() throws Exception {
    send(SampleEvents.cdnHealth(), 0);
    send(SampleEvents.rating(), 1);
    assertThat(harness.extractOutputValues()).isEmpty();
    for (String t : tags.keySet()) {
      assertThat(rows(t)).as(t).isEmpty();
    }
  }

  @Test
  void aRowThatCannotBeBuiltIsRejected() throws Exception {
    // a table that requires client_ip; the event has none
    RowRouter.Binding strict =
        new RowRouter.Binding(
            TableDefinitions.steeringDecisions(PROPS),
            withRequired(TableDefinitions.steeringDecisions(PROPS).schema(), "client_ip"));
    RowRouter router = RowRouter.create("strict", List.of(strict));
    try (var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(router))) {
      h.open();
      var noIp = SampleEvents.steering();
      noIp.setClientIp(null);
      h.processElement(new StreamRecord<>(RawEvents.of(noIp, TOPIC, 1, 9)));
      List<DeadLetter> dead = h.extractOutputValues();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).reason).isEqualTo(DeadLetterHeaders.SINK_REJECTED);
      assertThat(dead.get(0).detail).contains("client_ip");
      assertThat(dead.get(0).sourceOffset).isEqualTo(9);
    }
  }

  private static Schema withRequired(Schema s, String column) {
    return new Schema(
        s.columns().stream().map(f -> f.name().equals(column) ? f.asRequired() : f).toList());
  }

  private void send(org.apache.avro.specific.SpecificRecord event, long offset) throws Exception {
    harness.processElement(new StreamRecord<>(RawEvents.of(event, TOPIC, 0, offset)));
  }

  private List<RowData> rows(String table) {
    ConcurrentLinkedQueue<StreamRecord<RowData>> out = harness.getSideOutput(tags.get(table));
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }
}
