package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.schemas.SampleEvents;
import java.util.List;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartialRowMergerTest {
  private final TableDefinition def =
      TableDefinitions.catalogTitles(TableDefinitions.defaultWriteProperties());
  private final Schema schema = def.schema();
  private final AvroRowConverter upsert = AvroRowConverter.of(schema, def.input("TitleUpserted"));
  private final AvroRowConverter removal = AvroRowConverter.of(schema, def.input("TitleRemoved"));
  private KeyedOneInputStreamOperatorTestHarness<String, RowData, RowData> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new PartialRowMerger(schema)),
            PartialRowMerger.keySelector(schema, List.of("title_id")),
            org.apache.flink.api.common.typeinfo.Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aRemovalKeepsTheTitlesAttributes() throws Exception {
    TitleUpserted u = SampleEvents.titleUpserted();
    TitleRemoved r = SampleEvents.titleRemoved();

    harness.processElement(new StreamRecord<>(upsert.convert(u)));
    harness.processElement(new StreamRecord<>(partial(removal.convert(r))));

    List<RowData> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    RowData merged = out.get(1);
    assertThat(merged.getRowKind()).isEqualTo(RowKind.INSERT);
    assertThat(text(merged, "name")).isEqualTo(u.getName());
    assertThat(text(merged, "event_id")).isEqualTo(r.getHeader().getEventId());
    assertThat(merged.getBoolean(upsert.indexOf("removed"))).isTrue();
    assertThat(text(merged, "removal_reason")).isEqualTo("license expired");
    assertThat(merged.getArray(upsert.indexOf("genres")).size()).isEqualTo(3);
  }

  @Test
  void anUpsertAfterARemovalMakesTheTitleLiveAgain() throws Exception {
    harness.processElement(new StreamRecord<>(upsert.convert(SampleEvents.titleUpserted())));
    harness.processElement(
        new StreamRecord<>(partial(removal.convert(SampleEvents.titleRemoved()))));
    TitleUpserted back = SampleEvents.titleUpserted();
    back.setName("Back again");
    harness.processElement(new StreamRecord<>(upsert.convert(back)));

    RowData last = harness.extractOutputValues().get(2);
    assertThat(text(last, "name")).isEqualTo("Back again");
    assertThat(last.getBoolean(upsert.indexOf("removed"))).isFalse();
    assertThat(last.isNullAt(upsert.indexOf("removed_at"))).isTrue();
    assertThat(last.isNullAt(upsert.indexOf("removal_reason"))).isTrue();
  }

  @Test
  void aRemovalOfAnUnknownTitleIsWrittenAsItIs() throws Exception {
    harness.processElement(
        new StreamRecord<>(partial(removal.convert(SampleEvents.titleRemoved()))));
    RowData out = harness.extractOutputValues().get(0);
    assertThat(out.getRowKind()).isEqualTo(RowKind.INSERT);
    assertThat(out.isNullAt(upsert.indexOf("name"))).isTrue();
    assertThat(out.getBoolean(upsert.indexOf("removed"))).isTrue();
  }

  @Test
  void titlesAreKeptApart() throws Exception {
    TitleUpserted a = SampleEvents.titleUpserted();
    TitleUpserted b = SampleEvents.titleUpserted();
    b.setTitleId("t-2");
    b.setName("Other");
    TitleRemoved rb = SampleEvents.titleRemoved();
    rb.setTitleId("t-2");
    harness.processElement(new StreamRecord<>(upsert.convert(a)));
    harness.processElement(new StreamRecord<>(upsert.convert(b)));
    harness.processElement(new StreamRecord<>(partial(removal.convert(rb))));

    RowData removed = harness.extractOutputValues().get(2);
    assertThat(text(removed, "title_id")).isEqualTo("t-2");
    assertThat(text(removed, "name")).isEqualTo("Other");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  private static GenericRowData partial(GenericRowData row) {
    row.setRowKind(RowKind.UPDATE_AFTER);
    return row;
  }

  private String text(RowData row, String column) {
    int i = upsert.indexOf(column);
    return row.isNullAt(i) ? null : row.getString(i).toString();
  }
}
