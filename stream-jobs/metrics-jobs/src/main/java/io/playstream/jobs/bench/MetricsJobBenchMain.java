package io.playstream.jobs.bench;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.flink.Demuxed;
import io.playstream.flink.EventDemux;
import io.playstream.flink.RawEvent;
import io.playstream.jobs.MetricsJobsOptions;
import io.playstream.jobs.playback.PlaybackHealthJob;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code ./playstream bench metrics-job}: throughput of the playback-health job per CPU core
 * against a pass-through job with the same source and the same sinks, in the same JVM and run.
 *
 * <p>Both jobs read the same pre-encoded route-topic records from a bounded in-memory source
 * (records are generated and encoded once, before timing), assign the same event-time watermarks,
 * decode with the same {@code EventDemux}, and end in discarding sinks. The pass-through job stops
 * there; ours runs the whole playback-health graph (late gate, partials, pre-aggregation, keyed
 * windows on RocksDB, SPS alerts). MiniCluster, parallelism 1, checkpoints every 5 s, object reuse,
 * the job's RocksDB state backend.
 *
 * <p>Per core = records / CPU seconds of this JVM (every thread: tasks, GC, JIT, so a job that runs
 * more threads pays for them, and other load on the machine does not count), measured in the steady
 * middle of each run: between the source emitting record 10 % and record 90 % (job deployment,
 * state-backend start-up and the final flush excluded; both are printed too). Two warm-up rounds of
 * each, then the median of {@code --rounds} alternating rounds. Prints exactly one {@code RESULT}
 * line.
 *
 * <p>Event-time density: the records carry {@code --event-rate} events per second of event time
 * (default 50,000), the density a job sees when it keeps up in real time with a stream of that
 * rate. Per-window costs (keyed state, timers, one metric per key and window) are paid per window,
 * so a sparser stream (for example {@code --event-rate 2000}) makes them weigh more per event.
 *
 * <p>Arguments (all optional): {@code --events N} per round (default 2000000), {@code --rounds N}
 * (default 3), {@code --pool N} distinct pre-encoded records (default 200000), {@code --event-rate
 * N} (default 50000), {@code --profile-ours} (only runs our job, for profiling; prints no RESULT).
 */
public final class MetricsJobBenchMain {
  private static final int POOL_DEFAULT = 200_000;
  private static final int RATE_DEFAULT = 50_000;

  /** Record indices between which the steady-state CPU time is measured, and the readings. */
  private static volatile long markFrom;

  private static volatile long markTo;
  private static volatile long cpuAtFrom;
  private static volatile long cpuAtTo;

  /** Event time covered by the pool, ms. */
  private static volatile long poolSpanMs;

  /** The pre-encoded records; static so the in-JVM MiniCluster's generator reads them directly. */
  private static volatile RawEvent[] pool;

  private MetricsJobBenchMain() {}

  public static void main(String[] args) throws Exception {
    long events = longArg(args, "--events", 2_000_000);
    int rounds = (int) longArg(args, "--rounds", 3);
    int poolSize = (int) longArg(args, "--pool", POOL_DEFAULT);
    int rate = (int) longArg(args, "--event-rate", RATE_DEFAULT);
    boolean profileOurs = Arrays.asList(args).contains("--profile-ours");

    System.out.printf(
        "metrics-job bench: %,d encoded records, %,d per second of event time%n", poolSize, rate);
    pool = BenchEvents.generate(poolSize, 42, rate).toArray(RawEvent[]::new);
    poolSpanMs = (long) poolSize * 1000 / rate;

    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    try (MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(1)
                .build())) {
      cluster.start();
      if (profileOurs) { // only our job, for a profiler attached to this JVM
        for (int i = 0; i < rounds; i++) {
          run(cluster, conf, true, events);
        }
        return;
      }
      System.out.println("warm-up");
      for (int i = 0; i < 2; i++) { // JIT: both jobs' code paths hot before timing
        run(cluster, conf, false, events);
        run(cluster, conf, true, events);
      }
      double[] ours = new double[rounds];
      double[] base = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        base[i] = run(cluster, conf, false, events);
        ours[i] = run(cluster, conf, true, events);
        System.out.printf(
            Locale.ROOT,
            "round %d: ours %.0f, pass-through %.0f records/s/core%n",
            i + 1,
            ours[i],
            base[i]);
      }
      double o = median(ours);
      double b = median(base);
      System.out.printf(
          Locale.ROOT,
          "RESULT name=metrics-job ours=%.0f baseline=%.0f ratio=%.3f unit=events/s/core%n",
          o,
          b,
          o / b);
    }
  }

  /** Runs one job over {@code events} records; returns records per CPU second. */
  private static double run(MiniCluster cluster, Configuration conf, boolean ours, long events)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    env.getConfig().enableObjectReuse();
    env.enableCheckpointing(5_000, CheckpointingMode.EXACTLY_ONCE);
    DataStream<RawEvent> raw =
        env.fromSource(
                new DataGeneratorSource<>(
                    new PoolGenerator(), events, TypeInformation.of(RawEvent.class)),
                WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(Duration.ofSeconds(2))
                    .withTimestampAssigner((e, ts) -> e.eventTime),
                "route records")
            .uid("bench-source");
    if (ours) {
      PlaybackHealthJob.Outputs out = PlaybackHealthJob.build(raw, new MetricsJobsOptions());
      out.sps().sinkTo(new DiscardingSink<>()).uid("bench-sps");
      out.quality().sinkTo(new DiscardingSink<>()).uid("bench-quality");
      out.alerts().sinkTo(new DiscardingSink<>()).uid("bench-alerts");
      out.late().sinkTo(new DiscardingSink<>()).uid("bench-late");
      out.deadLetters().sinkTo(new DiscardingSink<>()).uid("bench-dlq");
    } else {
      Demuxed d =
          EventDemux.split(
              raw,
              "pass-through",
              PlaybackStarted.class,
              PlaybackError.class,
              PlaybackHeartbeat.class);
      d.of(PlaybackStarted.class).sinkTo(new DiscardingSink<>()).uid("bench-started");
      d.of(PlaybackError.class).sinkTo(new DiscardingSink<>()).uid("bench-errors");
      d.of(PlaybackHeartbeat.class).sinkTo(new DiscardingSink<>()).uid("bench-heartbeats");
      d.deadLetters().sinkTo(new DiscardingSink<>()).uid("bench-dlq");
    }
    var jobGraph = env.getStreamGraph().getJobGraph();
    markFrom = events / 10;
    markTo = events - events / 10;
    cpuAtFrom = -1;
    cpuAtTo = -1;
    long cpu0 = cpuNanos();
    long wall0 = System.nanoTime();
    cluster.executeJobBlocking(jobGraph);
    double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
    double wallSeconds = (System.nanoTime() - wall0) / 1e9;
    if (cpuAtFrom < 0 || cpuAtTo < 0) {
      throw new IllegalStateException("the generator did not pass the measuring marks");
    }
    double steadyCpu = (cpuAtTo - cpuAtFrom) / 1e9;
    double perCore = (markTo - markFrom) / steadyCpu;
    System.out.printf(
        Locale.ROOT,
        "  %-12s %,d records: job %.2f s wall, %.2f CPU s (%.0f records/s/core incl. start-up);"
            + " steady middle 80 %%: %.0f records/s/core%n",
        ours ? "ours" : "pass-through",
        events,
        wallSeconds,
        cpuSeconds,
        events / cpuSeconds,
        perCore);
    return perCore;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Record {@code i} is pool record {@code i % n} shifted by whole pool lengths of event time, so
   * every round is in event-time order and nothing is late.
   */
  static final class PoolGenerator implements GeneratorFunction<Long, RawEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public RawEvent map(Long index) {
      long i = index;
      if (i == markFrom) {
        cpuAtFrom = cpuNanos();
      } else if (i == markTo) {
        cpuAtTo = cpuNanos();
      }
      RawEvent[] p = pool;
      int n = p.length;
      long cycle = index / n;
      RawEvent template = p[(int) (index % n)];
      RawEvent e = new RawEvent();
      e.topic = template.topic;
      e.partition = template.partition;
      e.offset = index;
      e.eventTime = template.eventTime + cycle * poolSpanMs;
      e.kafkaTimestamp = e.eventTime;
      e.eventType = template.eventType;
      e.key = template.key;
      e.value = template.value;
      e.headerKeys = template.headerKeys;
      e.headerValues = template.headerValues;
      return e;
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static long longArg(String[] args, String name, long def) {
    List<String> list = new ArrayList<>(Arrays.asList(args));
    int i = list.indexOf(name);
    return i >= 0 && i + 1 < list.size() ? Long.parseLong(list.get(i + 1)) : def;
  }
}
