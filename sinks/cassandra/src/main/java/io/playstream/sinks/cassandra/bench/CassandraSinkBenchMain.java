package io.playstream.sinks.cassandra.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.playstream.flink.RawEvent;
import io.playstream.infra.CassandraLauncher;
import io.playstream.infra.CassandraNode;
import io.playstream.infra.StateLayout;
import io.playstream.sinks.cassandra.CassandraSessions;
import io.playstream.sinks.cassandra.CassandraSinkOptions;
import io.playstream.sinks.cassandra.CqlWrite;
import io.playstream.sinks.cassandra.HistoryMapper;
import io.playstream.sinks.cassandra.ViewingHistoryJob;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playstream bench cassandra-sink}: writes/s of the Cassandra sink against a plain driver
 * loop writing the same kind of rows with the same concurrency, on the same node, in the same run.
 *
 * <ul>
 *   <li><b>ours</b>: the viewing-history job's {@code CassandraSink} in a Flink MiniCluster,
 *       parallelism 1, fed by a bounded in-memory sequence of N raw route records (stops and
 *       ratings); timed from the first record to the return of the sink's end-of-input flush (every
 *       write acknowledged), so job deployment and teardown are not counted.
 *   <li><b>baseline</b>: one thread generating the same records, mapping them with the same mapper,
 *       binding the same prepared statements and calling {@code executeAsync} with at most the same
 *       number in flight (a semaphore), until every write is acknowledged.
 * </ul>
 *
 * One uncounted warm-up pass of each side (as many rows as a round), then rounds in which the side
 * that goes first alternates; the median of each side is reported. Every round writes fresh keys.
 * Without {@code --contact-points} the bench starts its own node through {@link CassandraLauncher}
 * in a temporary folder (deleted at the end).
 */
@Command(
    name = "cassandra-sink",
    mixinStandardHelpOptions = true,
    description = "Cassandra sink writes/s vs a plain driver loop with the same concurrency.")
public final class CassandraSinkBenchMain implements Callable<Integer> {
  @Option(
      names = "--contact-points",
      description = "Use this node (host:port) instead of starting one.")
  String contactPoints;

  @Option(names = "--local-datacenter", defaultValue = "datacenter1")
  String localDatacenter;

  @Option(names = "--rows", description = "Rows per measured round (default 40000; --quick 10000).")
  Integer rows;

  @Option(names = "--rounds", description = "Measured rounds per side (default 5; --quick 1).")
  Integer rounds;

  @Option(names = "--max-in-flight", defaultValue = "128", description = "Both sides.")
  int maxInFlight;

  @Option(names = "--quick", description = "Shorter run for smoke tests.")
  boolean quick;

  @Option(names = "--heap", defaultValue = "512m", description = "Heap of the node it starts.")
  String heap;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CassandraSinkBenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int n = rows != null ? rows : quick ? 10_000 : 40_000;
    int r = rounds != null ? rounds : quick ? 1 : 5;
    // the node's JIT warms up over the first tens of thousands of writes: warm both sides fully
    int warmup = n;
    Path stateDir = null;
    CassandraNode node = null;
    try {
      String points = contactPoints;
      if (points == null) {
        stateDir = Files.createTempDirectory("playstream-bench-cassandra-");
        CassandraLauncher.Settings settings = CassandraLauncher.Settings.forTest();
        settings =
            new CassandraLauncher.Settings(
                settings.nativePort(),
                settings.storagePort(),
                heap,
                settings.startTimeout(),
                settings.stopTimeout(),
                Map.of());
        long t = System.nanoTime();
        node = new CassandraLauncher(new StateLayout(stateDir), settings).start();
        System.out.printf(
            Locale.ROOT,
            "node: Cassandra %s on %s ready in %.1f s (heap %s)%n",
            node.releaseVersion(),
            node.contactPoints(),
            (System.nanoTime() - t) / 1e9,
            heap);
        points = node.contactPoints();
      }
      CassandraSinkOptions options = new CassandraSinkOptions();
      options.contactPoints = points;
      options.localDatacenter = localDatacenter;
      options.keyspace = "playstream_bench";
      options.maxInFlight = maxInFlight;
      options.validate();
      try (CqlSession session = CassandraSessions.open(options, "bench-baseline")) {
        CqlSchema.apply(session, options.keyspace);
        System.out.printf(
            Locale.ROOT,
            "rows per round %d, rounds %d, max in flight %d, warm-up %d rows%n",
            n,
            r,
            maxInFlight,
            warmup);
        Instant base = Instant.now();
        ours(options, "w-ours", warmup, base);
        baseline(session, options, "w-base", warmup, base);
        System.out.println("warm-up done");
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int i = 1; i <= r; i++) {
          // alternate which side goes first, so a node still warming up favours neither
          double o;
          double b;
          if (i % 2 == 1) {
            o = ours(options, "r" + i + "-ours", n, base);
            b = baseline(session, options, "r" + i + "-base", n, base);
          } else {
            b = baseline(session, options, "r" + i + "-base", n, base);
            o = ours(options, "r" + i + "-ours", n, base);
          }
          ours.add(o);
          baseline.add(b);
          System.out.printf(
              Locale.ROOT, "round %d: ours %.1f writes/s, baseline %.1f writes/s%n", i, o, b);
        }
        double om = median(ours);
        double bm = median(baseline);
        System.out.printf(
            Locale.ROOT,
            "RESULT name=cassandra-sink ours=%.1f baseline=%.1f ratio=%.3f unit=writes/s%n",
            om,
            bm,
            om / bm);
      }
      return 0;
    } finally {
      if (node != null) {
        node.stop();
      }
      if (stateDir != null) {
        deleteTree(stateDir);
      }
    }
  }

  /** Our sink in a MiniCluster, parallelism 1: writes/s from the first row to the job's end. */
  static double ours(CassandraSinkOptions options, String prefix, int n, Instant base)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("32m"));
    StreamExecutionEnvironment env =
        ViewingHistoryJob.reuseObjects(StreamExecutionEnvironment.createLocalEnvironment(1, conf));
    BenchRows.FIRST_ROW_NANOS.set(0);
    TimedSink.END_OF_INPUT_FLUSHED_NANOS.set(0);
    ViewingHistoryJob.build(
        env.fromSequence(0, n - 1).map(new BenchRows(prefix, base)).name("rows"),
        new TimedSink<>(ViewingHistoryJob.sink(options, Clock.systemUTC())));
    env.execute("cassandra-sink-bench");
    long start = BenchRows.FIRST_ROW_NANOS.get();
    long end = TimedSink.END_OF_INPUT_FLUSHED_NANOS.get();
    if (start == 0 || end == 0) {
      throw new IllegalStateException("the bench job did not report its first row and last flush");
    }
    return n / ((end - start) / 1e9);
  }

  /** A plain driver loop: same rows, same statements, at most {@code maxInFlight} in flight. */
  static double baseline(
      CqlSession session, CassandraSinkOptions options, String prefix, int n, Instant base)
      throws Exception {
    HistoryMapper mapper = new HistoryMapper(options.historyTtl, Clock.systemUTC(), "bench");
    Map<String, PreparedStatement> prepared = new HashMap<>();
    mapper.statements(options.keyspace).forEach((k, v) -> prepared.put(k, session.prepare(v)));
    BenchRows rows = new BenchRows(prefix, base);
    Semaphore inFlight = new Semaphore(options.maxInFlight);
    AtomicReference<Throwable> error = new AtomicReference<>();
    long start = System.nanoTime();
    for (long i = 0; i < n; i++) {
      RawEvent raw = rows.row(i);
      CqlWrite w = mapper.toWrite(raw);
      var statement =
          prepared
              .get(w.statement())
              .bind(w.values().toArray())
              .setIdempotent(true)
              .setTimeout(options.requestTimeout);
      inFlight.acquire();
      session
          .executeAsync(statement)
          .whenComplete(
              (rs, e) -> {
                if (e != null) {
                  error.compareAndSet(null, e);
                }
                inFlight.release();
              });
    }
    inFlight.acquire(options.maxInFlight);
    long end = System.nanoTime();
    inFlight.release(options.maxInFlight);
    if (error.get() != null) {
      throw new IllegalStateException("baseline write failed: " + error.get(), error.get());
    }
    return n / ((end - start) / 1e9);
  }

  static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    int m = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
