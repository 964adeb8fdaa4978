package io.playstream.simulator.model;

import java.util.Arrays;

/**
 * Title popularity: Zipf over a seeded random permutation of the catalog. The title at rank {@code
 * r} (1-based) is drawn with probability proportional to {@code 1 / r^exponent}; which title holds
 * which rank is a seeded shuffle, so popularity is unrelated to title id or genre.
 */
public final class ZipfPopularity {
  private final int[] titleAtRank; // 0-based rank -> title index
  private final int[] rankOfTitle; // title index -> 0-based rank
  private final double[] cumulative; // by 0-based rank, last = 1.0
  private final double exponent;

  public ZipfPopularity(int titleCount, double exponent, SeededRandom rng) {
    if (titleCount <= 0) {
      throw new IllegalArgumentException("titleCount must be positive");
    }
    if (!(exponent > 0)) {
      throw new IllegalArgumentException("the Zipf exponent must be positive: " + exponent);
    }
    this.exponent = exponent;
    titleAtRank = new int[titleCount];
    for (int i = 0; i < titleCount; i++) {
      titleAtRank[i] = i;
    }
    for (int i = titleCount - 1; i > 0; i--) { // Fisher-Yates
      int j = rng.nextInt(i + 1);
      int t = titleAtRank[i];
      titleAtRank[i] = titleAtRank[j];
      titleAtRank[j] = t;
    }
    rankOfTitle = new int[titleCount];
    for (int r = 0; r < titleCount; r++) {
      rankOfTitle[titleAtRank[r]] = r;
    }
    cumulative = new double[titleCount];
    double sum = 0;
    for (int r = 0; r < titleCount; r++) {
      sum += Math.pow(r + 1, -exponent);
      cumulative[r] = sum;
    }
    for (int r = 0; r < titleCount; r++) {
      cumulative[r] /= sum;
    }
    cumulative[titleCount - 1] = 1.0;
  }

  public int size() {
    return titleAtRank.length;
  }

  public double exponent() {
    return exponent;
  }

  /** Draws a title index by popularity. */
  public int sample(SeededRandom rng) {
    int pos = Arrays.binarySearch(cumulative, rng.nextDouble());
    int rank = pos >= 0 ? pos + 1 : -pos - 1;
    return titleAtRank[Math.min(rank, titleAtRank.length - 1)];
  }

  /** The title index at a 1-based rank. */
  public int titleAtRank(int rank) {
    return titleAtRank[rank - 1];
  }

  /** The 1-based popularity rank of a title index. */
  public int rankOf(int titleIndex) {
    return rankOfTitle[titleIndex] + 1;
  }

  /** Probability that one draw picks this title index. */
  public double probability(int titleIndex) {
    int r = rankOfTitle[titleIndex];
    return r == 0 ? cumulative[0] : cumulative[r] - cumulative[r - 1];
  }
}
