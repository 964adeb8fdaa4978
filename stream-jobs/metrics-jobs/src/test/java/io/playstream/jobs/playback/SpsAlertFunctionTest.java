package io.playstream.jobs.playback;

import static io.playstream.jobs.Fixtures.EIGHT_PM;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.AlertState;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 10 s windows, alert when SPS < 50 % of the baseline for 30 s, warm-up 1 min (6 windows), half
 * life 5 min, countries under 0.2 SPS never alert.
 */
class SpsAlertFunctionTest {
  private static final long WINDOW = 10_000;
  private static final long T0 = EIGHT_PM.toEpochMilli();

  /** Window k covers [T0 + k*10s, T0 + (k+1)*10s). */
  private static final int WARMED_UP = 6;

  private KeyedOneInputStreamOperatorTestHarness<String, SpsMetric, SpsAlert> h;

  @BeforeEach
  void open() throws Exception {
    SpsAlertFunction f =
        new SpsAlertFunction(
            "test",
            Duration.ofSeconds(10),
            0.5,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            0.2);
    h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(f), SpsMetric::getCountry, Types.STRING);
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  private static long end(int window) {
    return T0 + (window + 1) * WINDOW;
  }

  /** The SPS metric(s) of window k with this many starts, then the watermark closing it. */
  private void window(int k, String country, long... startsPerDevice) throws Exception {
    String[] devices = {"tv", "mobile", "web"};
    for (int i = 0; i < startsPerDevice.length; i++) {
      SpsMetric m =
          SpsWindowFunction.toMetric(
              "test",
              new SpsCounts(country, devices[i], startsPerDevice[i], 0),
              new TimeWindow(end(k) - WINDOW, end(k)));
      h.processElement(m, end(k) - 1);
    }
  }

  private void closeWindow(int k) throws Exception {
    h.processWatermark(new Watermark(end(k) - 1));
  }

  /** Warm-up at 10 SPS (100 starts per window, split over two devices). */
  private void tenSpsUntil(int lastWindow, String country) throws Exception {
    for (int k = 0; k <= lastWindow; k++) {
      window(k, country, 60, 40);
      closeWindow(k);
    }
  }

  @Test
  void aDropLongerThanTheDurationOpensOneAlertAndRecoveryResolvesIt() throws Exception {
    tenSpsUntil(WARMED_UP + 3, "US");
    for (int k = WARMED_UP + 4; k <= WARMED_UP + 6; k++) { // 3 windows at 2 SPS = 30 s
      window(k, "US", 20);
      closeWindow(k);
      if (k < WARMED_UP + 6) {
        assertThat(h.extractOutputValues()).as("only %d s low", (k - WARMED_UP - 3) * 10).isEmpty();
      }
    }
    List<SpsAlert> alerts = h.extractOutputValues();
    assertThat(alerts).hasSize(1);
    SpsAlert opened = alerts.get(0);
    Instant firstLowWindowEnd = Instant.ofEpochMilli(end(WARMED_UP + 4));
    assertThat(opened.getState()).isEqualTo(AlertState.OPENED);
    assertThat(opened.getCountry()).isEqualTo("US");
    assertThat(opened.getOpenedAt()).isEqualTo(firstLowWindowEnd);
    assertThat(opened.getEvaluatedAt()).isEqualTo(Instant.ofEpochMilli(end(WARMED_UP + 6)));
    assertThat(opened.getResolvedAt()).isNull();
    assertThat(opened.getObservedSps()).isEqualTo(2.0);
    assertThat(opened.getBaselineSps()).isEqualTo(10.0);
    assertThat(opened.getDropShare()).isEqualTo(0.8);
    assertThat(opened.getThresholdShare()).isEqualTo(0.5);
    assertThat(opened.getAlertId()).isEqualTo("US@" + end(WARMED_UP + 4));

    window(WARMED_UP + 7, "US", 3); // still low: no second OPENED
    closeWindow(WARMED_UP + 7);
    assertThat(h.extractOutputValues()).hasSize(1);

    window(WARMED_UP + 8, "US", 95);
    closeWindow(WARMED_UP + 8);
    List<SpsAlert> all = h.extractOutputValues();
    assertThat(all).hasSize(2);
    SpsAlert resolved = all.get(1);
    assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.getAlertId()).isEqualTo(opened.getAlertId());
    assertThat(resolved.getResolvedAt()).isEqualTo(Instant.ofEpochMilli(end(WARMED_UP + 8)));
    assertThat(resolved.getObservedSps()).isEqualTo(9.5);
    assertThat(resolved.getHeader().getEventId()).isNotEqualTo(opened.getHeader().getEventId());
  }

  @Test
  void aDipShorterThanTheDurationDoesNotAlert() throws Exception {
    tenSpsUntil(WARMED_UP + 1, "US");
    window(WARMED_UP + 2, "US", 10);
    closeWindow(WARMED_UP + 2);
    window(WARMED_UP + 3, "US", 10);
    closeWindow(WARMED_UP + 3);
    window(WARMED_UP + 4, "US", 100);
    closeWindow(WARMED_UP + 4);
    window(WARMED_UP + 5, "US", 10);
    closeWindow(WARMED_UP + 5);
    window(WARMED_UP + 6, "US", 10);
    closeWindow(WARMED_UP + 6);
    assertThat(h.extractOutputValues()).isEmpty();
  }

  @Test
  void aCountryThatGoesDarkAlertsEvenThoughNoMetricArrives() throws Exception {
    tenSpsUntil(WARMED_UP + 1, "BR");
    // no starts at all: no SpsMetric for BR; other countries move the watermark on
    h.processWatermark(new Watermark(end(WARMED_UP + 4) - 1));
    List<SpsAlert> alerts = h.extractOutputValues();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getState()).isEqualTo(AlertState.OPENED);
    assertThat(alerts.get(0).getObservedSps()).isZero();
    assertThat(alerts.get(0).getOpenedAt()).isEqualTo(Instant.ofEpochMilli(end(WARMED_UP + 2)));
  }

  @Test
  void noAlertDuringWarmUp() throws Exception {
    window(0, "US", 100);
    closeWindow(0);
    h.processWatermark(new Watermark(end(WARMED_UP - 1) - 1)); // zero windows while learning
    assertThat(h.extractOutputValues()).isEmpty();
  }

  @Test
  void aTinyCountryNeverAlertsAndIsForgottenWhenItsTrafficStops() throws Exception {
    for (int k = 0; k <= WARMED_UP + 2; k++) {
      window(k, "IS", 1); // 0.1 SPS, under the 0.2 SPS minimum
      closeWindow(k);
    }
    assertThat(h.numKeyedStateEntries()).isPositive();
    h.processWatermark(new Watermark(T0 + Duration.ofHours(3).toMillis()));
    assertThat(h.extractOutputValues()).isEmpty();
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void theFinalWatermarkOfABoundedInputEndsTheTimerChain() throws Exception {
    tenSpsUntil(WARMED_UP + 1, "US");
    h.processWatermark(new Watermark(Long.MAX_VALUE)); // returns: no endless empty windows
    assertThat(h.numEventTimeTimers()).isZero();
    assertThat(h.extractOutputValues()).isEmpty(); // one empty window is not yet a drop
  }
}
