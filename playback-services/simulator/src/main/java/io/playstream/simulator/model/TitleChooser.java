package io.playstream.simulator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
  }

  /** Builds the next row for a profile; {@code lastWatched} is a title index or -1. */
  public Row row(Profile profile, int lastWatched, SeededRandom rng) {
    if (lastWatched >= 0 && rng.chance(0.35)) {
      double[] anchor = factors[lastWatched];
      int[] pool = draw(profile, POOL, lastWatched, rng);
      Integer[] sorted = boxed(pool);
      Arrays.sort(
          sorted,
          Comparator.comparingDouble((Integer t) -> -TasteSpace.affinity(anchor, factors[t]))
              .thenComparing(t -> t));
      return new Row("because-you-watched", firstN(sorted));
    }
    int kind = rng.weighted(new double[] {0.5, 0.25, 0.25});
    if (kind == 1) {
      Integer[] sorted = boxed(draw(profile, POOL, -1, rng));
      Arrays.sort(
          sorted,
          Comparator.comparingInt((Integer t) -> -catalog.get(t).releaseYear())
              .thenComparing(t -> t));
      return new Row("new-releases", firstN(sorted));
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
    int wanted = Math.min(count, catalog.size() - (exclude >= 0 ? 1 : 0));
    List<Integer> picked = new ArrayList<>(wanted);
    int attempts = 0;
    while (picked.size() < wanted && attempts < 50 * count) {
      attempts++;
      int t = popularity.sample(rng);
      if (t == exclude || picked.contains(t)) {
        continue;
      }
      if (!catalog.get(t).isLicensedIn(profile.country()) && !rng.chance(UNLICENSED_KEEP)) {
        continue;
      }
      picked.add(t);
    }
    return picked.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Integer[] boxed(int[] a) {
    return Arrays.stream(a).boxed().toArray(Integer[]::new);
  }

  private static int[] firstN(Integer[] sorted) {
    return Arrays.stream(sorted).limit(ROW_SIZE).mapToInt(Integer::intValue).toArray();
  }
}
