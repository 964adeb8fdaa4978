package io.playstream.recs;

import java.io.Serializable;

/**
 * Item-item similarity from co-occurrence counts.
 *
 * <ul>
 *   <li>{@link Kind#COSINE}: {@code c(i,j) / (sqrt(n(i) n(j)) + shrink)} — cosine of the two items'
 *       (decayed, binary) profile vectors, as in item-based kNN (Sarwar et al. 2001; Deshpande and
 *       Karypis 2004).
 *   <li>{@link Kind#JACCARD}: {@code c(i,j) / (n(i) + n(j) - c(i,j) + shrink)} — the Jaccard index
 *       used by SAR.
 * </ul>
 *
 * The shrink term damps similarities resting on few co-occurrences.
 *
 * @param kind cosine or Jaccard
 * @param shrink added to the denominator (≥ 0)
 * @param neighbours neighbours kept per item (top by similarity)
 */
public record Similarity(Kind kind, double shrink, int neighbours) implements Serializable {
  public enum Kind {
    COSINE,
    JACCARD
  }

  public Similarity {
    if (shrink < 0 || neighbours <= 0) {
      throw new IllegalArgumentException("shrink must be >= 0 and neighbours > 0");
    }
  }

  /** Similarity of counts taken at one common time. */
  public double of(double coCount, double countI, double countJ) {
    if (coCount <= 0 || countI <= 0 || countJ <= 0) {
      return 0.0;
    }
    return switch (kind) {
      case COSINE -> coCount / (Math.sqrt(countI * countJ) + shrink);
      case JACCARD -> coCount / (Math.max(countI + countJ - coCount, coCount) + shrink);
    };
  }
}
