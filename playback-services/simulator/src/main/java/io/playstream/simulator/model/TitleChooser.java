package io.playstream.simulator.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a profile is shown and what it picks.
 *
 * <p>A row holds {@value #ROW_SIZE} distinct titles drawn by popularity (Zipf). The UI hides titles
 * not licensed in the profile's country, except a stale {@value #UNLICENSED_KEEP} share that slips
 * through and later earns a 451. Rows: {@code trending} and {@code popular-near-you} are plain
 * popularity draws, {@code new-releases} keeps the newest of 30 draws and {@code
 * because-you-watched} the 10 of 30 draws closest to the last watched title.
 *
 * <p>The profile scans the row left to right, noticing position {@code i} with probability {@code
 * 0.9^i}, and plays a noticed title with probability {@link TasteSpace#appeal} of its affinity; the
 * first such title is played. Rows are not personalised by the hidden taste (that is the
 * recommender's job to learn), but choices are.
 */
public final class TitleChooser {
  public static final int ROW_SIZE = 10;
  static final double UNLICENSED_KEEP = 0.05;
  static final double ATTENTION_DECAY = 0.9;
  private static final int POOL = 30;

  private final TitleCatalog catalog;
  private final ZipfPopularity popularity;
  private final double[][] factors;

  /**
   * Where each title is licensed as a bit set over {@link #countryBits}, so that drawing a row does
   * not hash country names; null when the catalog names more than 64 countries (then {@link
   * Title#isLicensedIn} answers).
   */
  private final long[] licensedMask;

  private final Map<String, Long> countryBits = new HashMap<>();

  /**
   * A row shown to a profile.
   *
   * @param name row name, e.g. {@code trending}
   * @param titles catalog indexes, left to right
   */
  public record Row(String name, int[] titles) {}

  public TitleChooser(TitleCatalog catalog, ZipfPopularity popularity, double[][] factors) {
    this.catalog = catalog;
    this.popularity = popularity;
    this.factors = factors;
    long[] masks = new long[catalog.size()];
    for (int t = 0; t < catalog.size() && masks != null; t++) {
      for (String country : catalog.get(t).licensedCountries()) {
        Long bit = countryBits.get(country);
        if (bit == null) {
          if (countryBits.size() == Long.SIZE) {
            masks = null;
            break;
          }
          bit = 1L << countryBits.size();
          countryBits.put(country, bit);
        }
        masks[t] |= bit;
      }
    }
    this.licensedMask = masks;
  }

  /** Builds the next row for a profile; {@code lastWatched} is a title index or -1. */
  public Row row(Profile profile, int lastWatched, SeededRandom rng) {
    if (lastWatched >= 0 && rng.chance(0.35)) {
      double[] anchor = factors[lastWatched];
      int[] pool = draw(profile, POOL, lastWatched, rng);
      double[] keys = new double[pool.length];
      for (int i = 0; i < pool.length; i++) {
        keys[i] = -TasteSpace.affinity(anchor, factors[pool[i]]);
      }
      return new Row("because-you-watched", firstN(pool, keys));
    }
    int kind = rng.weighted(new double[] {0.5, 0.25, 0.25});
    if (kind == 1) {
      int[] pool = draw(profile, POOL, -1, rng);
      double[] keys = new double[pool.length];
      for (int i = 0; i < pool.length; i++) {
        keys[i] = -catalog.get(pool[i]).releaseYear();
      }
      return new Row("new-releases", firstN(pool, keys));
    }
    return new Row(kind == 0 ? "trending" : "popular-near-you", draw(profile, ROW_SIZE, -1, rng));
  }

  /** The catalog index of the title the profile plays from the row, or -1 when none appeals. */
  public int choose(Profile profile, int[] row, SeededRandom rng) {
    double attention = 1.0;
    for (int t : row) {
      if (rng.chance(attention) && rng.chance(appeal(profile, t))) {
        return t;
      }
      attention *= ATTENTION_DECAY;
    }
    return -1;
  }

  /** Probability that the profile plays this title once it noticed it. */
  public double appeal(Profile profile, int titleIndex) {
    return TasteSpace.appeal(affinity(profile, titleIndex));
  }

  public double affinity(Profile profile, int titleIndex) {
    return TasteSpace.affinity(profile.taste(), factors[titleIndex]);
  }

  private int[] draw(Profile profile, int count, int exclude, SeededRandom rng) {
    int wanted = Math.max(0, Math.min(count, catalog.size() - (exclude >= 0 ? 1 : 0)));
    int[] picked = new int[wanted];
    int n = 0;
    long countryBit = licensedMask == null ? 0 : countryBits.getOrDefault(profile.country(), 0L);
    int attempts = 0;
    while (n < wanted && attempts < 50 * count) {
      attempts++;
      int t = popularity.sample(rng);
      if (t == exclude || contains(picked, n, t)) {
        continue;
      }
      boolean licensed =
          licensedMask != null
              ? (licensedMask[t] & countryBit) != 0
              : catalog.get(t).isLicensedIn(profile.country());
      if (!licensed && !rng.chance(UNLICENSED_KEEP)) {
        continue;
      }
      picked[n++] = t;
    }
    return n == wanted ? picked : Arrays.copyOf(picked, n);
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first {@value #ROW_SIZE} titles of the pool ordered by key, then by title index (insertion
   * sort: the pool holds at most 30 distinct titles).
   */
  private static int[] firstN(int[] pool, double[] keys) {
    int[] titles = pool.clone();
    double[] k = keys.clone();
    for (int i = 1; i < titles.length; i++) {
      int t = titles[i];
      double key = k[i];
      int j = i - 1;
      while (j >= 0 && comesAfter(k[j], titles[j], key, t)) {
        titles[j + 1] = titles[j];
        k[j + 1] = k[j];
        j--;
      }
      titles[j + 1] = t;
      k[j + 1] = key;
    }
    return Arrays.copyOf(titles, Math.min(ROW_SIZE, titles.length));
  }

  /** The order of {@code Comparator.comparingDouble(key).thenComparing(title)}. */
  private static boolean comesAfter(double keyA, int titleA, double keyB, int titleB) {
    int c = Double.compare(keyA, keyB);
    return c > 0 || (c == 0 && titleA > titleB);
  }
}
