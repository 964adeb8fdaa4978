package io.playstream.sinks.iceberg.bench;

import io.playstream.events.PlaybackHeartbeat;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.RawEvent;
import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.sinks.iceberg.IcebergCatalogs;
import io.playstream.sinks.iceberg.IcebergSinkJob;
import io.playstream.sinks.iceberg.RecordMapping;
import io.playstream.sinks.iceberg.TableDefinition;
import io.playstream.sinks.iceberg.TableDefinitions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playstream bench iceberg-sink}: rows/s of the Iceberg sink pipeline against Flink's plain
 * Parquet {@code FileSink}, over the same rows, with the same parallelism and checkpointing.
 *
 * <ul>
 *   <li><b>ours</b>: the sink job's pipeline ({@link IcebergSinkJob#build}: decode + convert with
 *       {@code RowRouter}, {@code IcebergSink}, one commit per checkpoint) into a heartbeat table
 *       partitioned by {@code hour(event_time)}, in a temporary JDBC (SQLite) catalog;
 *   <li><b>baseline</b>: decode with {@code EventCodec}, then {@code FileSink} with a parquet-avro
 *       bulk writer, buckets by event hour, part files rolled on every checkpoint.
 * </ul>
 *
 * <p>Both read the same encoded heartbeats from a bounded generator source (a pool built from a
 * fixed seed), write Parquet with zstd, and run on a local MiniCluster in this JVM. Rows/s is rows
 * over the job's net run time (submission to the final commit). A warm-up run of each, then
 * alternating rounds; the medians are compared. Also printed: the commit latency of every
 * checkpoint of ours (snapshot commit time minus the time the checkpoint's barrier passed the
 * source).
 */
@Command(
    name = "iceberg-sink-bench",
    mixinStandardHelpOptions = true,
    description =
        "Iceberg sink rows/s vs Flink's FileSink with Parquet (same rows, same settings).")
public final class IcebergSinkBenchMain implements Callable<Integer> {
  private static final String NAMESPACE = "bench";
  private static final String TABLE = "heartbeats";

  @Option(
      names = "--rows",
      defaultValue = "300000",
      description = "Rows per measured run (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--warmup-rows",
      defaultValue = "50000",
      description = "Rows of each warm-up run (default: ${DEFAULT-VALUE}).")
  long warmupRows;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Measured rounds, each ours + baseline (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Parallelism of both jobs (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "2000",
      description = "Checkpoint interval, ms (default: ${DEFAULT-VALUE}).")
  long checkpointMillis;

  @Option(
      names = "--pool",
      defaultValue = "20000",
      description = "Distinct pre-encoded events (default: ${DEFAULT-VALUE}).")
  int pool;

  @Option(names = "--quick", description = "Smoke run: 100,000 rows, 1 round, small warm-up.")
  boolean quick;

  @Option(
      names = "--only",
      description = "Run only one side (ours or baseline), e.g. under a profiler; no RESULT line.")
  String only;

  private final PrintStream out = System.out;

  /** One measured run. */
  record Run(
      long rows, long millis, long cpuMillis, List<Long> commitLatencies, long committedRows) {
    double rowsPerSecond() {
      return rows * 1000.0 / Math.max(1, millis);
    }

    /** Rows per second of CPU time this JVM spent on the run: less sensitive to busy neighbours. */
    double rowsPerCpuSecond() {
      return rows * 1000.0 / Math.max(1, cpuMillis);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (quick) {
      rows = Math.min(rows, 100_000);
      warmupRows = Math.min(warmupRows, 20_000);
      rounds = 1;
    }
    out.printf(
        Locale.ROOT,
        "iceberg-sink bench: %,d rows per run, %d round(s), parallelism %d, checkpoint every %d ms,"
            + " %,d distinct PlaybackHeartbeat events, Parquet zstd%n",
        rows,
        rounds,
        parallelism,
        checkpointMillis,
        pool);
    Path work = Files.createTempDirectory("playstream-iceberg-bench-");
    try {
      if (only != null) {
        for (int r = 1; r <= rounds + 1; r++) {
          Run run =
              only.equals("ours")
                  ? ours(work.resolve("ours-" + r), rows)
                  : baseline(work.resolve("baseline-" + r), rows);
          report(only + " " + r, run);
        }
        return 0;
      }
      out.println("warm-up ...");
      report("warm-up ours", ours(work.resolve("warmup-ours"), warmupRows));
      report("warm-up baseline", baseline(work.resolve("warmup-baseline"), warmupRows));
      List<Double> ours = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      List<Double> oursCpu = new ArrayList<>();
      List<Double> baselineCpu = new ArrayList<>();
      List<Long> latencies = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        // alternate which side goes first
        Run o;
        Run b;
        if (r % 2 == 1) {
          o = ours(work.resolve("ours-" + r), rows);
          b = baseline(work.resolve("baseline-" + r), rows);
        } else {
          b = baseline(work.resolve("baseline-" + r), rows);
          o = ours(work.resolve("ours-" + r), rows);
        }
        report("round " + r + " ours", o);
        report("round " + r + " baseline", b);
        ours.add(o.rowsPerSecond());
        baseline.add(b.rowsPerSecond());
        oursCpu.add(o.rowsPerCpuSecond());
        baselineCpu.add(b.rowsPerCpuSecond());
        latencies.addAll(o.commitLatencies());
      }
      double oursMedian = median(ours);
      double baselineMedian = median(baseline);
      List<Long> sorted = latencies.stream().sorted().toList();
      if (!sorted.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "commit latency per checkpoint (ours, %d checkpoints): median %d ms, p95 %d ms, max %d"
                + " ms%n",
            sorted.size(),
            sorted.get(sorted.size() / 2),
            sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)),
            sorted.get(sorted.size() - 1));
      }
      out.printf(
          Locale.ROOT,
          "rows per CPU-second (median): ours %,.0f, baseline %,.0f, ratio %.3f%n",
          median(oursCpu),
          median(baselineCpu),
          median(oursCpu) / median(baselineCpu));
      out.printf(
          Locale.ROOT,
          "RESULT name=iceberg-sink ours=%.1f baseline=%.1f ratio=%.3f unit=rows/s%n",
          oursMedian,
          baselineMedian,
          baselineMedian == 0 ? Double.NaN : oursMedian / baselineMedian);
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  private void report(String label, Run r) {
    out.printf(
        Locale.ROOT,
        "%-20s %,10.0f rows/s  %,10.0f rows/CPU-s  (%,d rows in %,d ms; %,d rows committed)%s%n",
        label,
        r.rowsPerSecond(),
        r.rowsPerCpuSecond(),
        r.rows(),
        r.millis(),
        r.committedRows(),
        r.commitLatencies().isEmpty()
            ? ""
            : "  commit latency ms per checkpoint: " + r.commitLatencies());
    if (r.committedRows() != r.rows()) {
      throw new IllegalStateException(
          label + ": " + r.committedRows() + " rows committed, expected " + r.rows());
    }
  }

  /** The bench's heartbeat table: PlaybackHeartbeat columns, hourly partitions, zstd Parquet. */
  static TableDefinition table() {
    return new TableDefinition(
        TABLE,
        "bench: heartbeats",
        List.of(RecordMapping.of(EventType.PLAYBACK_HEARTBEAT.schema())),
        null,
        List.of(),
        List.of("hour(event_time)"),
        List.of(),
        List.of(),
        TableDefinitions.defaultWriteProperties());
  }

  private StreamExecutionEnvironment environment() {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    env.enableCheckpointing(checkpointMillis, CheckpointingMode.EXACTLY_ONCE);
    // as the sink job runs (IcebergSinkJob.reuseObjects), on both sides
    IcebergSinkJob.reuseObjects(env);
    return env;
  }

  private DataStream<RawEvent> source(StreamExecutionEnvironment env, long n) {
    DataGeneratorSource<RawEvent> gen =
        new DataGeneratorSource<>(new BenchEvents(pool), n, TypeInformation.of(RawEvent.class));
    return env.fromSource(gen, WatermarkStrategy.noWatermarks(), "heartbeats")
        .uid("heartbeats")
        .map(new BarrierClock<RawEvent>())
        .returns(RawEvent.class)
        .name("barrier clock")
        .uid("barrier-clock");
  }

  Run ours(Path dir, long n) throws Exception {
    Files.createDirectories(dir);
    IcebergCatalogSettings settings =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            dir.resolve("warehouse").toUri().toString(),
            NAMESPACE,
            null);
    BarrierClock.BARRIERS.clear();
    StreamExecutionEnvironment env = environment();
    var loader = IcebergCatalogs.loader(settings);
    IcebergSinkJob.Pipeline p =
        IcebergSinkJob.build(
            source(env, n),
            loader,
            new IcebergSinkJob.Settings(Namespace.of(NAMESPACE), List.of(table()), 0, "bench"));
    p.deadLetters().sinkTo(new DiscardingSink<DeadLetter>()).name("dead letters").uid("dlq");
    long cpu0 = processCpuNanos();
    JobExecutionResult result = env.execute("bench ours");
    long cpuMillis = (processCpuNanos() - cpu0) / 1_000_000;
    long millis = result.getNetRuntime(TimeUnit.MILLISECONDS);

    Catalog catalog = loader.loadCatalog();
    try {
      Table t = catalog.loadTable(TableIdentifier.of(NAMESPACE, TABLE));
      List<Long> latencies = new ArrayList<>();
      for (Snapshot s : t.snapshots()) {
        String cp = s.summary().get("flink.max-committed-checkpoint-id");
        Long barrier = cp == null ? null : BarrierClock.BARRIERS.get(Long.parseLong(cp));
        if (barrier != null) {
          latencies.add(s.timestampMillis() - barrier);
        }
      }
      long committed = Long.parseLong(t.currentSnapshot().summary().get("total-records"));
      return new Run(n, millis, cpuMillis, latencies, committed);
    } finally {
      if (catalog instanceof AutoCloseable c) {
        c.close();
      }
    }
  }

  Run baseline(Path dir, long n) throws Exception {
    Files.createDirectories(dir);
    StreamExecutionEnvironment env = environment();
    FileSink<PlaybackHeartbeat> sink =
        FileSink.forBulkFormat(
                new org.apache.flink.core.fs.Path(dir.toUri()),
                ParquetAvroBulkWriter.forSpecificRecord(
                    PlaybackHeartbeat.class, CompressionCodecName.ZSTD))
            .withBucketAssigner(new EventHourBuckets<>())
            .build();
    source(env, n)
        .process(new Decode())
        .returns(TypeInformation.of(PlaybackHeartbeat.class))
        .name("decode")
        .uid("decode")
        .sinkTo(sink)
        .name("parquet file sink")
        .uid("file-sink");
    long cpu0 = processCpuNanos();
    JobExecutionResult result = env.execute("bench baseline");
    long cpuMillis = (processCpuNanos() - cpu0) / 1_000_000;
    long millis = result.getNetRuntime(TimeUnit.MILLISECONDS);
    return new Run(n, millis, cpuMillis, List.of(), parquetRows(dir));
  }

  /** Decodes the raw events, as the baseline's counterpart of the sink's row router. */
  static final class Decode extends ProcessFunction<RawEvent, PlaybackHeartbeat> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(RawEvent e, Context ctx, Collector<PlaybackHeartbeat> out) {
      out.collect(EventCodec.standard().decode(e.value, PlaybackHeartbeat.class));
    }
  }

  private static long parquetRows(Path dir) throws IOException {
    long total = 0;
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        try (ParquetFileReader r =
            ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toUri()), conf))) {
          total += r.getRecordCount();
        }
      }
    }
    return total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double median(List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IcebergSinkBenchMain()).execute(args));
  }
}
