package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.SampleEvents;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TitleIndexJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  private static final String TOPIC = "playstream.route.catalog";

  @Test
  void upsertsIndexRemovalsDeleteOthersAreSkippedGarbageIsDeadLettered() throws Exception {
    TitleUpserted upsert = SampleEvents.titleUpserted();
    TitleRemoved removal = SampleEvents.titleRemoved();
    List<RawEvent> input =
        List.of(
            RawEvents.of(upsert, TOPIC, 0, 10),
            RawEvents.of(SampleEvents.started(), TOPIC, 0, 11),
            RawEvents.of(removal, TOPIC, 1, 20),
            RawEvents.bytes("not avro".getBytes(), TOPIC, 1, 21, 1L));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironment.strictTypes(env);
    env.setParallelism(1);
    CollectingSink<EsAction> titles = new CollectingSink<>();
    CollectingSink<DeadLetter> dead = new CollectingSink<>();

    TitleIndexJob.build(
        env.fromData(input, TypeInformation.of(RawEvent.class)), titles, dead, "playstream-titles");
    env.execute("title index test");

    List<EsAction> actions = titles.values();
    assertThat(actions)
        .extracting(EsAction::getOpType, EsAction::getId)
        .containsExactly(
            tuple(EsAction.OpType.INDEX, upsert.getTitleId().toString()),
            tuple(EsAction.OpType.DELETE, removal.getTitleId().toString()));
    assertThat(actions.get(0).getOrigin().describe()).isEqualTo(TOPIC + "/0@10");
    assertThat(actions.get(0).getOrigin().getValue()).isEqualTo(input.get(0).value);
    assertThat(actions.get(1).getOrigin().getOffset()).isEqualTo(20);
    assertThat(dead.values())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason).isEqualTo(DeadLetterHeaders.UNDECODABLE);
              assertThat(d.sourceOffset).isEqualTo(21);
              assertThat(d.component).isEqualTo(TitleIndexJob.NAME);
            });
  }
}
