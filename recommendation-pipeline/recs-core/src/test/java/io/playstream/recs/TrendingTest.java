package io.playstream.recs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrendingTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void perCountryWithDecay() {
    Trending t = new Trending(Decay.halfLife(Duration.ofHours(1)), 0);
    for (int i = 0; i < 4; i++) {
      t.add("SE", "old-favourite", 1, T0);
    }
    t.add("SE", "rising", 1, T0 + 3 * HOUR);
    t.add("SE", "rising", 1, T0 + 3 * HOUR);
    t.add("US", "us-only", 1, T0 + 3 * HOUR);
    // 4 plays 3 h ago weigh 0.5 now; 2 plays now weigh 2
    assertThat(t.top("SE", 2, x -> false)).containsExactly("rising", "old-favourite");
    assertThat(t.top("US", 1, x -> false)).containsExactly("us-only");
  }

  @Test
  void unknownCountryAndShortListsFallBackToGlobal() {
    Trending t = new Trending(Decay.none(), 0);
    t.add("SE", "a", 1, T0);
    t.add("SE", "a", 1, T0);
    t.add("US", "b", 1, T0);
    assertThat(t.top("FR", 2, x -> false)).containsExactly("a", "b");
    assertThat(t.top("US", 2, x -> false)).containsExactly("b", "a");
    assertThat(t.top(null, 5, x -> x.equals("a"))).containsExactly("b");
  }

  @Test
  void removedTitlesDisappear() {
    Trending t = new Trending(Decay.none(), 0);
    t.add("SE", "a", 1, T0);
    t.add("SE", "b", 1, T0);
    t.remove("a");
    assertThat(t.top("SE", 5, x -> false)).containsExactly("b");
    assertThat(t.countries()).containsExactlyInAnyOrder("SE", Trending.GLOBAL);
  }
}
