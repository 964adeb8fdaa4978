package io.playstream.recs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  @Test
  void recBoleDefinitions() {
    RankingMetrics m = new RankingMetrics();
    // relevant {a, b}; a at rank 1, b at rank 3
    m.add(List.of("a", "x", "b", "y"), Set.of("a", "b"));
    // relevant {c}; not recommended
    m.add(List.of("x", "y"), Set.of("c"));
    RankingMetrics.Result r = m.result(10);
    double ndcg1 = (1 + 1 / log2(4)) / (1 + 1 / log2(3));
    assertThat(r.hr10()).isCloseTo(0.5, within(1e-12));
    assertThat(r.ndcg10()).isCloseTo(ndcg1 / 2, within(1e-12));
    assertThat(r.recall20()).isCloseTo(0.5, within(1e-12));
    assertThat(r.coverage10()).isCloseTo(0.4, within(1e-12)); // a, x, b, y of 10
    assertThat(r.cases()).isEqualTo(2);
  }

  @Test
  void cutOffs() {
    RankingMetrics m = new RankingMetrics();
    List<String> ranked = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ranked.add("i" + i);
    }
    m.add(ranked, Set.of("i15")); // rank 16: outside top 10, inside top 20
    RankingMetrics.Result r = m.result(100);
    assertThat(r.hr10()).isZero();
    assertThat(r.ndcg10()).isZero();
    assertThat(r.recall20()).isEqualTo(1.0);
    assertThat(r.coverage10()).isCloseTo(0.1, within(1e-12));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
