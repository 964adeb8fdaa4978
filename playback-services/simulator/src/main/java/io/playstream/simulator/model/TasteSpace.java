package io.playstream.simulator.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latent space in which profiles' hidden tastes meet titles.
 *
 * <p>Every genre gets a seeded random unit vector of dimension {@value #DIMENSION}. A title's
 * factor is the normalised mean of its genres' vectors plus Gaussian noise ({@value #TITLE_NOISE});
 * a taste is a normalised weighted sum of one to three favourite genres plus noise ({@value
 * #TASTE_NOISE}). Both are unit vectors, so their dot product, the <em>affinity</em>, lies in [-1,
 * 1].
 *
 * <p>The appeal of a title to a profile, the probability of choosing it when noticed, is {@code
 * sigmoid(SHARPNESS * (affinity - THRESHOLD))}: about 0.99 at affinity 1, 0.14 at 0 and 0.0004 at
 * -1, so taste really decides what gets played.
 */
public final class TasteSpace {
  public static final int DIMENSION = 8;
  static final double TITLE_NOISE = 0.35;
  static final double TASTE_NOISE = 0.45;
  public static final double SHARPNESS = 6.0;
  public static final double THRESHOLD = 0.3;

  private final long seed;
  private final Map<String, double[]> genreVectors = new HashMap<>();

  public TasteSpace(long seed) {
    this.seed = seed;
  }

  /** The unit vector of a genre (the same for a seed whatever else is in the catalog). */
  public double[] genreVector(String genre) {
    return genreVectors.computeIfAbsent(
        genre, g -> gaussianUnit(SeededRandom.of(seed, "genre:" + g)));
  }

  /** The latent factor of a title, derived from its genres and a per-title seeded noise. */
  public double[] titleFactor(Title title) {
    SeededRandom rng = SeededRandom.of(seed, "title:" + title.titleId());
    double[] v = new double[DIMENSION];
    for (String g : title.genres()) {
      add(v, genreVector(g), 1.0 / Math.max(1, title.genres().size()));
    }
    for (int i = 0; i < DIMENSION; i++) {
      v[i] += TITLE_NOISE * rng.gaussian();
    }
    return normalize(v, rng);
  }

  /** A taste around the given favourite genres (weights decreasing), with noise. */
  public double[] taste(List<String> favouriteGenres, SeededRandom rng) {
    double[] v = new double[DIMENSION];
    double w = 1.0;
    for (String g : favouriteGenres) {
      add(v, genreVector(g), w);
      w *= 0.6;
    }
    for (int i = 0; i < DIMENSION; i++) {
      v[i] += TASTE_NOISE * rng.gaussian();
    }
    return normalize(v, rng);
  }

  /** Dot product of two unit vectors: in [-1, 1]. */
  public static double affinity(double[] taste, double[] factor) {
    double dot = 0;
    for (int i = 0; i < taste.length; i++) {
      dot += taste[i] * factor[i];
    }
    return dot;
  }

  /** Probability that a profile picks a noticed title of this affinity. */
  public static double appeal(double affinity) {
    return 1.0 / (1.0 + Math.exp(-SHARPNESS * (affinity - THRESHOLD)));
  }

  private static void add(double[] v, double[] u, double weight) {
    for (int i = 0; i < v.length; i++) {
      v[i] += weight * u[i];
    }
  }

  private static double[] gaussianUnit(SeededRandom rng) {
    double[] v = new double[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = rng.gaussian();
    }
    return normalize(v, rng);
  }

  private static double[] normalize(double[] v, SeededRandom rng) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm < 1e-9) { // practically never; draw again rather than divide by zero
      return gaussianUnit(rng);
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
    return v;
  }
}
