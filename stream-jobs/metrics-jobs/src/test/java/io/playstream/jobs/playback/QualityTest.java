package io.playstream.jobs.playback;

import static io.playstream.jobs.Fixtures.EIGHT_PM;
import static io.playstream.jobs.Fixtures.heartbeat;
import static io.playstream.jobs.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.QualityDimension;
import io.playstream.jobs.Harnesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.IntCountsHistogram;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.Test;

class QualityTest {
  private static final long T0 = EIGHT_PM.toEpochMilli();
  private static final long WINDOW_CLOSES = T0 + 9_999;

  /** Latencies 1..100 ms on one server, split over two "subtasks", pre-aggregated and sealed. */
  private static List<QualityPartial> twoSubtasksOfLatencies1To100() {
    QualityPartial a = null;
    QualityPartial b = null;
    for (int ms = 1; ms <= 100; ms++) {
      QualityPartial p =
          QualityPartial.of(started("s-" + ms, "US", "tv", "comcast", "oca-1", ms, EIGHT_PM))
              .get(0);
      if (ms % 2 == 0) {
        a = a == null ? p : QualityPartial.merge(a, p);
      } else {
        b = b == null ? p : QualityPartial.merge(b, p);
      }
    }
    return List.of(QualityPartial.seal(a), QualityPartial.seal(b));
  }

  @Test
  void aStartMakesOnePartialPerServerAndPerIsp() {
    List<QualityPartial> ps =
        QualityPartial.of(started("s-1", "US", "tv", "comcast", "oca-7", 850, EIGHT_PM));
    assertThat(ps)
        .extracting(QualityPartial::key)
        .containsExactly("CDN_SERVER:oca-7", "ISP:comcast");
    assertThat(ps).allSatisfy(p -> assertThat(p.latencySample).isEqualTo(850));
    assertThat(ps).allSatisfy(p -> assertThat(p.live).isNull()); // no histogram for one event
  }

  @Test
  void mergedHistogramsEqualOneHistogramOfAllLatencies() {
    List<QualityPartial> parts = twoSubtasksOfLatencies1To100();
    assertThat(parts).allSatisfy(p -> assertThat(p.live).isNull()); // sealed: bytes only
    QualityPartial merged = QualityPartial.mergeSealed(parts.get(0), parts.get(1));
    IntCountsHistogram all = LatencyHistograms.create();
    for (int ms = 1; ms <= 100; ms++) {
      all.recordValue(ms);
    }
    IntCountsHistogram h = merged.histogram();
    assertThat(h.getTotalCount()).isEqualTo(100);
    assertThat(h).isEqualTo(all);
    assertThat(merged.starts).isEqualTo(100);
    assertThat(merged.maxLatencyMs).isEqualTo(100);
  }

  @Test
  void windowGivesPercentilesOfTheMergedHistogramRebufferRatioAndWeightedBitrate()
      throws Exception {
    var input =
        Harnesses.env().fromData(TypeInformation.of(QualityPartial.class), new QualityPartial());
    try (var h =
        Harnesses.<QualityPartial, PlaybackQualityMetric>of(
            PlaybackHealthJob.qualityWindow(input, Duration.ofSeconds(10)), QualityPartial::key)) {
      h.open();
      for (QualityPartial p : twoSubtasksOfLatencies1To100()) {
        h.processElement(p, WINDOW_CLOSES);
      }
      // heartbeats on oca-1: 30 s at 4000 kbps with 3 s rebuffering, 10 s at 2000 kbps
      h.processElement(
          QualityPartial.seal(
              QualityPartial.merge(
                  QualityPartial.of(heartbeat("s-1", "oca-1", 4000, 30_000, 2, 3_000, EIGHT_PM)),
                  QualityPartial.of(heartbeat("s-2", "oca-1", 2000, 10_000, 0, 0, EIGHT_PM)))),
          WINDOW_CLOSES);
      h.processWatermark(new Watermark(WINDOW_CLOSES));

      List<PlaybackQualityMetric> out = new ArrayList<>(h.extractOutputValues());
      assertThat(out).hasSize(1);
      PlaybackQualityMetric m = out.get(0);
      assertThat(m.getDimension()).isEqualTo(QualityDimension.CDN_SERVER);
      assertThat(m.getDimensionValue()).isEqualTo("oca-1");
      assertThat(m.getStarts()).isEqualTo(100);
      assertThat(m.getStartupLatencyP50Ms()).isEqualTo(50L);
      assertThat(m.getStartupLatencyP90Ms()).isEqualTo(90L);
      assertThat(m.getStartupLatencyP99Ms()).isEqualTo(99L);
      assertThat(m.getStartupLatencyMaxMs()).isEqualTo(100L);
      IntCountsHistogram published =
          LatencyHistograms.decodeCompressed(m.getStartupLatencyHistogram().array());
      assertThat(published.getTotalCount()).isEqualTo(100);
      assertThat(m.getHeartbeats()).isEqualTo(2);
      assertThat(m.getWatchMs()).isEqualTo(40_000);
      assertThat(m.getRebufferCount()).isEqualTo(2);
      assertThat(m.getRebufferMs()).isEqualTo(3_000);
      assertThat(m.getRebufferRatio()).isEqualTo(3_000.0 / 40_000.0);
      assertThat(m.getMeanBitrateKbps()).isEqualTo((4000.0 * 30 + 2000.0 * 10) / 40);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void percentilesOfLargeLatenciesAreWithinTheHistogramsResolution() {
    QualityPartial p = null;
    for (int i = 0; i < 1000; i++) {
      long ms = 1_000 + i * 10L; // 1000 .. 10990 ms, uniform
      QualityPartial one =
          QualityPartial.of(started("s", "US", "tv", "isp", "oca-1", (int) ms, EIGHT_PM)).get(0);
      p = p == null ? one : QualityPartial.merge(p, one);
    }
    IntCountsHistogram h = p.histogram();
    // exact p50 is 5990 ms, p99 is 10890 ms; two significant digits keep them within 1 %
    assertThat((double) h.getValueAtPercentile(50.0))
        .isCloseTo(5_990.0, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat((double) h.getValueAtPercentile(99.0))
        .isCloseTo(10_890.0, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(p.maxLatencyMs).isEqualTo(10_990);
  }

  @Test
  void aWindowWithOnlyHeartbeatsHasNoLatencyFields() {
    QualityPartial hb =
        QualityPartial.of(heartbeat("s-1", "oca-1", 3000, 0, 0, 0, EIGHT_PM)); // v1: no interval
    PlaybackQualityMetric m =
        QualityWindowFunction.toMetric(
            "job",
            hb,
            new org.apache.flink.streaming.api.windowing.windows.TimeWindow(T0, T0 + 10_000));
    assertThat(m.getStartupLatencyP50Ms()).isNull();
    assertThat(m.getStartupLatencyHistogram()).isNull();
    assertThat(m.getRebufferRatio()).isNull(); // no watch time known
    assertThat(m.getMeanBitrateKbps()).isEqualTo(3000.0);
  }
}
