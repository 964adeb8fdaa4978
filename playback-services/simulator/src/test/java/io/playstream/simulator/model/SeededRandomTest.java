package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeededRandomTest {
  @Test
  void sameSeedAndPurposeGiveTheSameStream() {
    SeededRandom a = SeededRandom.of(42, "population");
    SeededRandom b = SeededRandom.of(42, "population");
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
  }

  @Test
  void otherSeedOrPurposeGivesAnotherStream() {
    long first = SeededRandom.of(42, "population").nextLong();
    assertThat(SeededRandom.of(43, "population").nextLong()).isNotEqualTo(first);
    assertThat(SeededRandom.of(42, "behaviour").nextLong()).isNotEqualTo(first);
  }

  @Test
  void theSequenceIsFixedByTheAlgorithm() {
    // SplitMix64 from state 0: the first output is a published constant
    assertThat(new SeededRandom(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
  }

  @Test
  void uuidsAreVersion4AndDistinct() {
    SeededRandom rng = new SeededRandom(7);
    UUID a = rng.uuid();
    UUID b = rng.uuid();
    assertThat(a.version()).isEqualTo(4);
    assertThat(a.variant()).isEqualTo(2);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void distributionsHaveTheirMeans() {
    SeededRandom rng = new SeededRandom(1);
    int n = 50_000;
    double uniform = 0;
    double exp = 0;
    double gauss = 0;
    double poisson = 0;
    int[] buckets = new int[10];
    for (int i = 0; i < n; i++) {
      uniform += rng.nextDouble();
      exp += rng.exponential(3.0);
      gauss += rng.gaussian();
      poisson += rng.poisson(2.5);
      buckets[rng.nextInt(10)]++;
    }
    assertThat(uniform / n).isCloseTo(0.5, within(0.01));
    assertThat(exp / n).isCloseTo(3.0, within(0.1));
    assertThat(gauss / n).isCloseTo(0.0, within(0.02));
    assertThat(poisson / n).isCloseTo(2.5, within(0.05));
    for (int b : buckets) {
      assertThat(b).isBetween(4_500, 5_500);
    }
  }

  @Test
  void weightedDrawsFollowTheWeights() {
    SeededRandom rng = new SeededRandom(3);
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) {
      counts[rng.weighted(new double[] {1, 2, 7})]++;
    }
    assertThat(counts[0] / 30_000.0).isCloseTo(0.1, within(0.01));
    assertThat(counts[1] / 30_000.0).isCloseTo(0.2, within(0.01));
    assertThat(counts[2] / 30_000.0).isCloseTo(0.7, within(0.01));
  }
}
