package io.playstream.recs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Item-item similarity on hand-made histories: known neighbours, decay, bounds. */
class NeighbourIndexTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final Similarity COSINE = new Similarity(Similarity.Kind.COSINE, 0, 10);

  private static StreamingConfig config(Duration halfLife, Similarity sim) {
    return StreamingConfig.defaults().withCooccurrenceHalfLife(halfLife).withSimilarity(sim);
  }

  @Test
  void cosineOfKnownNeighbours() {
    StreamingModel m = new StreamingModel(config(Duration.ZERO, COSINE), 0);
    // a and b watch x then y; c watches x then z; d watches y alone
    m.learn("a", "SE", "x", 1, T0);
    m.learn("a", "SE", "y", 1, T0 + 1);
    m.learn("b", "SE", "x", 1, T0 + 2);
    m.learn("b", "SE", "y", 1, T0 + 3);
    m.learn("c", "SE", "x", 1, T0 + 4);
    m.learn("c", "SE", "z", 1, T0 + 5);
    m.learn("d", "SE", "y", 1, T0 + 6);
    m.refreshAll();
    Neighbours nx = m.neighboursOf("x");
    assertThat(nx.items()).containsExactly("y", "z");
    // n(x)=3, n(y)=3, c(x,y)=2 -> 2/3; n(z)=1, c(x,z)=1 -> 1/sqrt(3)
    assertThat(nx.similarities()[0]).isCloseTo(2.0 / 3.0, within(1e-12));
    assertThat(nx.similarities()[1]).isCloseTo(1 / Math.sqrt(3), within(1e-12));
    assertThat(m.similarity("y", "x")).isCloseTo(2.0 / 3.0, within(1e-12));
    assertThat(m.neighboursOf("unknown").size()).isZero();
  }

  @Test
  void jaccardOfKnownNeighbours() {
    StreamingModel m =
        new StreamingModel(
            config(Duration.ZERO, new Similarity(Similarity.Kind.JACCARD, 0, 10)), 0);
    m.learn("a", null, "x", 1, T0);
    m.learn("a", null, "y", 1, T0 + 1);
    m.learn("b", null, "x", 1, T0 + 2);
    m.refreshAll();
    // |x ∩ y| = 1, |x ∪ y| = 2
    assertThat(m.similarity("x", "y")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void decayLetsRecentCooccurrencesWin() {
    StreamingModel m = new StreamingModel(config(Duration.ofDays(1), COSINE), 0);
    // three profiles paired x with y ten days ago; one pairs x with z today
    for (String p : new String[] {"a", "b", "c"}) {
      m.learn(p, null, "x", 1, T0);
      m.learn(p, null, "y", 1, T0 + 1);
    }
    m.learn("d", null, "x", 1, T0 + 10 * DAY);
    m.learn("d", null, "z", 1, T0 + 10 * DAY + 1);
    m.refreshAll();
    assertThat(m.neighboursOf("x").items()).startsWith("z");

    StreamingModel plain = new StreamingModel(config(Duration.ZERO, COSINE), 0);
    for (String p : new String[] {"a", "b", "c"}) {
      plain.learn(p, null, "x", 1, T0);
      plain.learn(p, null, "y", 1, T0 + 1);
    }
    plain.learn("d", null, "x", 1, T0 + 10 * DAY);
    plain.learn("d", null, "z", 1, T0 + 10 * DAY + 1);
    plain.refreshAll();
    assertThat(plain.neighboursOf("x").items()).startsWith("y");
  }

  @Test
  void similarityDoesNotDependOnSnapshotTimes() {
    // x's snapshot is taken later than y's; the counts are brought to one time first
    Decay d = Decay.halfLife(Duration.ofDays(1));
    ItemSnapshot x = new ItemSnapshot("x", 2.0, T0 + DAY, new String[] {"y"}, new double[] {1.0});
    ItemSnapshot y = new ItemSnapshot("y", 4.0, T0, new String[] {"x"}, new double[] {2.0});
    NeighbourIndex idx =
        new NeighbourIndex(COSINE, d, item -> item.equals("x") ? x : item.equals("y") ? y : null);
    // at T0 + DAY: n(y) = 2, c = 1, n(x) = 2 -> 1/2
    assertThat(idx.similarity("x", "y")).isCloseTo(0.5, within(1e-12));
    assertThat(idx.similarity("y", "x")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void neighbourListsAndCountersAreBounded() {
    StreamingConfig c =
        new StreamingConfig(
            1000,
            1000,
            Duration.ZERO,
            5,
            4,
            new Similarity(Similarity.Kind.COSINE, 0, 3),
            Duration.ofDays(7),
            100,
            Duration.ZERO);
    StreamingModel m = new StreamingModel(c, 0);
    for (int i = 0; i < 30; i++) {
      m.learn("p", null, "t" + i, 1, T0 + i);
    }
    m.refreshAll();
    assertThat(m.itemState("t0").cooccurrences().size()).isLessThanOrEqualTo(10);
    assertThat(m.neighboursOf("t0").size()).isEqualTo(3);
  }

  @Test
  void snapshotsAreDebounced() {
    StreamingModel m = new StreamingModel(config(Duration.ZERO, COSINE), 60_000);
    m.learn("a", null, "x", 1, T0);
    m.learn("a", null, "y", 1, T0 + 1);
    m.refresh(T0 + 30_000);
    assertThat(m.neighboursOf("x").size()).isZero();
    m.refresh(T0 + 60_001); // y changed 1 ms after x
    assertThat(m.neighboursOf("x").items()).containsExactly("y");
  }
}
