package io.playstream.recs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommendationScorerTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final RecommendationScorer KNN =
      new RecommendationScorer(new RecommendationScorer.Config(1, 0, Decay.none()));

  /** a, b, c watched x, y, z; d watched x, w; e watches x. */
  private static StreamingModel model() {
    StreamingModel m =
        new StreamingModel(StreamingConfig.defaults().withCooccurrenceHalfLife(Duration.ZERO), 0);
    long t = T0;
    for (String p : new String[] {"a", "b", "c"}) {
      for (String item : new String[] {"x", "y", "z"}) {
        m.learn(p, "SE", item, 1, t++);
      }
    }
    m.learn("d", "SE", "x", 1, t++);
    m.learn("d", "SE", "w", 1, t++);
    m.learn("e", "SE", "x", 1, t++);
    m.refreshAll();
    return m;
  }

  @Test
  void recommendsNeighboursAndExcludesWatched() {
    List<ScoredTitle> recs = model().recommend(KNN, "e", null, t -> false, 3);
    assertThat(recs).extracting(ScoredTitle::titleId).containsExactly("y", "z", "w");
    assertThat(recs.get(0).score()).isCloseTo(1.0, within(1e-12));
    assertThat(recs).extracting(ScoredTitle::titleId).doesNotContain("x");
  }

  @Test
  void excludesUnlicensedTitles() {
    Set<String> notLicensed = Set.of("y");
    List<ScoredTitle> recs = model().recommend(KNN, "e", null, notLicensed::contains, 3);
    assertThat(recs).extracting(ScoredTitle::titleId).containsExactly("z", "w");
  }

  @Test
  void coldStartGetsTrending() {
    StreamingModel m = model();
    List<ScoredTitle> recs = m.recommend(KNN, "new-profile", null, t -> false, 2);
    // x was played 5 times, y and z 3 times each, z last (trending decays: more recent wins)
    assertThat(recs).extracting(ScoredTitle::titleId).containsExactly("x", "z");
    assertThat(recs).allSatisfy(r -> assertThat(r.score()).isZero());
  }

  @Test
  void blendCombinesNormalisedScores() {
    RecommendationScorer half =
        new RecommendationScorer(new RecommendationScorer.Config(0.5, 0.5, Decay.none()));
    // one factor per item: item "p" is liked by the factor model, "q" by kNN
    FactorModel f =
        new FactorModel(
            "v1",
            new String[] {"h", "p", "q"},
            new double[][] {{1.0}, {1.0}, {-1.0}},
            1.0,
            0.1,
            false);
    NeighbourIndex knn =
        new NeighbourIndex(
            new Similarity(Similarity.Kind.COSINE, 0, 5),
            Decay.none(),
            item ->
                switch (item) {
                  case "h" -> new ItemSnapshot("h", 1, T0, new String[] {"q"}, new double[] {1});
                  case "q" -> new ItemSnapshot("q", 1, T0, new String[] {"h"}, new double[] {1});
                  default -> null;
                });
    List<ProfileHistory.Entry> history = List.of(new ProfileHistory.Entry("h", T0, 1));
    List<ScoredTitle> recs = half.recommend(history, T0, t -> t.equals("h"), knn, f, List.of(), 2);
    // kNN: q = 1 (normalised); factors: p = 1, q = 0 -> p 0.5, q 0.5 -> tie broken by id
    assertThat(recs).extracting(ScoredTitle::titleId).containsExactly("p", "q");
    assertThat(recs.get(0).score()).isCloseTo(0.5, within(1e-9));
    assertThat(recs.get(1).score()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void topBreaksTiesByTitle() {
    assertThat(RecommendationScorer.top(Map.of("b", 1.0, "a", 1.0, "c", 2.0), 2))
        .extracting(ScoredTitle::titleId)
        .containsExactly("c", "a");
  }
}
