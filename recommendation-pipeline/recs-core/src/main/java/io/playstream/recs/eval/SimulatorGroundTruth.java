package io.playstream.recs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traffic simulator's ground truth (its {@code --ground-truth FILE}: every profile's hidden
 * taste, every title's latent factor and popularity) as an evaluation dataset: plays drawn with the
 * simulator's own choice model, so a recommender is measured on data whose preferences are known.
 *
 * <p>The choice model, as {@code playback-services/simulator}'s README describes it: a visit picks
 * a profile by its activity weight and shows up to 3 rows of 10 distinct titles drawn by
 * popularity; position {@code i} is noticed with probability 0.9^i and a noticed title is played
 * with probability {@code appeal = sigmoid(s (taste · factor − t))} (s and t read from the file's
 * {@code appeal} formula); the first such title is the play; after a row without one the visit ends
 * with probability 0.4. A profile does not play the same title twice here (the evaluation excludes
 * seen titles anyway). Licensing is not modelled. Plays are one minute apart in event time, in
 * visit order, each with rating 5 (an implicit positive).
 */
public final class SimulatorGroundTruth {
  /** Rating value given to every synthesized play. */
  public static final double PLAY_RATING = 5.0;

  static final int ROWS_PER_VISIT = 3;
  static final int ROW_SIZE = 10;
  static final double NOTICE_DECAY = 0.9;
  static final double LEAVE_AFTER_FRUITLESS_ROW = 0.4;

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
    List<RatingEvent> out = new ArrayList<>(n);
    long maxVisits = 50L * n + 1000;
    for (long visit = 0; visit < maxVisits && out.size() < n; visit++) {
      int p = draw(activity, random);
      int chosen = visit(profiles.get(p), seen.get(p), popularity, random);
      if (chosen >= 0) {
        seen.get(p).add(chosen);
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
  private int visit(Profile p, Set<Integer> seen, double[] popularity, SplittableRandom random) {
    int[] row = new int[ROW_SIZE];
    for (int r = 0; r < ROWS_PER_VISIT; r++) {
      int size = row(popularity, random, row);
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
    int size = 0;
    int want = Math.min(ROW_SIZE, titles.size());
    for (int attempt = 0; attempt < 20 * ROW_SIZE && size < want; attempt++) {
      int t = draw(popularity, random);
      boolean dup = false;
      for (int i = 0; i < size; i++) {
        dup |= row[i] == t;
      }
      if (!dup) {
        row[size++] = t;
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
