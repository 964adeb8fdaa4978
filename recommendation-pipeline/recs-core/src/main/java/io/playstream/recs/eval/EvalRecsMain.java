package io.playstream.recs.eval;

import io.playstream.recs.ImplicitAls;
import io.playstream.recs.Similarity;
import io.playstream.recs.StreamingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleBiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playstream eval recs}: replays a MovieLens ratings file and reports HR@10, NDCG@10,
 * Recall@20 and catalog coverage for popularity, the streaming recommender, the batch model and
 * their blend, then one {@code RESULT} line per protocol.
 */
@Command(
    name = "eval-recs",
    mixinStandardHelpOptions = true,
    description =
        "Offline evaluation of the recommenders on a MovieLens ratings file (ratings.csv,"
            + " u.data or ratings.dat).")
public final class EvalRecsMain implements Callable<Integer> {
  /** Which protocol(s) to run. */
  public enum Protocol {
    STATIC,
    PREQUENTIAL,
    BOTH
  }

  @Option(
      names = "--ratings",
      description =
          "Ratings file: CSV with header, tab-separated u.data or '::' ratings.dat (this or"
              + " --ground-truth).")
  Path ratings;

  @Option(
      names = "--ground-truth",
      paramLabel = "FILE",
      description =
          "Instead of --ratings: the traffic simulator's --ground-truth file (hidden tastes, title"
              + " factors, popularity); plays are drawn from it with the simulator's choice model"
              + " (SimulatorGroundTruth).")
  Path groundTruth;

  @Option(
      names = "--gt-plays",
      defaultValue = "0",
      description = "With --ground-truth: plays to draw (default 0 = 40 per profile of the file).")
  int groundTruthPlays;

  @Option(
      names = "--protocol",
      defaultValue = "static",
      converter = ProtocolConverter.class,
      description = "static (RecBole-style 8:1:1 split), prequential (event-time replay) or both.")
  Protocol protocol;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(
      names = "--min-rating",
      defaultValue = "3",
      description = "Drop ratings below this (RecBole: 3).")
  double minRating;

  @Option(
      names = "--k-core",
      defaultValue = "10",
      description = "Iterative k-core filter of users and items (RecBole: 10; 1 = none).")
  int kCore;

  @Option(
      names = "--blend-weight",
      description =
          "Streaming share of the blend, 0..1 (default: chosen on the validation split; 0.5 for"
              + " prequential).")
  Double blendWeight;

  @Option(names = "--factors", defaultValue = "64", description = "ALS rank.")
  int factors;

  @Option(names = "--iterations", defaultValue = "10", description = "ALS iterations.")
  int iterations;

  @Option(names = "--alpha", defaultValue = "2", description = "ALS confidence scaling.")
  double alpha;

  @Option(
      names = "--regularization",
      defaultValue = "0.3",
      description = "ALS lambda (scaled by each row's interactions, as Spark MLlib does).")
  double regularization;

  @Option(
      names = "--window",
      defaultValue = "200",
      description = "Recent titles per profile (co-occurrence context and scoring history).")
  int window;

  @Option(names = "--neighbours", defaultValue = "100", description = "Neighbours per item.")
  int neighbours;

  @Option(
      names = "--similarity",
      defaultValue = "COSINE",
      description = "Item similarity: ${COMPLETION-CANDIDATES}.")
  Similarity.Kind similarity;

  @Option(names = "--shrink", defaultValue = "10", description = "Similarity shrink term.")
  double shrink;

  @Option(
      names = "--cooccurrence-half-life",
      defaultValue = "0d",
      converter = DaysConverter.class,
      description = "Half-life of co-occurrence counts in days (0 = no decay).")
  Duration cooccurrenceHalfLife;

  @Option(
      names = "--trending-half-life",
      defaultValue = "365d",
      converter = DaysConverter.class,
      description = "Half-life of the trending counts in days.")
  Duration trendingHalfLife;

  @Option(
      names = "--recency-half-life",
      defaultValue = "0d",
      converter = DaysConverter.class,
      description =
          "Weight of a history item by its age when scoring, half-life in days (0 = all equal).")
  Duration recencyHalfLife;

  @Option(
      names = "--retrain-every",
      defaultValue = "0.1",
      description = "Prequential: retrain the batch model after this fraction of the events.")
  double retrainEvery;

  @Option(
      names = "--max-events",
      defaultValue = "0",
      description = "Prequential: replay only the first N events (0 = all).")
  int maxEvents;

  @Option(
      names = "--sample",
      defaultValue = "1.0",
      description =
          "Prequential: fraction of the events predicted (seeded draw); every event is learned.")
  double sample;

  @Override
  public Integer call() throws Exception {
    if ((ratings == null) == (groundTruth == null)) {
      System.err.println("eval recs: give exactly one of --ratings and --ground-truth");
      return 2;
    }
    Path file = ratings != null ? ratings : groundTruth;
    if (!Files.isRegularFile(file)) {
      System.err.println("eval recs: no such file: " + file);
      return 2;
    }
    List<RatingEvent> raw;
    String name;
    Map<String, ToDoubleBiFunction<String, String>> oracles = Map.of();
    if (groundTruth != null) {
      SimulatorGroundTruth truth = SimulatorGroundTruth.read(groundTruth);
      int n = groundTruthPlays > 0 ? groundTruthPlays : 40 * truth.profileCount();
      raw = truth.plays(n, seed);
      oracles = truth.oracles(seed);
      name =
          "simulator ground truth "
              + groundTruth.getFileName()
              + " (seed "
              + truth.simulatorSeed()
              + ", "
              + truth.profileCount()
              + " profiles, "
              + truth.titleCount()
              + " titles, "
              + raw.size()
              + " plays drawn)";
    } else {
      raw = RatingsFile.read(ratings);
      name = ratings.getFileName().toString();
      Path parent = ratings.toAbsolutePath().getParent();
      if (parent != null && parent.getFileName() != null) {
        name = parent.getFileName() + "/" + name;
      }
    }
    EvalParams params = params();
    if (protocol != Protocol.PREQUENTIAL) {
      System.out.print(StaticProtocol.run(raw, name, params, oracles).format());
      System.out.flush();
    }
    if (protocol != Protocol.STATIC) {
      System.out.print(PrequentialProtocol.run(raw, name, params, oracles).format());
    }
    return 0;
  }

  EvalParams params() {
    StreamingConfig s =
        EvalParams.movieLensStreaming()
            .withWindow(window)
            .withSimilarity(new Similarity(similarity, shrink, neighbours))
            .withCooccurrenceHalfLife(cooccurrenceHalfLife)
            .withTrendingHalfLife(trendingHalfLife)
            .withRecencyHalfLife(recencyHalfLife);
    ImplicitAls.Params als =
        new ImplicitAls.Params(factors, iterations, regularization, alpha, true, seed);
    EvalDefaults d = new EvalDefaults();
    return new EvalParams(
        seed,
        minRating,
        kCore,
        s,
        als,
        blendWeight == null ? Double.NaN : blendWeight,
        retrainEvery,
        d.snapshotInterval,
        maxEvents,
        sample);
  }

  private static final class EvalDefaults {
    final Duration snapshotInterval = EvalParams.defaults().snapshotInterval();
  }

  static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
    @Override
    public Protocol convert(String value) {
      return Protocol.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }

  static final class DaysConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (v.endsWith("d")) {
        v = v.substring(0, v.length() - 1);
      }
      double days = Double.parseDouble(v);
      return Duration.ofMillis(Math.round(days * 86_400_000d));
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvalRecsMain()).execute(args));
  }
}
