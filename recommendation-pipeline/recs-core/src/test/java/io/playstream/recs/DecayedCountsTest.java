package io.playstream.recs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecayedCountsTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void topIsByDecayedValue() {
    DecayedCounts c = new DecayedCounts(Decay.halfLife(Duration.ofHours(1)), 0);
    for (int i = 0; i < 3; i++) {
      c.add("old-hit", 1.0, T0);
    }
    c.add("new", 1.0, T0 + 3 * HOUR); // old-hit is worth 3/8 by now
    c.add("newer", 0.5, T0 + 3 * HOUR);
    assertThat(c.top(3))
        .extracting(DecayedCounts.Entry::key)
        .containsExactly("new", "newer", "old-hit");
    assertThat(c.value("old-hit", T0 + 3 * HOUR)).isCloseTo(0.375, within(1e-12));
  }

  @Test
  void boundedByPruningToCapacity() {
    for (boolean indexed : new boolean[] {false, true}) {
      DecayedCounts c = new DecayedCounts(Decay.none(), 3, indexed);
      for (int i = 0; i < 6; i++) {
        c.add("k" + i, i + 1, T0 + i);
      }
      assertThat(c.size()).isEqualTo(6);
      c.add("k6", 7, T0 + 6); // 7 keys > 2 × 3: pruned to the 3 largest
      assertThat(c.size()).isEqualTo(3);
      assertThat(c.top(0)).extracting(DecayedCounts.Entry::key).containsExactly("k6", "k5", "k4");
      c.add("k0", 1, T0 + 7); // a pruned key starts again from zero
      assertThat(c.value("k0", T0 + 7)).isEqualTo(1.0);
    }
  }

  @Test
  void expireDropsFadedCounters() {
    DecayedCounts c = new DecayedCounts(Decay.halfLife(Duration.ofHours(1)), 0);
    c.add("faded", 1.0, T0);
    c.add("fresh", 1.0, T0 + 10 * HOUR);
    assertThat(c.expire(T0 + 10 * HOUR, 0.01)).isEqualTo(1);
    assertThat(c.contains("faded")).isFalse();
    assertThat(c.contains("fresh")).isTrue();
    c.remove("fresh");
    assertThat(c.isEmpty()).isTrue();
  }
}
