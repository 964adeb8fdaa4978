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
 *
 * <p>Both tools count from the send of the first measured record; the warm-up records still queued
 * at that moment are sent within the measured time without being counted. The baseline, whose sends
 * outrun the broker, starts with its buffer full; ours, which spends as long making a record as
 * sending it, with a few thousand records queued. The result therefore counts them on both sides:
 * records/s = (measured + queued at the start) / measured time, with ours' queue counted exactly
 * and the baseline's estimated as its records/s times its average latency (Little's law). The
 * figures as the tools report them are printed as well; with a million measured records the two
 * differ by a few per cent, with fewer they differ more, in ours' favour.
 */
public final class ProducerBench {
  /**
   * Producer settings both sides use. Compression is off (the baseline's payload is random
   * letters). {@code buffer.memory} is 16 MiB rather than more: a steady-state figure counts from
   * the send of the first measured record, and whatever warm-up records are still buffered then
   * must be sent within the measured time; a side limited by the broker (the baseline, whose sends
   * outrun it) starts with a full buffer, a side limited by making records (ours) with an almost
   * empty one. With 64 MiB that backlog was up to 2 s of the baseline's sending and understated it
   * by up to a fifth; 16 MiB bounds it to about 5 % of a million records, and still leaves room for
   * ours to keep a batch open on each of its 14 partitions while requests are in flight.
   */
  static final Map<String, String> PRODUCER_PROPS =
      Map.of(
          "acks", "all",
          "enable.idempotence", "true",
          "compression.type", "none",
          "linger.ms", "50",
          "batch.size", Integer.toString(256 * 1024),
          "buffer.memory", Long.toString(16L * 1024 * 1024));

  private static final Pattern OURS =
      Pattern.compile(
          "records_per_sec=([0-9.]+) avg_record_size=([0-9.]+) backlog_at_start=([0-9]+)");

  /** The steady-state summary {@code ProducerPerformance --warmup-records} prints last. */
  private static final Pattern BASELINE =
      Pattern.compile(
          "steady state records sent, ([0-9.]+) records/sec \\([0-9.]+ MB/sec\\), ([0-9.]+) ms avg"
              + " latency");

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
      List<Double> oursAdjusted = new ArrayList<>();
      List<Double> baselineAdjusted = new ArrayList<>();
      out.printf(
          "%d warm-up + %d measured records per run, %d rounds, producer settings %s%n",
          warmupRecords, records, rounds, PRODUCER_PROPS);
      // Warm-up round for the broker (page cache, log segments), not counted.
      double size = runOurs(supervisor, bootstrap, 0, Math.min(records, 50_000), 0)[1];
      for (int round = 1; round <= rounds; round++) {
        // ours first in odd rounds, the baseline first in even ones: a drift in the machine's load
        // then favours neither side
        double[] o = null;
        if (round % 2 == 1) {
          o = runOurs(supervisor, bootstrap, warmupRecords, records, round);
          size = o[1];
        }
        double[] b =
            runBaseline(
                supervisor, bootstrap, warmupRecords, records, (int) Math.round(size), round);
        if (o == null) {
          o = runOurs(supervisor, bootstrap, warmupRecords, records, round);
          size = o[1];
        }
        ours.add(o[0]);
        baseline.add(b[0]);
        // the warm-up records still queued when the clock started are sent within the measured
        // time: ours counts them exactly; for the baseline, its queue is about rate x latency
        double oursBacklog = o[2];
        double baselineBacklog = b[0] * b[1] / 1000.0;
        oursAdjusted.add(o[0] * (1 + oursBacklog / records));
        baselineAdjusted.add(b[0] * (1 + baselineBacklog / records));
        out.printf(
            "round %d: ours %.0f records/s (avg %.0f bytes, %.0f warm-up records still queued at"
                + " the start), baseline %.0f records/s (avg latency %.0f ms, about %.0f queued)%n",
            round, o[0], size, oursBacklog, b[0], b[1], baselineBacklog);
      }
      double om = Stats.median(ours);
      double bm = Stats.median(baseline);
      out.printf(
          "median records/s as the tools report them: ours %.0f, baseline %.0f, ratio %.3f%n",
          om, bm, om / bm);
      double oa = Stats.median(oursAdjusted);
      double ba = Stats.median(baselineAdjusted);
      out.printf(
          "median records/s counting the warm-up records still queued at the start as sent in the"
              + " measured time (the result): ours %.0f, baseline %.0f%n",
          oa, ba);
      return new BenchResult("producer", oa, ba, "records/s");
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
    return parseOurs(
        runChild(supervisor, "bench-ours-" + round, ProducerLoadMain.class.getName(), args));
  }

  /** Records/s, average record size and warm-up backlog from ours' {@code LOAD} line. */
  static double[] parseOurs(String output) {
    Matcher m = OURS.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("ours printed no LOAD line:\n" + output);
    }
    return new double[] {
      Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))
    };
  }

  /** The baseline's steady-state records/s and average latency in ms. */
  private static double[] runBaseline(
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
    return parseBaseline(
        runChild(
            supervisor,
            "bench-baseline-" + round,
            "org.apache.kafka.tools.ProducerPerformance",
            args));
  }

  /** Steady-state records/s and average latency (ms) from ProducerPerformance's output. */
  static double[] parseBaseline(String output) {
    Matcher m = BASELINE.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException(
          "ProducerPerformance printed no steady-state summary:\n" + output);
    }
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
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
