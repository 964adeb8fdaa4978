package io.playstream.recs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traffic simulator's ground truth (its {@code --ground-truth FILE}: every profile's hidden
 * taste, every title's latent factor and popularity) as an evaluation dataset: plays drawn with the
 * simulator's own choice model, so a recommender is measured on data whose preferences are known.
 *
 * <p>The choice model, as {@code playback-services/simulator}'s {@code SimulationModel} and {@code
 * TitleChooser} run it: a visit picks a profile by its activity weight and shows up to 3 rows of 10
 * distinct titles; once the profile has played something, a row is {@code because-you-watched} with
 * probability 0.35 (of 30 distinct popularity draws other than the last played title, the 10 whose
 * factors are closest to its factor), else 10 distinct popularity draws. Position {@code i} is
 * noticed with probability 0.9^i and a noticed title is played with probability {@code appeal =
 * sigmoid(s (taste · factor − t))} (s and t read from the file's {@code appeal} formula); the first
 * such title is the play; after a row without one the visit ends with probability 0.4.
 *
 * <p>What the file cannot tell and is therefore not modelled: licensing (the simulator hides titles
 * not licensed in the profile's country, except a stale 5 %) and the {@code new-releases} rows (the
 * newest of 30 draws; the file has no release years) — both drawn as plain popularity rows here. A
 * profile does not play the same title twice here (the simulator may replay; the evaluation keeps
 * one play per pair anyway). Plays are one minute apart in event time, in visit order, each with
 * rating 5 (an implicit positive).
 */
public final class SimulatorGroundTruth {
  /** Rating value given to every synthesized play. */
  public static final double PLAY_RATING = 5.0;

  static final int ROWS_PER_VISIT = 3;
  static final int ROW_SIZE = 10;
  static final double NOTICE_DECAY = 0.9;
  static final double LEAVE_AFTER_FRUITLESS_ROW = 0.4;

  /** Share of rows that are {@code because-you-watched} once the profile watched something. */
  static final double BECAUSE_YOU_WATCHED = 0.35;

  /** Popularity draws a {@code because-you-watched} row keeps the closest ten of. */
  static final int BECAUSE_YOU_WATCHED_POOL = 30;

  private static final Pattern APPEAL =
      Pattern.compile(
          "sigmoid\\(\\s*([-0-9.eE]+)\\s*\\*\\s*\\(taste \\. factor - ([-0-9.eE]+)\\)\\s*\\)");
  private static final long START = 1_700_000_000_000L;
  private static final long STEP = 60_000L;

  /** A profile: id, activity weight, hidden taste. */
  record Profile(String id, double activity, double[] taste) {}

  /** A title: id, popularity (probability of one popularity draw), latent factor. */
  record Title(String id, double popularity, double[] factor) {}

  private final long seed;
  private final double sharpness;
  private final double threshold;
  private final List<Profile> profiles;
  private final List<Title> titles;

  SimulatorGroundTruth(
      long seed, double sharpness, double threshold, List<Profile> profiles, List<Title> titles) {
    if (profiles.isEmpty() || titles.isEmpty()) {
      throw new IllegalArgumentException("the ground truth lists no profiles or no titles");
    }
    this.seed = seed;
    this.sharpness = sharpness;
    this.threshold = threshold;
    this.profiles = List.copyOf(profiles);
    this.titles = List.copyOf(titles);
  }

  /**
   * Reads a file written by the simulator's {@code --ground-truth}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is not a ground-truth file
   */
  public static SimulatorGroundTruth read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.path("profiles").isArray() || !root.path("titles").isArray()) {
      throw new IllegalArgumentException(
          file + ": not a simulator ground-truth file (expected profiles and titles)");
    }
    double sharpness = 6.0;
    double threshold = 0.3;
    Matcher m = APPEAL.matcher(root.path("appeal").asText(""));
    if (m.find()) {
      sharpness = Double.parseDouble(m.group(1));
      threshold = Double.parseDouble(m.group(2));
    }
    List<Profile> profiles = new ArrayList<>();
    for (JsonNode p : root.path("profiles")) {
      profiles.add(
          new Profile(
              p.path("profile_id").asText(), p.path("activity").asDouble(1.0), vector(p, "taste")));
    }
    List<Title> titles = new ArrayList<>();
    for (JsonNode t : root.path("titles")) {
      titles.add(
          new Title(
              t.path("title_id").asText(), t.path("popularity").asDouble(), vector(t, "factor")));
    }
    return new SimulatorGroundTruth(
        root.path("seed").asLong(0), sharpness, threshold, profiles, titles);
  }

  private static double[] vector(JsonNode node, String field) {
    JsonNode a = node.path(field);
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  /** Profiles in the file. */
  public int profileCount() {
    return profiles.size();
  }

  /** Titles in the file. */
  public int titleCount() {
    return titles.size();
  }

  /** The simulator seed the file was written with. */
  public long simulatorSeed() {
    return seed;
  }

  /** Probability that a profile plays a title it noticed. */
  double appeal(Profile p, Title t) {
    double dot = 0;
    for (int i = 0; i < Math.min(p.taste().length, t.factor().length); i++) {
      dot += p.taste()[i] * t.factor()[i];
    }
    return 1.0 / (1.0 + Math.exp(-sharpness * (dot - threshold)));
  }

  /** Name of the oracle that ranks by the model's probability that a visit plays the title. */
  public static final String ORACLE = "oracle";

  /** Name of the oracle that ranks by the hidden taste alone (appeal, popularity ignored). */
  public static final String TASTE_ONLY = "taste-only";

  /** Rows simulated to estimate where each title lands in a row ({@link #playOracle}). */
  static final int ORACLE_ROWS = 200_000;

  /**
   * Rankings that know the hidden state, as upper references for the recommenders: {@value #ORACLE}
   * scores a (profile, title) by the probability that one visit of the profile plays the title
   * under this choice model — the Bayes-optimal ranking of the next play — and {@value #TASTE_ONLY}
   * by the appeal alone (what a perfect taste model that ignores how often titles are shown would
   * rank). Unknown profiles or titles score negative infinity.
   *
   * @param drawSeed seed of the Monte-Carlo rows behind {@value #ORACLE}
   */
  public Map<String, ToDoubleBiFunction<String, String>> oracles(long drawSeed) {
    Map<String, Integer> profileIndex = new HashMap<>();
    for (int i = 0; i < profiles.size(); i++) {
      profileIndex.put(profiles.get(i).id(), i);
    }
    Map<String, Integer> titleIndex = new HashMap<>();
    for (int i = 0; i < titles.size(); i++) {
      titleIndex.put(titles.get(i).id(), i);
    }
    PlayOracle play = playOracle(drawSeed);
    Map<String, ToDoubleBiFunction<String, String>> out = new LinkedHashMap<>();
    out.put(
        ORACLE,
        (user, item) -> {
          Integer p = profileIndex.get(user);
          Integer t = titleIndex.get(item);
          return p == null || t == null ? Double.NEGATIVE_INFINITY : play.probability(p, t);
        });
    out.put(
        TASTE_ONLY,
        (user, item) -> {
          Integer p = profileIndex.get(user);
          Integer t = titleIndex.get(item);
          return p == null || t == null
              ? Double.NEGATIVE_INFINITY
              : appeal(profiles.get(p), titles.get(t));
        });
    return out;
  }

  /**
   * The probability that a row of this model plays title {@code t} for profile {@code p}: {@code
   * appeal(p, t) · Σ_i 0.9^i · S_p(i) · P(t at position i)}. Rows are successive popularity draws
   * without repeats, so {@code P(t at i) = pop(t) · E[1{t not in the first i} / (1 − mass of the
   * first i)]}; that expectation is estimated from {@value #ORACLE_ROWS} simulated rows for every
   * title at once (Rao-Blackwellised: each simulated row contributes its exact conditional
   * probability for every title, not just the one drawn). {@code S_p(i)}, the chance that no
   * earlier position was played, uses the profile's mean appeal of a title at each position. A
   * visit's further rows repeat the same distribution, so they scale a profile's scores without
   * changing their order; the titles a profile already played are left to the evaluation's
   * exclusion.
   */
  PlayOracle playOracle(long drawSeed) {
    int n = titles.size();
    double[] pop = new double[n];
    double total = 0;
    for (int t = 0; t < n; t++) {
      pop[t] = Math.max(0, titles.get(t).popularity());
      total += pop[t];
    }
    for (int t = 0; t < n; t++) {
      pop[t] = total > 0 ? pop[t] / total : 1.0 / n;
    }
    double[] popularity = cumulative(pop);
    SplittableRandom random = new SplittableRandom(drawSeed);
    int[] row = new int[ROW_SIZE];
    double[] inv = new double[ROW_SIZE];
    double[] all = new double[ROW_SIZE]; // Σ over rows of 1 / (1 − mass before position i)
    double[][] picked = new double[n][]; // per title: Σ of the same over rows where it came first
    for (int r = 0; r < ORACLE_ROWS; r++) {
      int size = row(popularity, random, row);
      double mass = 0;
      for (int i = 0; i < size; i++) {
        inv[i] = mass < 1 ? 1.0 / (1.0 - mass) : 0;
        all[i] += inv[i];
        mass += pop[row[i]];
      }
      for (int k = 0; k < size; k++) {
        double[] c = picked[row[k]];
        if (c == null) {
          c = picked[row[k]] = new double[ROW_SIZE];
        }
        for (int i = k + 1; i < size; i++) {
          c[i] += inv[i];
        }
      }
    }
    double[][] atPosition = new double[n][ROW_SIZE]; // P(t at position i)
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < ROW_SIZE; i++) {
        double notBefore = all[i] - (picked[t] == null ? 0 : picked[t][i]);
        atPosition[t][i] = pop[t] * notBefore / ORACLE_ROWS;
      }
    }
    return new PlayOracle(atPosition);
  }

  /** The per-position exposure of every title, with per-profile position weights cached. */
  final class PlayOracle {
    private final double[][] atPosition;
    private final double[][] positionWeight;

    private PlayOracle(double[][] atPosition) {
      this.atPosition = atPosition;
      this.positionWeight = new double[profiles.size()][];
    }

    /** P(the profile plays title t from one row). */
    double probability(int p, int t) {
      double[] w = weights(p);
      double exposure = 0;
      for (int i = 0; i < ROW_SIZE; i++) {
        exposure += w[i] * atPosition[t][i];
      }
      return exposure * appeal(profiles.get(p), titles.get(t));
    }

    /** {@code 0.9^i · S_p(i)}: position i noticed, and nothing before it played. */
    private synchronized double[] weights(int p) {
      if (positionWeight[p] == null) {
        Profile profile = profiles.get(p);
        double[] meanAppeal = new double[ROW_SIZE];
        double[] mass = new double[ROW_SIZE];
        for (int t = 0; t < titles.size(); t++) {
          double a = appeal(profile, titles.get(t));
          for (int i = 0; i < ROW_SIZE; i++) {
            meanAppeal[i] += atPosition[t][i] * a;
            mass[i] += atPosition[t][i];
          }
        }
        double[] w = new double[ROW_SIZE];
        double notice = 1.0;
        double nothingYet = 1.0;
        for (int i = 0; i < ROW_SIZE; i++) {
          w[i] = notice * nothingYet;
          double a = mass[i] > 0 ? meanAppeal[i] / mass[i] : 0;
          nothingYet *= 1 - notice * a;
          notice *= NOTICE_DECAY;
        }
        positionWeight[p] = w;
      }
      return positionWeight[p];
    }
  }

  /**
   * {@code n} plays drawn with the simulator's choice model (fewer when the profiles run out of
   * titles they would play).
   *
   * @param n plays wanted
   * @param drawSeed seed of this draw
   */
  public List<RatingEvent> plays(int n, long drawSeed) {
    SplittableRandom random = new SplittableRandom(drawSeed);
    double[] activity = cumulative(profiles.stream().mapToDouble(Profile::activity).toArray());
    double[] popularity = cumulative(titles.stream().mapToDouble(Title::popularity).toArray());
    List<Set<Integer>> seen = new ArrayList<>(profiles.size());
    for (int i = 0; i < profiles.size(); i++) {
      seen.add(new HashSet<>());
    }
    int[] lastWatched = new int[profiles.size()];
    Arrays.fill(lastWatched, -1);
    List<RatingEvent> out = new ArrayList<>(n);
    long maxVisits = 50L * n + 1000;
    for (long visit = 0; visit < maxVisits && out.size() < n; visit++) {
      int p = draw(activity, random);
      int chosen = visit(profiles.get(p), seen.get(p), lastWatched[p], popularity, random);
      if (chosen >= 0) {
        seen.get(p).add(chosen);
        lastWatched[p] = chosen;
        out.add(
            new RatingEvent(
                profiles.get(p).id(),
                titles.get(chosen).id(),
                PLAY_RATING,
                START + out.size() * STEP));
      }
    }
    return out;
  }

  /** One visit: the title played, or -1. */
  private int visit(
      Profile p, Set<Integer> seen, int lastWatched, double[] popularity, SplittableRandom random) {
    int[] row = new int[ROW_SIZE];
    int[] pool = new int[BECAUSE_YOU_WATCHED_POOL];
    for (int r = 0; r < ROWS_PER_VISIT; r++) {
      int size =
          lastWatched >= 0 && random.nextDouble() < BECAUSE_YOU_WATCHED
              ? becauseYouWatched(lastWatched, popularity, random, pool, row)
              : draw(popularity, random, row, ROW_SIZE, -1);
      double notice = 1.0;
      for (int i = 0; i < size; i++) {
        int t = row[i];
        boolean noticed = random.nextDouble() < notice;
        notice *= NOTICE_DECAY;
        if (noticed && !seen.contains(t) && random.nextDouble() < appeal(p, titles.get(t))) {
          return t;
        }
      }
      if (random.nextDouble() < LEAVE_AFTER_FRUITLESS_ROW) {
        return -1;
      }
    }
    return -1;
  }

  /** Up to {@link #ROW_SIZE} distinct titles drawn by popularity into {@code row}; the count. */
  private int row(double[] popularity, SplittableRandom random, int[] row) {
    return draw(popularity, random, row, ROW_SIZE, -1);
  }

  /**
   * The simulator's {@code because-you-watched} row: {@value #BECAUSE_YOU_WATCHED_POOL} distinct
   * popularity draws other than the last watched title, the {@value #ROW_SIZE} closest to it
   * (largest factor dot product first, then the earlier title) into {@code row}; the count.
   */
  private int becauseYouWatched(
      int anchor, double[] popularity, SplittableRandom random, int[] pool, int[] row) {
    int size = draw(popularity, random, pool, BECAUSE_YOU_WATCHED_POOL, anchor);
    double[] a = titles.get(anchor).factor();
    Integer[] order = new Integer[size];
    double[] closeness = new double[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
      double[] f = titles.get(pool[i]).factor();
      for (int d = 0; d < Math.min(a.length, f.length); d++) {
        closeness[i] += a[d] * f[d];
      }
    }
    Arrays.sort(
        order,
        (x, y) -> {
          int c = Double.compare(closeness[y], closeness[x]);
          return c != 0 ? c : Integer.compare(pool[x], pool[y]);
        });
    int n = Math.min(ROW_SIZE, size);
    for (int i = 0; i < n; i++) {
      row[i] = pool[order[i]];
    }
    return n;
  }

  /**
   * Up to {@code count} distinct titles other than {@code exclude} drawn by popularity into {@code
   * out} (at most 50 draws per wanted title, as the simulator tries); the count.
   */
  private int draw(
      double[] popularity, SplittableRandom random, int[] out, int count, int exclude) {
    int size = 0;
    int want = Math.min(count, titles.size() - (exclude >= 0 ? 1 : 0));
    for (int attempt = 0; attempt < 50 * count && size < want; attempt++) {
      int t = draw(popularity, random);
      boolean dup = t == exclude;
      for (int i = 0; i < size && !dup; i++) {
        dup = out[i] == t;
      }
      if (!dup) {
        out[size++] = t;
      }
    }
    return size;
  }

  private static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += Math.max(0, weights[i]);
      c[i] = sum;
    }
    if (sum <= 0) {
      // no weights given: uniform
      for (int i = 0; i < c.length; i++) {
        c[i] = i + 1;
      }
    }
    return c;
  }

  private static int draw(double[] cumulative, SplittableRandom random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, x);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, cumulative.length - 1);
  }
}
