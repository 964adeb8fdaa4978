package io.playstream.jobs.playback;

import static io.playstream.jobs.Fixtures.EIGHT_PM;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.SpsMetric;
import io.playstream.jobs.Harnesses;
import io.playstream.jobs.MetricIds;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.Test;

class SpsWindowTest {
  private static final long T0 = EIGHT_PM.toEpochMilli();
  private static final long TEN_SECONDS_LATER = T0 + 10_000;

  private static SpsCounts counts(String country, String device, long starts, long failures) {
    return new SpsCounts(country, device, starts, failures);
  }

  @Test
  void mergesPartialsOfOneKeyIntoStartsPerSecondAndFailureRate() throws Exception {
    var partials =
        Harnesses.env().fromData(TypeInformation.of(SpsCounts.class), counts("X", "x", 0, 0));
    try (var h =
        Harnesses.<SpsCounts, SpsMetric>of(
            PlaybackHealthJob.spsWindow(partials, Duration.ofSeconds(10)), SpsCounts::key)) {
      h.open();
      // two upstream subtasks' partials of US/tv (1 s pre-aggregates), one of DE/mobile
      h.processElement(counts("US", "tv", 30, 1), T0 + 999);
      h.processElement(counts("US", "tv", 17, 2), T0 + 4_999);
      h.processElement(counts("DE", "mobile", 5, 0), T0 + 9_999);
      h.processElement(counts("US", "tv", 3, 0), TEN_SECONDS_LATER + 999); // next window
      h.processWatermark(new Watermark(TEN_SECONDS_LATER - 1));

      var out = h.extractOutputValues();
      assertThat(out).hasSize(2);
      SpsMetric us = out.stream().filter(m -> m.getCountry().equals("US")).findFirst().get();
      assertThat(us.getWindowStart()).isEqualTo(EIGHT_PM);
      assertThat(us.getWindowEnd()).isEqualTo(EIGHT_PM.plusSeconds(10));
      assertThat(us.getWindowSeconds()).isEqualTo(10);
      assertThat(us.getDeviceType()).isEqualTo("tv");
      assertThat(us.getStarts()).isEqualTo(47);
      assertThat(us.getSps()).isEqualTo(4.7);
      assertThat(us.getPlayFailures()).isEqualTo(3);
      assertThat(us.getFailureRate()).isEqualTo(3.0 / 50.0);
      String id = MetricIds.sps(10, "US", "tv", T0);
      assertThat(us.getHeader().getEventId())
          .isEqualTo(UUID.nameUUIDFromBytes(id.getBytes()).toString());
      assertThat(us.getHeader().getEventTime()).isEqualTo(EIGHT_PM.plusSeconds(10));
      SpsMetric de = out.stream().filter(m -> m.getCountry().equals("DE")).findFirst().get();
      assertThat(de.getSps()).isEqualTo(0.5);
      assertThat(de.getFailureRate()).isZero();

      // the fired windows left nothing behind; the open one holds one key's state and timer
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      assertThat(h.numEventTimeTimers()).isEqualTo(1);
      h.processWatermark(new Watermark(TEN_SECONDS_LATER + 9_999));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void oneSecondWindowsGiveStartsPerSecondDirectly() throws Exception {
    var partials =
        Harnesses.env().fromData(TypeInformation.of(SpsCounts.class), counts("X", "x", 0, 0));
    try (var h =
        Harnesses.<SpsCounts, SpsMetric>of(
            PlaybackHealthJob.spsWindow(partials, Duration.ofSeconds(1)), SpsCounts::key)) {
      h.open();
      h.processElement(counts("US", "tv", 12, 0), T0 + 999);
      h.processElement(counts("US", "tv", 9, 1), T0 + 1_999);
      h.processWatermark(new Watermark(T0 + 1_999));
      assertThat(h.extractOutputValues())
          .extracting(SpsMetric::getSps, SpsMetric::getWindowSeconds)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(12.0, 1),
              org.assertj.core.groups.Tuple.tuple(9.0, 1));
    }
  }
}
