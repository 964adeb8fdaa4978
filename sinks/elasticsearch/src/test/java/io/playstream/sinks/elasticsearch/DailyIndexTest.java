package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DailyIndexTest {
  private static final Instant LAST_MILLI_OF_2025 = Instant.parse("2025-12-31T23:59:59.999Z");
  private static final Instant NEW_YEAR_UTC = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void nameIsThePrefixAndTheUtcDay() {
    assertThat(DailyIndex.name("playstream-metrics-sps", LAST_MILLI_OF_2025))
        .isEqualTo("playstream-metrics-sps-2025.12.31");
    assertThat(DailyIndex.name("playstream-metrics-sps", NEW_YEAR_UTC))
        .isEqualTo("playstream-metrics-sps-2026.01.01");
    // 23:30 in New York on Dec 31 is already Jan 1 in UTC
    assertThat(DailyIndex.name("p", Instant.parse("2025-12-31T23:30:00-05:00")))
        .isEqualTo("p-2026.01.01");
  }

  @Test
  void dayAndPrefixAreReadBackFromTheName() {
    assertThat(DailyIndex.dayOf("playstream-alerts-2026.02.28"))
        .contains(LocalDate.of(2026, 2, 28));
    assertThat(DailyIndex.prefixOf("playstream-metrics-cdn-2026.02.28"))
        .contains("playstream-metrics-cdn");
    assertThat(DailyIndex.dayOf("playstream-titles")).isEmpty();
    assertThat(DailyIndex.dayOf("p-2026.13.01")).isEmpty();
    assertThat(DailyIndex.dayOf("p-2026.02.30")).isEmpty();
    assertThat(DailyIndex.prefixOf("p-2026.02.30")).isEmpty();
    assertThat(DailyIndex.dayOf("p-26.01.01")).isEmpty();
  }

  @Test
  void prefixMustBeLowerCase() {
    assertThatThrownBy(() -> DailyIndex.name("Metrics", NEW_YEAR_UTC))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
