package io.playstream.cli;

import io.playstream.bench.BenchResult;
import io.playstream.bench.CodecBench;
import io.playstream.bench.ProducerBench;
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
          + " predicate in plain Java (JMH)"
    })
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "codec | producer | expr")
  String name;

  @Option(names = "--quick", description = "Short runs (smoke test); figures are rough.")
  boolean quick;

  @Option(
      names = "--records",
      defaultValue = "300000",
      description = "producer: records per run (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "producer: alternating rounds of ours and baseline (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws Exception {
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
          default ->
              throw new picocli.CommandLine.ParameterException(
                  new picocli.CommandLine(this),
                  "unknown benchmark '" + name + "'; available: codec, producer, expr");
        };
    System.out.println(result.line());
    return 0;
  }
}
