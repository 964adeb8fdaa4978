package io.playstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code playstream eval}: offline evaluations. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Offline evaluations: replay a dataset and report quality metrics.",
    subcommands = {EvalCommand.Recs.class, CommandLine.HelpCommand.class})
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * {@code playstream eval recs}: recs-core's {@code EvalRecsMain} in a child JVM on its tool
   * classpath ({@code RuntimeClasspath.loadTool("recs-core")}); every other option is passed
   * through unchanged.
   */
  @Command(
      name = "recs",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Evaluate the recommenders on a MovieLens ratings file: popularity baseline, the streaming"
            + " recommender (decayed item-kNN, what the Flink job runs), the batch model (implicit"
            + " ALS) and the blend. Reports HR@10, NDCG@10, Recall@20 and coverage@10 per model"
            + " and protocol, then RESULT name=recs-<protocol> ours=<blend NDCG@10>"
            + " baseline=<popularity NDCG@10> ratio=... unit=ndcg@10.",
        "",
        "Protocols: static = RecBole-style (ratings >= 3, 10-core, per-user random 8:1:1, full"
            + " ranking); prequential = event-time replay, each rating predicted before it is"
            + " learned; both."
      },
      footer = {
        "",
        "Other options are passed to the evaluation unchanged (defaults in brackets):",
        "  --seed N [42]  --min-rating R [3]  --k-core K [10]  --blend-weight W [chosen on"
            + " validation; 0.5 prequential]",
        "  --factors F [64]  --iterations I [10]  --alpha A [2]  --regularization L [0.3]  (ALS)",
        "  --window N [200]  --neighbours N [100]  --similarity COSINE|JACCARD  --shrink S [10]",
        "  --cooccurrence-half-life D [0d]  --trending-half-life D [365d]  --recency-half-life D"
            + " [0d]",
        "  --retrain-every F [0.1]  --max-events N [0 = all]  --sample F [1.0]  (prequential)",
        "See recommendation-pipeline/recs-core/README.md for what each does.",
        "",
        "Examples:",
        "  playstream eval recs",
        "  playstream eval recs --protocol prequential --window 30 --sample 0.2",
        "  playstream eval recs --ratings ~/ml-1m/ratings.dat --protocol both",
        "  playstream simulate --ground-truth truth.json ... && playstream eval recs"
            + " --ground-truth truth.json"
      })
  static final class Recs implements Callable<Integer> {
    static final String TOOL = "recs-core";
    static final String MAIN_CLASS = "io.playstream.recs.eval.EvalRecsMain";

    /** The shipped MovieLens latest-small ratings, relative to the repository root. */
    static final String DEFAULT_RATINGS =
        "recommendation-pipeline/data/movielens-latest-small/ratings.csv";

    static final Set<String> PROTOCOLS = Set.of("static", "prequential", "both");

    @Option(
        names = "--ratings",
        paramLabel = "PATH",
        description =
            "MovieLens ratings in any published format: CSV with header (latest-small, 20M, 25M,"
                + " 32M ratings.csv), tab-separated 100k u.data, '::'-separated 1M/10M ratings.dat"
                + " (default: the shipped "
                + DEFAULT_RATINGS
                + ").")
    Path ratings;

    @Option(
        names = "--ground-truth",
        paramLabel = "FILE",
        description =
            "Instead of --ratings: a file written by the simulator's --ground-truth (hidden"
                + " tastes, title factors, popularity); plays are drawn from it with the"
                + " simulator's choice model (--gt-plays N, default 40 per profile).")
    Path groundTruth;

    @Option(
        names = "--protocol",
        paramLabel = "P",
        defaultValue = "static",
        description = "static, prequential or both (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(
        names = "--heap",
        defaultValue = "3g",
        description = "Heap of the evaluation JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Unmatched List<String> passThrough = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return ToolProcess.run(TOOL, MAIN_CLASS, arguments(PlaystreamCli.root()), heap);
    }

    /** The evaluation's command line. */
    List<String> arguments(Path root) {
      String p = protocol.toLowerCase(Locale.ROOT);
      if (!PROTOCOLS.contains(p)) {
        throw new IllegalArgumentException(
            "--protocol must be static, prequential or both, got '" + protocol + "'");
      }
      if (ratings != null && groundTruth != null) {
        throw new IllegalArgumentException("give --ratings or --ground-truth, not both");
      }
      List<String> args = new ArrayList<>();
      if (groundTruth != null) {
        if (!Files.isRegularFile(groundTruth)) {
          throw new IllegalArgumentException(
              "no ground-truth file at " + groundTruth.toAbsolutePath());
        }
        args.add("--ground-truth");
        args.add(groundTruth.toAbsolutePath().normalize().toString());
      } else {
        Path file = ratings != null ? ratings : root.resolve(DEFAULT_RATINGS);
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException(
              "no ratings file at "
                  + file.toAbsolutePath()
                  + (ratings == null ? " (the shipped dataset; is the repository complete?)" : ""));
        }
        args.add("--ratings");
        args.add(file.toAbsolutePath().normalize().toString());
      }
      args.add("--protocol");
      args.add(p);
      args.addAll(passThrough);
      return args;
    }
  }
}
