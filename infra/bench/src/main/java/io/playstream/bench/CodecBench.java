package io.playstream.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code playstream bench codec}: runs {@link CodecBenchmark} with JMH (one fork, warm-up, timed
 * iterations) and reports the median iteration throughput of ours and of plain Avro.
 */
public final class CodecBench {
  private CodecBench() {}

  /** Runs the benchmark; {@code quick} shortens warm-up and measurement for smoke tests. */
  public static BenchResult run(boolean quick, PrintStream out) throws RunnerException {
    int iterations = quick ? 2 : 5;
    TimeValue time = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(2);
    Options options =
        new OptionsBuilder()
            .include(CodecBenchmark.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(time)
            .measurementIterations(iterations)
            .measurementTime(time)
            .threads(1)
            .shouldFailOnError(true)
            .build();
    out.println(
        "bench codec: JMH, 1 fork, "
            + iterations
            + " x "
            + time
            + " per benchmark, heartbeat encode+decode (ours = single-object codec,"
            + " baseline = plain Avro binary)");
    Collection<RunResult> results = new Runner(options).run();
    double ours = Double.NaN;
    double baseline = Double.NaN;
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      double median = medianOfIterations(r);
      if (label.endsWith(".ours")) {
        ours = median;
      } else if (label.endsWith(".baseline")) {
        baseline = median;
      }
    }
    out.printf("median ops/s: ours %.0f, baseline %.0f%n", ours, baseline);
    return new BenchResult("codec", ours, baseline, "ops/s");
  }

  private static double medianOfIterations(RunResult r) {
    List<Double> samples = new ArrayList<>();
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        samples.add(i.getPrimaryResult().getScore());
      }
    }
    return Stats.median(samples);
  }
}
