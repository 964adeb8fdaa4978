package io.playstream.recs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  private static RatingEvent r(String u, String i, double rating) {
    return new RatingEvent(u, i, rating, 0);
  }

  @Test
  void ratingThresholdThenIterativeKCore() {
    List<RatingEvent> in = new ArrayList<>();
    // u1, u2 rate a, b; u3 rates a and c; c has one rating -> dropped, then u3 has one -> dropped
    in.add(r("u1", "a", 4));
    in.add(r("u1", "b", 4));
    in.add(r("u2", "a", 5));
    in.add(r("u2", "b", 3));
    in.add(r("u3", "a", 4));
    in.add(r("u3", "c", 4));
    in.add(r("u3", "b", 1));
    List<RatingEvent> kept = Preprocessing.kCore(Preprocessing.minRating(in, 3), 2);
    assertThat(kept).extracting(RatingEvent::user).containsOnly("u1", "u2");
    assertThat(kept).hasSize(4);
    assertThat(Preprocessing.kCore(in, 1)).hasSize(7);
  }

  @Test
  void recBoleSplitCounts() {
    assertThat(StaticSplit.counts(10, new double[] {0.8, 0.1, 0.1})).containsExactly(8, 1, 1);
    assertThat(StaticSplit.counts(25, new double[] {0.8, 0.1, 0.1})).containsExactly(21, 2, 2);
    // fewer than 10: the small parts are rounded up to 1 while training keeps more than one
    assertThat(StaticSplit.counts(5, new double[] {0.8, 0.1, 0.1})).containsExactly(3, 1, 1);
  }

  @Test
  void splitIsPerUserAndSeeded() {
    List<RatingEvent> in = new ArrayList<>();
    for (int u = 0; u < 5; u++) {
      for (int i = 0; i < 20; i++) {
        in.add(r("u" + u, "i" + i, 4));
      }
    }
    StaticSplit a = StaticSplit.split(in, new double[] {0.8, 0.1, 0.1}, 1);
    StaticSplit b = StaticSplit.split(in, new double[] {0.8, 0.1, 0.1}, 1);
    assertThat(a.train()).hasSize(80);
    assertThat(a.valid()).hasSize(10);
    assertThat(a.test()).hasSize(10);
    assertThat(a.test()).isEqualTo(b.test());
    assertThat(a.test()).filteredOn(x -> x.user().equals("u3")).hasSize(2);
  }
}
