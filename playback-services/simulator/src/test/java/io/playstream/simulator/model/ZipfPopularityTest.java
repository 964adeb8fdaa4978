package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZipfPopularityTest {
  private static final int TITLES = 1_000;
  private static final int DRAWS = 400_000;

  @Test
  void rankOneIsDrawnAboutTenTimesAsOftenAsRankTenWithExponentOne() {
    assertThat(rankOneOverRankTen(1.0)).isCloseTo(10.0, within(1.5));
  }

  @Test
  void aSteeperExponentConcentratesPopularity() {
    // 10^1.5 = 31.6
    assertThat(rankOneOverRankTen(1.5)).isCloseTo(31.6, within(5.0));
  }

  @Test
  void drawsMatchTheStatedProbabilities() {
    ZipfPopularity zipf = new ZipfPopularity(TITLES, 1.0, SeededRandom.of(1, "p"));
    int[] counts = draw(zipf);
    int top = zipf.titleAtRank(1);
    // H(1000) = 7.485, so rank 1 has probability 0.1336
    assertThat(zipf.probability(top)).isCloseTo(1 / 7.4855, within(0.001));
    assertThat(counts[top] / (double) DRAWS).isCloseTo(zipf.probability(top), within(0.003));
  }

  @Test
  void ranksArePermutedBySeed() {
    ZipfPopularity a = new ZipfPopularity(TITLES, 1.0, SeededRandom.of(1, "p"));
    ZipfPopularity b = new ZipfPopularity(TITLES, 1.0, SeededRandom.of(1, "p"));
    ZipfPopularity c = new ZipfPopularity(TITLES, 1.0, SeededRandom.of(2, "p"));
    Set<Integer> seen = new HashSet<>();
    boolean differs = false;
    for (int r = 1; r <= TITLES; r++) {
      seen.add(a.titleAtRank(r));
      assertThat(a.titleAtRank(r)).isEqualTo(b.titleAtRank(r));
      assertThat(a.rankOf(a.titleAtRank(r))).isEqualTo(r);
      differs |= a.titleAtRank(r) != c.titleAtRank(r);
    }
    assertThat(seen).hasSize(TITLES);
    assertThat(differs).isTrue();
    assertThat(a.titleAtRank(1)).as("rank 1 is not simply the first title").isNotEqualTo(0);
  }

  @Test
  void rejectsANonPositiveExponent() {
    assertThatThrownBy(() -> new ZipfPopularity(10, 0, new SeededRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double rankOneOverRankTen(double exponent) {
    ZipfPopularity zipf = new ZipfPopularity(TITLES, exponent, SeededRandom.of(9, "p"));
    int[] counts = draw(zipf);
    return counts[zipf.titleAtRank(1)] / (double) counts[zipf.titleAtRank(10)];
  }

  private static int[] draw(ZipfPopularity zipf) {
    SeededRandom rng = new SeededRandom(5);
    int[] counts = new int[TITLES];
    for (int i = 0; i < DRAWS; i++) {
      counts[zipf.sample(rng)]++;
    }
    return counts;
  }
}
