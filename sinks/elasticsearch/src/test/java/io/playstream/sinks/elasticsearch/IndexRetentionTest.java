package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexRetentionTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);
  private static final List<String> PREFIXES =
      List.of("playstream-metrics-sps", "playstream-alerts");

  @Test
  void deletesADayOnceAllOfItIsOlderThanTheRetention() {
    // cutoff = 2026-01-03T12:00Z: Jan 2 ended before it, Jan 3 did not
    List<String> expired =
        IndexRetention.expired(
            List.of(
                "playstream-metrics-sps-2026.01.03",
                "playstream-metrics-sps-2026.01.02",
                "playstream-metrics-sps-2025.12.24",
                "playstream-metrics-sps-2026.01.10"),
            PREFIXES,
            NOW,
            WEEK);

    assertThat(expired)
        .containsExactly("playstream-metrics-sps-2025.12.24", "playstream-metrics-sps-2026.01.02");
  }

  @Test
  void theBoundaryIsTheEndOfTheDay() {
    Instant cutoffExactlyAtDayEnd = Instant.parse("2026-01-10T00:00:00Z");
    assertThat(
            IndexRetention.expired(
                List.of("playstream-alerts-2026.01.02"),
                PREFIXES,
                cutoffExactlyAtDayEnd,
                Duration.ofDays(7)))
        .containsExactly("playstream-alerts-2026.01.02");
    assertThat(
            IndexRetention.expired(
                List.of("playstream-alerts-2026.01.02"),
                PREFIXES,
                cutoffExactlyAtDayEnd.minusMillis(1),
                Duration.ofDays(7)))
        .isEmpty();
  }

  @Test
  void leavesOtherIndicesAlone() {
    List<String> expired =
        IndexRetention.expired(
            List.of(
                "playstream-titles",
                "playstream-metrics-cdn-2020.01.01", // prefix not asked for
                "playstream-alerts-2020.13.01", // not a date
                "playstream-alerts-old",
                "other-2020.01.01"),
            PREFIXES,
            NOW,
            WEEK);

    assertThat(expired).isEmpty();
  }

  @Test
  void zeroRetentionDeletesEveryFinishedDay() {
    assertThat(
            IndexRetention.expired(
                List.of("playstream-alerts-2026.01.09", "playstream-alerts-2026.01.10"),
                PREFIXES,
                NOW,
                Duration.ZERO))
        .containsExactly("playstream-alerts-2026.01.09");
  }
}
