package io.playstream.cli;

import io.playstream.bench.BenchResult;
import io.playstream.bench.CodecBench;
import io.playstream.bench.ProducerBench;
import io.playstream.bench.RouterBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code playstream bench NAME}: benchmarks that end with a RESULT line. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a benchmark. Each measures our path and a baseline in the same run and ends with a"
          + " line RESULT name=<bench> ours=<value> baseline=<value> ratio=<ours/baseline>"
          + " unit=<unit>.",
      "",
      "Benchmarks:",
      "  codec     single-object encode+decode of a heartbeat vs plain Avro binary (JMH)",
      "  producer  simulator straight to Kafka vs Kafka's ProducerPerformance (same broker,"
          + " same producer settings)",
      "  expr      router filter evaluations/s per core (CEL as the router runs it) vs the same"
          + " predicate in plain Java (JMH)",
      "  router    event router with 10 active routes vs a bare Kafka Streams consume->produce"
          + " pipe over the same events (same broker, same Streams settings); also events/s per"
          + " core",
      "  freshness event time -> 1 s SPS metric searchable in Elasticsearch, p99 ms through the"
          + " real playback-health job at 10k events/s, vs the 3000 ms target",
      "  recs-latency  play event -> updated recommendations readable in Cassandra, p99 ms"
          + " through the real job (MiniCluster) vs the 1000 ms target; on --bootstrap-servers /"
          + " --contact-points, else the platform's broker and node when up, else its own",
      "  platform  seconds from `playstream up` (cold, fresh state folder) to the first live"
          + " data on the dashboard vs the 120 s target; resident memory of the whole platform",
      "  metrics-job, es-sink, cassandra-sink, iceberg-sink: see BENCHMARKS.md"
    })
final class BenchCommand implements Callable<Integer> {
  @picocli.CommandLine.ParentCommand PlaystreamCli parent;

  /** Benchmarks that run in a tool module's JVM: name → tool classpath and main class. */
  record ToolBench(String tool, String mainClass) {}

  static final java.util.Map<String, ToolBench> TOOL_BENCHES =
      java.util.Map.of(
          "metrics-job",
          new ToolBench("metrics-jobs", "io.playstream.jobs.bench.MetricsJobBenchMain"),
          "es-sink",
          new ToolBench(
              "sink-elasticsearch", "io.playstream.sinks.elasticsearch.bench.EsSinkBenchMain"),
          "cassandra-sink",
          new ToolBench(
              "sink-cassandra", "io.playstream.sinks.cassandra.bench.CassandraSinkBenchMain"),
          "iceberg-sink",
          new ToolBench("sink-iceberg", "io.playstream.sinks.iceberg.bench.IcebergSinkBenchMain"),
          "freshness",
          new ToolBench("metrics-jobs", "io.playstream.jobs.bench.FreshnessBenchMain"));

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description =
          "codec | producer | expr | router | metrics-job | es-sink | cassandra-sink |"
              + " iceberg-sink | freshness | recs-latency | platform")
  String name;

  @Parameters(
      index = "1..*",
      paramLabel = "ARG",
      arity = "0..*",
      description = "Extra arguments passed to a child-JVM benchmark (see its --help).")
  java.util.List<String> extra = new java.util.ArrayList<>();

  @Option(names = "--quick", description = "Short runs (smoke test); figures are rough.")
  boolean quick;

  @Option(
      names = "--records",
      defaultValue = "300000",
      description =
          "producer: records per run; router: simulated events per round (default:"
              + " ${DEFAULT-VALUE}; --quick: at most 50000 / 30000).")
  long records;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "producer, router: alternating rounds of ours and baseline (default: ${DEFAULT-VALUE};"
              + " --quick: 1).")
  int rounds;

  @Override
  public Integer call() throws Exception {
    if (RecsLatencyBench.NAME.equals(name)) {
      return RecsLatencyBench.run(extra, quick, System.out);
    }
    ToolBench tool = TOOL_BENCHES.get(name);
    if (tool != null) {
      java.util.List<String> args = new java.util.ArrayList<>(extra);
      if (quick) {
        args.add("--quick");
      }
      return ToolProcess.run(tool.tool(), tool.mainClass(), args, "3g");
    }
    BenchResult result =
        switch (name) {
          case "codec" -> CodecBench.run(quick, System.out);
          case "producer" ->
              ProducerBench.run(
                  quick ? Math.min(records, 50_000) : records, quick ? 1 : rounds, System.out);
          case "expr" -> {
            io.playstream.router.bench.ExprBench.Result r =
                io.playstream.router.bench.ExprBench.run(quick, System.out);
            yield new BenchResult("expr", r.ours(), r.baseline(), "evals/s");
          }
          case PlatformBench.NAME -> PlatformBench.run(parent.config(), System.out);
          case "router" ->
              RouterBench.run(
                  quick ? Math.min(records, 30_000) : records,
                  quick ? 1 : rounds,
                  quick,
                  System.out);
          default ->
              throw new picocli.CommandLine.ParameterException(
                  new picocli.CommandLine(this),
                  "unknown benchmark '"
                      + name
                      + "'; available: codec, producer, expr, router, platform, recs-latency, "
                      + String.join(", ", new java.util.TreeSet<>(TOOL_BENCHES.keySet())));
        };
    System.out.println(result.line());
    return 0;
  }
}
