package io.playstream.bench;

import io.playstream.infra.JavaProcess;
import io.playstream.infra.ManagedProcess;
import io.playstream.infra.ProcessSupervisor;
import io.playstream.infra.RuntimeClasspath;
import io.playstream.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code playstream bench producer}: the simulator's straight-to-Kafka mode (ours) against Kafka's
 * own {@code ProducerPerformance} (baseline) on a broker started for the bench, same producer
 * settings, records of the same average size (key + value bytes). Ours writes keyed events to the
 * fronting topics the simulated audience uses; the baseline writes unkeyed random payloads to the
 * playback fronting topic (it has no key option, and its sticky partitioner fills one partition's
 * batch at a time whatever the partition count). Rounds alternate ours/baseline, each side in a
 * fresh child JVM of the same shape; the medians are compared.
 *
 * <p>Both sides first send the same number of uncounted warm-up records on the same producer and
 * report the records after them ({@code ProducerPerformance --warmup-records}, and the same rule in
 * {@link io.playstream.simulator.DirectKafkaLoad}): a fresh JVM spends its first seconds compiling,
 * ours (the simulation model, the encoder, four topics) more than the baseline's one loop, and a
 * benchmark of the first second would mostly measure the JIT compiler.
 *
 * <p>{@code linger.ms} is 50 on both sides: ours produces keyed records, spread by key over the 14
 * partitions of the four fronting topics the simulated audience writes to, so each partition's
 * batch fills about 14 times more slowly than the baseline's (unkeyed records stick to one
 * partition until its batch is full); with a short linger our batches leave small and pay
 * per-request overhead the baseline does not. The baseline fills its batches long before 50 ms, so
 * the longer linger does not change it.
 */
public final class ProducerBench {
  /** Producer settings both sides use (compression off: the baseline's payload is random bytes). */
  static final Map<String, String> PRODUCER_PROPS =
      Map.of(
          "acks", "all",
          "enable.idempotence", "true",
          "compression.type", "none",
          "linger.ms", "50",
          "batch.size", Integer.toString(256 * 1024),
          "buffer.memory", Long.toString(64L * 1024 * 1024));

  private static final Pattern OURS =
      Pattern.compile("records_per_sec=([0-9.]+) avg_record_size=([0-9.]+)");

  /** The steady-state summary {@code ProducerPerformance --warmup-records} prints last. */
  private static final Pattern BASELINE =
      Pattern.compile("steady state records sent, ([0-9.]+) records/sec");

  private ProducerBench() {}

  /** Most warm-up records per run: enough for the JIT compiler to settle on both sides. */
  static final long MAX_WARMUP_RECORDS = 1_000_000;

  /**
   * Runs with {@link #warmupFor} warm-up records before the {@code records} measured ones of each
   * run.
   */
  public static BenchResult run(long records, int rounds, PrintStream out) throws Exception {
    return run(warmupFor(records), records, rounds, out);
  }

  /** Warm-up records for a run of {@code records} measured ones: 4 times as many, at most 1 M. */
  static long warmupFor(long records) {
    return Math.min(MAX_WARMUP_RECORDS, 4 * records);
  }

  /**
   * @param warmupRecords records each side sends, uncounted, before the measured ones
   * @param records measured records per run and side
   * @param rounds alternating rounds (ours, then the baseline)
   */
  public static BenchResult run(long warmupRecords, long records, int rounds, PrintStream out)
      throws Exception {
    if (warmupRecords < 1 || records < 1 || rounds < 1) {
      throw new IllegalArgumentException("warm-up records, records and rounds must be positive");
    }
    BenchBroker broker = BenchBroker.start("producer", out);
    try {
      String bootstrap = broker.bootstrapServers();
      ProcessSupervisor supervisor = new ProcessSupervisor(broker.layout());
      List<Double> ours = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      out.printf(
          "%d warm-up + %d measured records per run, %d rounds, producer settings %s%n",
          warmupRecords, records, rounds, PRODUCER_PROPS);
      // Warm-up round for the broker (page cache, log segments), not counted.
      double size = runOurs(supervisor, bootstrap, 0, Math.min(records, 50_000), 0)[1];
      for (int round = 1; round <= rounds; round++) {
        double[] o = runOurs(supervisor, bootstrap, warmupRecords, records, round);
        size = o[1];
        ours.add(o[0]);
        double b =
            runBaseline(
                supervisor, bootstrap, warmupRecords, records, (int) Math.round(size), round);
        baseline.add(b);
        out.printf(
            "round %d: ours %.0f records/s (avg %.0f bytes), baseline %.0f records/s%n",
            round, o[0], size, b);
      }
      double om = Stats.median(ours);
      double bm = Stats.median(baseline);
      out.printf("median records/s: ours %.0f, baseline %.0f%n", om, bm);
      return new BenchResult("producer", om, bm, "records/s");
    } finally {
      broker.close();
    }
  }

  private static double[] runOurs(
      ProcessSupervisor supervisor, String bootstrap, long warmup, long records, int round)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                bootstrap,
                Long.toString(warmup),
                Long.toString(records),
                Long.toString(42 + round)));
    PRODUCER_PROPS.forEach((k, v) -> args.add(k + "=" + v));
    String output =
        runChild(supervisor, "bench-ours-" + round, ProducerLoadMain.class.getName(), args);
    Matcher m = OURS.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("ours printed no LOAD line:\n" + output);
    }
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
  }

  private static double runBaseline(
      ProcessSupervisor supervisor,
      String bootstrap,
      long warmup,
      long records,
      int recordSize,
      int round)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--topic",
                Topics.FRONTING_PLAYBACK.name(),
                "--num-records",
                Long.toString(warmup + records),
                "--warmup-records",
                Long.toString(warmup),
                "--record-size",
                Integer.toString(recordSize),
                "--throughput",
                "-1",
                "--command-property",
                "bootstrap.servers=" + bootstrap));
    PRODUCER_PROPS.forEach((k, v) -> args.add(k + "=" + v));
    String output =
        runChild(
            supervisor,
            "bench-baseline-" + round,
            "org.apache.kafka.tools.ProducerPerformance",
            args);
    Matcher m = BASELINE.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException(
          "ProducerPerformance printed no steady-state summary:\n" + output);
    }
    return Double.parseDouble(m.group(1));
  }

  private static String runChild(
      ProcessSupervisor supervisor, String component, String mainClass, List<String> args)
      throws Exception {
    JavaProcess spec =
        JavaProcess.builder(component, mainClass)
            .classpath(RuntimeClasspath.ofCurrentJvm())
            .jvmArgs("-Xmx512m")
            .args(args)
            .build();
    ManagedProcess p = supervisor.start(spec);
    if (!p.waitForExit(Duration.ofMinutes(5))) {
      p.kill();
      throw new IllegalStateException(component + " did not finish within 5 minutes");
    }
    String log = Files.readString(p.logFile());
    int exit = p.exitValue().orElse(-1);
    if (exit != 0) {
      throw new IllegalStateException(component + " exited " + exit + ":\n" + log);
    }
    return log;
  }
}
