package io.playstream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventDemuxTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String TOPIC = "playstream.route.test";

  @Test
  void splitsByTypeAndDeadLettersWhatDoesNotDecode() throws Exception {
    EventCodec codec = EventCodec.standard();
    byte[] unknown = codec.encode(SampleEvents.started());
    unknown[4] ^= 0x33;
    List<RawEvent> input =
        List.of(
            RawEvents.of(SampleEvents.started(), TOPIC, 0, 0),
            RawEvents.of(SampleEvents.heartbeat(), TOPIC, 0, 1),
            RawEvents.of(SampleEvents.heartbeat(), TOPIC, 1, 0),
            RawEvents.of(SampleEvents.stopped(), TOPIC, 1, 1), // not asked for: skipped
            RawEvents.bytes("garbage".getBytes(), TOPIC, 2, 7, 1L),
            RawEvents.bytes(unknown, TOPIC, 2, 8, 1L));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironment.strictTypes(env);
    env.setParallelism(1);
    DataStream<RawEvent> raw =
        env.fromData(input, TypeInformation.of(RawEvent.class))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<RawEvent>forMonotonousTimestamps()
                    .withTimestampAssigner((e, ts) -> e.eventTime));
    Demuxed d = EventDemux.split(raw, "test", PlaybackStarted.class, PlaybackHeartbeat.class);

    CloseableIterator<PlaybackStarted> started = d.of(PlaybackStarted.class).collectAsync();
    CloseableIterator<PlaybackHeartbeat> beats = d.of(PlaybackHeartbeat.class).collectAsync();
    CloseableIterator<DeadLetter> dead = d.deadLetters().collectAsync();
    env.execute("demux test");

    assertThat(drain(started)).hasSize(1);
    assertThat(drain(beats)).hasSize(2);
    List<DeadLetter> letters = drain(dead);
    assertThat(letters)
        .extracting(l -> l.reason)
        .containsExactlyInAnyOrder(DeadLetterHeaders.UNDECODABLE, DeadLetterHeaders.UNKNOWN_SCHEMA);
    assertThat(letters)
        .allSatisfy(
            l -> {
              assertThat(l.sourceTopic).isEqualTo(TOPIC);
              assertThat(l.sourcePartition).isEqualTo(2);
              assertThat(l.component).isEqualTo("test");
              assertThat(l.detail).isNotBlank();
            });
    assertThat(letters).extracting(l -> l.sourceOffset).containsExactlyInAnyOrder(7L, 8L);
  }

  private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
    List<T> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(out::add);
    }
    return out;
  }
}
