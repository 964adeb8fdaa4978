package io.playstream.sinks.elasticsearch.bench;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.playstream.infra.ElasticsearchLauncher;
import io.playstream.infra.ElasticsearchNode;
import io.playstream.infra.StateLayout;
import io.playstream.sinks.elasticsearch.ElasticsearchSink;
import io.playstream.sinks.elasticsearch.EsClient;
import io.playstream.sinks.elasticsearch.RequestFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playstream bench es-sink}: documents per second of {@link ElasticsearchSink} against a
 * bare bulk loop, on the same node in the same run.
 *
 * <ul>
 *   <li><b>ours</b>: a Flink job (local MiniCluster, parallelism 1): a bounded generator source of
 *       N sequence numbers, the sink turning each into its document (converter) and writing it;
 *       time = the job's net run time.
 *   <li><b>baseline</b>: a loop building the same documents and sending them with the {@code
 *       elasticsearch-java} async bulk API, the same bulk size and the same number of requests in
 *       flight; time = first request to last response.
 * </ul>
 *
 * Each run writes into a fresh index (explicit mapping, one shard, no replica) that is counted
 * afterwards (it must hold exactly N documents) and deleted. After a warm-up of each, the two
 * alternate for several rounds; the figures are medians. Without {@code --url} it starts its own
 * node through the launcher (temporary state folder). The last line is {@code RESULT name=es-sink
 * ours=<docs/s> baseline=<docs/s> ratio=<ours/baseline> unit=docs/s}.
 */
@Command(
    name = "es-sink",
    mixinStandardHelpOptions = true,
    description = "Elasticsearch sink docs/s vs a bare bulk-API loop.")
public final class EsSinkBenchMain implements Callable<Integer> {
  @Option(names = "--url", description = "Elasticsearch to use (default: start a node).")
  URI url;

  @Option(names = "--docs", defaultValue = "50000", description = "Documents per run.")
  int docs;

  @Option(names = "--batch-size", defaultValue = "1000", description = "Actions per bulk request.")
  int batchSize;

  @Option(names = "--in-flight", defaultValue = "2", description = "Bulk requests in flight.")
  int inFlight;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds of each.")
  int rounds;

  @Option(names = "--es-heap", defaultValue = "1g", description = "Heap of a node started here.")
  String esHeap;

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty(
          "log4j2.configurationFile", "classpath:playstream-bench-log4j2.properties");
    }
    System.exit(new CommandLine(new EsSinkBenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path state = null;
    ElasticsearchNode node = null;
    URI es = url;
    if (es == null) {
      state = Files.createTempDirectory("playstream-es-bench-");
      ElasticsearchLauncher launcher =
          new ElasticsearchLauncher(
              new StateLayout(state), ElasticsearchLauncher.Settings.onFreePorts(esHeap));
      long t0 = System.nanoTime();
      node = launcher.start();
      progress(
          "started Elasticsearch on %s in %d ms (heap %s)",
          node.url(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), esHeap);
      es = node.url();
    }
    try (EsClient client = EsClient.open(es, Duration.ofSeconds(120), inFlight + 1)) {
      progress(
          "es-sink bench: %d docs per run, bulk size %d, %d in flight, %d rounds after a warm-up",
          docs, batchSize, inFlight, rounds);
      run(client, "ours", -1);
      run(client, "baseline", -1);
      List<Double> ours = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        if (r % 2 == 0) {
          ours.add(run(client, "ours", r));
          baseline.add(run(client, "baseline", r));
        } else {
          baseline.add(run(client, "baseline", r));
          ours.add(run(client, "ours", r));
        }
      }
      double o = median(ours);
      double b = median(baseline);
      List<Double> pairs = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        pairs.add(ours.get(r) / baseline.get(r));
      }
      progress("ours     docs/s per round %s", rounded(ours, 0));
      progress("baseline docs/s per round %s", rounded(baseline, 0));
      // each round's two runs ran back to back: their ratio is the least disturbed by load
      // changes on a shared machine; the RESULT line keeps the ratio of the medians
      progress("ours/baseline per round   %s (median %.3f)", rounded(pairs, 3), median(pairs));
      System.out.printf(
          Locale.ROOT,
          "RESULT name=es-sink ours=%.0f baseline=%.0f ratio=%.3f unit=docs/s%n",
          o,
          b,
          o / b);
      return 0;
    } finally {
      if (node != null) {
        node.stop();
        deleteTree(state);
      }
    }
  }

  /** One timed run into a fresh index; returns docs/s. */
  private double run(EsClient client, String variant, int round) throws Exception {
    String index = "playstream-bench-" + variant + "-" + (round < 0 ? "warmup" : round);
    request(client, "DELETE", "/" + index + "?ignore_unavailable=true", null);
    request(client, "PUT", "/" + index, BenchDocs.INDEX_BODY);
    long millis = variant.equals("ours") ? ours(client.url(), index) : baseline(client, index);
    request(client, "POST", "/" + index + "/_refresh", null);
    long count = count(client, index);
    request(client, "DELETE", "/" + index, null);
    if (count != docs) {
      throw new IllegalStateException(
          variant + " wrote " + count + " documents into " + index + ", expected " + docs);
    }
    double rate = docs * 1000.0 / Math.max(1, millis);
    progress(
        "%-8s %-7s %d docs in %d ms = %.0f docs/s",
        variant, round < 0 ? "warm-up" : "round " + (round + 1), docs, millis, rate);
    return rate;
  }

  /** The sink in a local MiniCluster; the job's net run time in ms. */
  private long ours(URI es, String index) throws Exception {
    Configuration conf = new Configuration();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    DataGeneratorSource<Long> source = new DataGeneratorSource<>(i -> i, docs, Types.LONG);
    ElasticsearchSink<Long> sink =
        ElasticsearchSink.<Long>builder(i -> BenchDocs.timedAction(index, i))
            .url(es)
            .maxBatchSize(batchSize)
            .maxBatchBytes(64L * 1024 * 1024)
            .maxInFlightRequests(inFlight)
            .maxBufferedRequests(batchSize * (inFlight + 2))
            .maxTimeInBuffer(Duration.ofMillis(200))
            .requestTimeout(Duration.ofSeconds(120))
            .component("es-sink-bench")
            .build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "documents")
        .uid("documents")
        .sinkTo(sink)
        .name("elasticsearch")
        .uid("elasticsearch");
    BenchDocs.resetClock();
    JobExecutionResult result = env.execute("es-sink-bench");
    long end = System.nanoTime();
    long fromFirstDocument = TimeUnit.NANOSECONDS.toMillis(end - BenchDocs.firstDocumentNanos());
    progress(
        "         job net run time %d ms, first document to job end %d ms",
        result.getNetRuntime(TimeUnit.MILLISECONDS), fromFirstDocument);
    return fromFirstDocument;
  }

  /** The bare loop: same documents, bulk size and requests in flight; ms. */
  private long baseline(EsClient client, String index) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicReference<String> failure = new AtomicReference<>();
    long start = System.nanoTime();
    for (long first = 0; first < docs; first += batchSize) {
      long end = Math.min(docs, first + batchSize);
      List<BulkOperation> ops = new ArrayList<>((int) (end - first));
      for (long i = first; i < end; i++) {
        String id = BenchDocs.id(i);
        byte[] json = BenchDocs.json(i);
        ops.add(
            BulkOperation.of(
                o ->
                    o.index(
                        x ->
                            x.index(index)
                                .id(id)
                                .document(BinaryData.of(json, ContentType.APPLICATION_JSON)))));
      }
      slots.acquire();
      client
          .async()
          .bulk(BulkRequest.of(b -> b.operations(ops)))
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, RequestFailures.describe(e));
                } else if (r.errors()) {
                  failure.compareAndSet(null, "bulk response has errors");
                }
                slots.release();
              });
    }
    slots.acquire(inFlight);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (failure.get() != null) {
      throw new IllegalStateException("baseline bulk failed: " + failure.get());
    }
    return millis;
  }

  private static long count(EsClient client, String index) throws IOException {
    return client.sync().count(c -> c.index(index)).count();
  }

  private static void request(EsClient client, String method, String path, String json)
      throws IOException {
    Request r = new Request(method, path);
    if (json != null) {
      r.setJsonEntity(json);
    }
    Response response = client.rest().performRequest(r);
    if (response.getStatusLine().getStatusCode() >= 300) {
      throw new IOException(method + " " + path + ": " + response.getStatusLine());
    }
  }

  private static List<String> rounded(List<Double> values, int decimals) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }
    return out;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void progress(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
    System.out.flush();
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
