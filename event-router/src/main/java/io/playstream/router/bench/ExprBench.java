package io.playstream.router.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code playstream bench expr}: runs {@link FilterBenchmark} with JMH (one fork, one thread, so
 * figures are evaluations per second per core) and reports the median iteration throughput of the
 * router's filter language (ours) against the same predicate in plain Java (baseline), with CEL's
 * interpreter and JEXL alongside for the record.
 */
public final class ExprBench {
  /**
   * Median evaluations per second (single thread).
   *
   * @param ours CEL as the router evaluates it
   * @param baseline the same predicate in plain Java
   * @param celInterpreter CEL on its own interpreter
   * @param jexl the same filter in sandboxed JEXL
   */
  public record Result(double ours, double baseline, double celInterpreter, double jexl) {
    public double ratio() {
      return baseline == 0 ? Double.NaN : ours / baseline;
    }

    /** {@code RESULT name=expr ours=... baseline=... ratio=... unit=evals/s}. */
    public String line() {
      return String.format(
          Locale.ROOT,
          "RESULT name=expr ours=%.1f baseline=%.1f ratio=%.3f unit=evals/s",
          ours,
          baseline,
          ratio());
    }
  }

  private ExprBench() {}

  /** Runs the benchmark; {@code quick} shortens warm-up and measurement (smoke tests). */
  public static Result run(boolean quick, PrintStream out) throws RunnerException {
    int iterations = quick ? 2 : 5;
    TimeValue time = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(2);
    Options options =
        new OptionsBuilder()
            .include(FilterBenchmark.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(time)
            .measurementIterations(iterations)
            .measurementTime(time)
            .threads(1)
            .shouldFailOnError(true)
            .build();
    out.println(
        "bench expr: JMH, 1 fork, 1 thread, "
            + iterations
            + " x "
            + time
            + " per variant; filter: "
            + FilterBenchmark.CEL
            + " on PlaybackStarted (ours = CEL as the router runs it, baseline = plain Java)");
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> medians = new HashMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      medians.put(label.substring(label.lastIndexOf('.') + 1), median(r));
    }
    Result result =
        new Result(
            medians.getOrDefault("ours", Double.NaN),
            medians.getOrDefault("baseline", Double.NaN),
            medians.getOrDefault("celInterpreter", Double.NaN),
            medians.getOrDefault("jexl", Double.NaN));
    out.printf(
        Locale.ROOT,
        "median evals/s per core: ours (CEL, planned) %.0f, CEL interpreter %.0f, JEXL %.0f,"
            + " plain Java %.0f%n",
        result.ours(),
        result.celInterpreter(),
        result.jexl(),
        result.baseline());
    return result;
  }

  /** Runs it from the command line: {@code ExprBench [--quick]}. */
  public static void main(String[] args) throws RunnerException {
    boolean quick = List.of(args).contains("--quick");
    System.out.println(run(quick, System.out).line());
  }

  private static double median(RunResult r) {
    List<Double> samples = new ArrayList<>();
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        samples.add(i.getPrimaryResult().getScore());
      }
    }
    Collections.sort(samples);
    int n = samples.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? samples.get(n / 2) : (samples.get(n / 2 - 1) + samples.get(n / 2)) / 2;
  }
}
