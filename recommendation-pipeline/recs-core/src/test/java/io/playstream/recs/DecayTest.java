package io.playstream.recs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecayTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long ONE_DAY = Duration.ofDays(1).toMillis();
  private final Decay daily = Decay.halfLife(Duration.ofDays(1));

  @Test
  void halvesPerHalfLife() {
    assertThat(daily.factor(T0, T0 + ONE_DAY)).isCloseTo(0.5, within(1e-12));
    assertThat(daily.factor(T0, T0 + 3 * ONE_DAY)).isCloseTo(0.125, within(1e-12));
    assertThat(daily.factor(T0, T0 - ONE_DAY)).isEqualTo(1.0);
    assertThat(Decay.none().factor(T0, T0 + 1000 * ONE_DAY)).isEqualTo(1.0);
  }

  @Test
  void addingIsOrderIndependent() {
    double inOrder =
        daily.add(daily.add(1.0, T0, 1.0, T0 + ONE_DAY), T0 + ONE_DAY, 1.0, T0 + 2 * ONE_DAY);
    // the same three weights, the middle one arriving last (late event)
    double late =
        daily.add(daily.add(1.0, T0, 1.0, T0 + 2 * ONE_DAY), T0 + 2 * ONE_DAY, 1.0, T0 + ONE_DAY);
    assertThat(late).isCloseTo(inOrder, within(1e-12));
    assertThat(inOrder).isCloseTo(0.25 + 0.5 + 1.0, within(1e-12));
  }

  @Test
  void rankKeyOrdersValuesOfDifferentTimes() {
    // 3 plays two days ago weigh 0.75 now; 1 play now weighs 1
    assertThat(daily.rankKey(1.0, T0 + 2 * ONE_DAY)).isGreaterThan(daily.rankKey(3.0, T0));
    // 5 plays two days ago weigh 1.25 now
    assertThat(daily.rankKey(5.0, T0)).isGreaterThan(daily.rankKey(1.0, T0 + 2 * ONE_DAY));
    assertThat(daily.ratio(T0 + ONE_DAY, T0)).isCloseTo(2.0, within(1e-12));
  }
}
