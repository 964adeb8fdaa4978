package io.playstream.jobs.window;

import static io.playstream.jobs.Fixtures.at;
import static io.playstream.jobs.Fixtures.raw;
import static io.playstream.jobs.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.flink.RawEvent;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LateEventGateTest {
  @Test
  void recordsAtOrBehindTheWatermarkGoToTheLateOutputWithOriginalBytesAndLateHeaders()
      throws Exception {
    RawEvent onTime = raw(started("s-1", "US", at(5_000)));
    RawEvent atWatermark = raw(started("s-2", "US", at(4_000)));
    RawEvent behind = raw(started("s-3", "US", at(1_000)));
    try (var h =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new LateEventGate("job")))) {
      h.open();
      h.processWatermark(new Watermark(at(4_000).toEpochMilli()));
      h.processElement(onTime, onTime.eventTime);
      h.processElement(atWatermark, atWatermark.eventTime);
      h.processElement(behind, behind.eventTime);

      assertThat(h.extractOutputValues()).containsExactly(onTime);
      List<RawEvent> late =
          h.getSideOutput(LateEvents.TAG).stream().map(StreamRecord::getValue).toList();
      assertThat(late).hasSize(2);
      RawEvent first = late.get(0);
      assertThat(first.value).isEqualTo(atWatermark.value);
      assertThat(first.key).isEqualTo(atWatermark.key);
      assertThat(first.header("ps.event-type")).isEqualTo("PlaybackStarted");
      assertThat(first.header(LateEvents.JOB)).isEqualTo("job");
      assertThat(first.header(LateEvents.OPERATOR)).isEqualTo("gate");
      assertThat(first.header(LateEvents.EVENT_TIME))
          .isEqualTo(Long.toString(at(4_000).toEpochMilli()));
      assertThat(first.header(LateEvents.WATERMARK))
          .isEqualTo(Long.toString(at(4_000).toEpochMilli()));
      assertThat(first.header(LateEvents.SOURCE_TOPIC)).isEqualTo(atWatermark.topic);
      assertThat(first.header(LateEvents.SOURCE_OFFSET))
          .isEqualTo(Long.toString(atWatermark.offset));
      assertThat(late.get(1).value).isEqualTo(behind.value);
      assertThat(atWatermark.headerKeys).hasSize(1); // the input record is not changed
    }
  }
}
