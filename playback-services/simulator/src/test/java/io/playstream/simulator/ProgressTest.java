package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void oneLineHoldsTimesActiveSessionsRateTotalsAndErrors() {
    Map<String, Long> totals = new LinkedHashMap<>();
    totals.put("Impression", 12L);
    totals.put("PlaybackHeartbeat", 340L);
    Progress p =
        new Progress(Duration.ofSeconds(65), Duration.ofMinutes(32), 17, 41.25, totals, 2, 1);
    assertThat(p.toLine())
        .isEqualTo(
            "[00:01:05 wall | 00:32:00 sim] active=17 req/s=41.3 Impression=12"
                + " PlaybackHeartbeat=340 rejected=2 failed=1");
  }
}
