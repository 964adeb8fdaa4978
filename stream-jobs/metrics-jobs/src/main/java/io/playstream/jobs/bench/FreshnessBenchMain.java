package io.playstream.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.events.PlaybackStarted;
import io.playstream.infra.ElasticsearchLauncher;
import io.playstream.infra.ElasticsearchNode;
import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import io.playstream.jobs.PlaybackHealthMain;
import io.playstream.jobs.es.MetricDocuments;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import io.playstream.sinks.elasticsearch.EsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./playstream bench freshness}: how long after an event happened its metric can be queried
 * in Elasticsearch, at a steady load, through the real playback-health job.
 *
 * <p>A real broker and a real Elasticsearch node (started here in a temporary folder unless {@code
 * --bootstrap-servers} / {@code --es-url} name running ones); the playback-health job exactly as
 * {@code PlaybackHealthMain} wires it (Kafka source with its watermarks, the whole graph, the
 * exactly-once Kafka sinks and the Elasticsearch sink) in a local MiniCluster. A producer sends
 * {@code --rate} events per second (the mix of the metrics bench: about 11 % stream starts, the
 * rest heartbeats, steering decisions, errors, stops and CDN reports) to the metrics-playback route
 * with their event time set to the wall clock when they are sent. A poller searches the SPS index
 * every {@code --poll} for new 1-second SPS documents; when the document of a (second, country,
 * device) window first shows up in a search, every stream start counted in it gets a freshness of
 * <i>that moment − its event time</i>. The measured part is the {@code --duration} after {@code
 * --warmup}; the figures are percentiles over those events, and each window's document must count
 * exactly the starts sent for it (checked; a mismatch is reported).
 *
 * <p>The baseline is the target, 3000 ms: {@code RESULT name=freshness ours=<p99 ms> baseline=3000
 * ratio=<p99/3000> unit=ms}. What bounds it: the window (1 s), the job's watermark out-of-orderness
 * ({@code --out-of-orderness}, passed through like every other job option after the bench's own),
 * the Elasticsearch sink's buffer time and the index refresh interval.
 */
@Command(
    name = "freshness",
    mixinStandardHelpOptions = true,
    description =
        "Event time to the metric being searchable in Elasticsearch, p50/p99, through the real"
            + " playback-health job. Unknown options go to the job (e.g. --out-of-orderness 1s).")
public final class FreshnessBenchMain implements Callable<Integer> {
  static final double TARGET_MS = 3000;

  /** The playback-health job's watermark out-of-orderness in the platform's job catalog. */
  static final String OUT_OF_ORDERNESS = "500ms";

  /** Load kept up after the measured part, so its last windows close (watermarks need events). */
  private static final long TAIL_MS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--rate", defaultValue = "10000", description = "Events per second sent.")
  int rate;

  @Option(
      names = "--duration",
      defaultValue = "60",
      description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--warmup",
      defaultValue = "20",
      description = "Seconds sent before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--poll",
      defaultValue = "100",
      description = "Milliseconds between searches (default: ${DEFAULT-VALUE}).")
  int pollMs;

  @Option(names = "--bootstrap-servers", description = "Broker to use (default: start one).")
  String bootstrapServers;

  @Option(names = "--es-url", description = "Elasticsearch to use (default: start a node).")
  URI esUrl;

  @Option(names = "--es-heap", defaultValue = "1g", description = "Heap of a started node.")
  String esHeap;

  @Unmatched List<String> jobArgs = new ArrayList<>();

  /** Event times (ms) of the starts sent, per window document id; removed when measured. */
  private final Map<String, long[]> sent = new ConcurrentHashMap<>();

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty(
          "log4j2.configurationFile", "classpath:playstream-bench-log4j2.properties");
    }
    System.exit(new CommandLine(new FreshnessBenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<AutoCloseable> cleanup = new ArrayList<>();
    try {
      String kafka = bootstrapServers;
      if (kafka == null) {
        Path dir = Files.createTempDirectory("playstream-freshness-kafka-");
        List<Integer> ports = Ports.freePorts(2);
        KafkaBroker broker =
            new KafkaLauncher(
                    new StateLayout(dir),
                    new KafkaLauncher.Settings(
                        ports.get(0),
                        ports.get(1),
                        "1g",
                        Duration.ofSeconds(180),
                        Duration.ofSeconds(20),
                        Map.of()))
                .start();
        cleanup.add(broker::stop);
        kafka = broker.bootstrapServers();
        progress("started a Kafka broker on %s", kafka);
      }
      URI es = esUrl;
      if (es == null) {
        Path dir = Files.createTempDirectory("playstream-freshness-es-");
        ElasticsearchNode node =
            new ElasticsearchLauncher(
                    new StateLayout(dir), ElasticsearchLauncher.Settings.onFreePorts(esHeap))
                .start();
        cleanup.add(node::stop);
        es = node.url();
        progress("started Elasticsearch on %s", es);
      }
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
        TopicAdmin.ensureTopics(admin, Topics.all(), (short) 1);
        TopicAdmin.ensureTopics(admin, List.of(Topics.route("metrics-playback")), (short) 1);
      }
      List<String> args = new ArrayList<>();
      args.addAll(
          List.of(
              "--bootstrap-servers",
              kafka,
              "--es-url",
              es.toString(),
              "--starting-offsets",
              "LATEST",
              "--group-id",
              "freshness-bench-" + System.currentTimeMillis(),
              "--parallelism",
              "1"));
      if (jobArgs.stream().noneMatch(a -> a.startsWith("--out-of-orderness"))) {
        args.addAll(List.of("--out-of-orderness", OUT_OF_ORDERNESS)); // as jobs.yaml runs it
      }
      args.addAll(jobArgs);
      progress("playback-health job options: %s", String.join(" ", args));
      PlaybackHealthMain job = new PlaybackHealthMain();
      new CommandLine(job).parseArgs(args.toArray(String[]::new));
      job.applyTemplates();
      JobClient client = job.pipeline().executeAsync("playback-health (freshness bench)");
      cleanup.add(() -> client.cancel().get(30, TimeUnit.SECONDS));
      waitRunning(client);
      try (EsClient esClient = EsClient.open(es);
          KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
        return measure(esClient, producer);
      }
    } finally {
      for (int i = cleanup.size() - 1; i >= 0; i--) {
        try {
          cleanup.get(i).close();
        } catch (Exception e) {
          progress("cleanup: %s", e);
        }
      }
    }
  }

  private int measure(EsClient es, KafkaProducer<byte[], byte[]> producer) throws Exception {
    long start = (System.currentTimeMillis() / 1000 + 1) * 1000;
    long measureFrom = start + warmupSeconds * 1000L;
    long measureTo = measureFrom + durationSeconds * 1000L;
    Thread sender =
        new Thread(() -> send(producer, start, measureTo + TAIL_MS), "freshness-bench-producer");
    sender.setDaemon(true);
    sender.start();
    progress(
        "sending %,d events/s for %d s of warm-up and %d s measured; searching every %d ms",
        rate, warmupSeconds, durationSeconds, pollMs);
    List<Long> latencies = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Map<String, Long> firstSeen = new HashMap<>();
    int windows = 0;
    int mismatched = 0;
    long deadline = measureTo + TAIL_MS + 30_000;
    long lastProgress = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      long polledAt = System.currentTimeMillis();
      for (JsonNode hit : search(es, Math.max(measureFrom - 1000, polledAt - 30_000))) {
        String id = hit.path("_id").asText();
        if (done.contains(id)) {
          continue;
        }
        long visibleAt = firstSeen.computeIfAbsent(id, x -> polledAt);
        JsonNode doc = hit.path("_source");
        long windowStart = Instant.parse(doc.path("window_start").asText()).toEpochMilli();
        boolean measured = windowStart >= measureFrom && windowStart < measureTo;
        long[] times = sent.remove(key(windowStart, doc));
        if (times == null && measured) {
          continue; // the producer has not handed this window over yet: next poll
        }
        done.add(id);
        if (!measured) {
          continue;
        }
        windows++;
        if (doc.path("starts").asLong() != times.length - 1) {
          mismatched++;
        }
        for (int i = 1; i < times.length; i++) {
          latencies.add(visibleAt - times[i]);
        }
      }
      if (polledAt - lastProgress >= 10_000) {
        lastProgress = polledAt;
        progress(
            "%s: %d windows measured, %,d starts",
            polledAt < measureFrom ? "warming up" : "measuring", windows, latencies.size());
      }
      if (!sender.isAlive() && pendingMeasured(measureFrom, measureTo) == 0) {
        break;
      }
      Thread.sleep(pollMs);
    }
    sender.join(5_000);
    int missing = pendingMeasured(measureFrom, measureTo);
    if (missing > 0) {
      java.util.TreeSet<Long> seconds = new java.util.TreeSet<>();
      for (String k : sent.keySet()) {
        long w = Long.parseLong(k.substring(0, k.indexOf('|')));
        if (w >= measureFrom && w < measureTo) {
          seconds.add((w - measureFrom) / 1000);
        }
      }
      progress("windows missing in measured seconds %s", seconds);
    }
    if (latencies.isEmpty()) {
      System.out.println("no measured window reached Elasticsearch: is the job running?");
      return 2;
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    double p50 = percentile(sorted, 50);
    double p90 = percentile(sorted, 90);
    double p99 = percentile(sorted, 99);
    progress(
        "%,d stream starts in %d one-second windows measured; %d windows still missing after 30 s,"
            + " %d with a count that differs from what was sent",
        sorted.length, windows, missing, mismatched);
    progress(
        "freshness (event time -> searchable): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %d ms",
        p50, p90, p99, sorted[sorted.length - 1]);
    System.out.printf(
        Locale.ROOT,
        "RESULT name=freshness ours=%.0f baseline=%.0f ratio=%.3f unit=ms%n",
        p99,
        TARGET_MS,
        p99 / TARGET_MS);
    return missing == 0 && mismatched == 0 ? 0 : 1;
  }

  private int pendingMeasured(long from, long to) {
    int n = 0;
    for (String k : sent.keySet()) {
      long w = Long.parseLong(k.substring(0, k.indexOf('|')));
      if (w >= from && w < to) {
        n++;
      }
    }
    return n;
  }

  /** Sends the load, paced per millisecond, and records the event time of every stream start. */
  private void send(KafkaProducer<byte[], byte[]> producer, long start, long end) {
    SplittableRandom rnd = new SplittableRandom(7);
    EventCodec codec = EventCodec.standard();
    String topic = Topics.route("metrics-playback").name();
    Map<String, List<Long>> pending = new HashMap<>();
    long sentCount = 0;
    try {
      while (System.currentTimeMillis() < start) {
        Thread.sleep(1);
      }
      long second = start;
      while (true) {
        long now = System.currentTimeMillis();
        if (now >= end) {
          break;
        }
        long due = (now - start) * rate / 1000;
        for (; sentCount < due; sentCount++) {
          long at = System.currentTimeMillis();
          SpecificRecord e = BenchEvents.randomEvent(rnd, Instant.ofEpochMilli(at));
          EventType type = EventType.of(e);
          String k = type.keyOf(e);
          ProducerRecord<byte[], byte[]> r =
              new ProducerRecord<>(
                  topic,
                  null,
                  at,
                  k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                  codec.encode(e));
          r.headers()
              .add(
                  io.playstream.flink.RawEventDeserializer.EVENT_TYPE_HEADER,
                  type.simpleName().getBytes(StandardCharsets.UTF_8));
          producer.send(r);
          if (e instanceof PlaybackStarted s) {
            long w = at - at % 1000;
            pending
                .computeIfAbsent(
                    w + "|" + s.getCountry() + "|" + s.getDeviceType(), x -> new ArrayList<>())
                .add(at);
          }
        }
        if (now - second >= 1000) { // hand over the windows that are complete
          publish(pending, now - now % 1000);
          second = now - now % 1000;
        }
        Thread.sleep(1);
      }
      producer.flush();
      publish(pending, Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publish(Map<String, List<Long>> pending, long before) {
    var it = pending.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      long w = Long.parseLong(e.getKey().substring(0, e.getKey().indexOf('|')));
      if (w < before) {
        long[] times = new long[e.getValue().size() + 1]; // [0] unused: count = length - 1
        for (int i = 0; i < e.getValue().size(); i++) {
          times[i + 1] = e.getValue().get(i);
        }
        sent.merge(e.getKey(), times, FreshnessBenchMain::concat);
        it.remove();
      }
    }
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length - 1);
    System.arraycopy(b, 1, out, a.length, b.length - 1);
    return out;
  }

  private static String key(long windowStart, JsonNode doc) {
    return windowStart
        + "|"
        + doc.path("country").asText()
        + "|"
        + doc.path("device_type").asText();
  }

  /** The 1-second SPS documents of windows from {@code fromMs} on (at most 10,000). */
  private static List<JsonNode> search(EsClient es, long fromMs) throws IOException {
    Request r = new Request("POST", "/" + MetricDocuments.SPS + "-*/_search");
    r.addParameter("ignore_unavailable", "true");
    r.addParameter("allow_no_indices", "true");
    r.setJsonEntity(
        "{\"size\":10000,\"_source\":[\"window_start\",\"country\",\"device_type\",\"starts\"],"
            + "\"query\":{\"bool\":{\"filter\":[{\"term\":{\"window_seconds\":1}},"
            + "{\"range\":{\"event_time\":{\"gte\":"
            + fromMs
            + ",\"format\":\"epoch_millis\"}}}]}}}");
    Response response;
    try {
      response = es.rest().performRequest(r);
    } catch (org.elasticsearch.client.ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 503) {
        return List.of(); // a daily index just created: its shard is not searchable yet
      }
      throw e;
    }
    try (InputStream in = response.getEntity().getContent()) {
      List<JsonNode> hits = new ArrayList<>();
      JSON.readTree(in).path("hits").path("hits").forEach(hits::add);
      return hits;
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void waitRunning(JobClient client) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (client.getJobStatus().get() != JobStatus.RUNNING) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the playback-health job did not start within 120 s");
      }
      Thread.sleep(200);
    }
    progress("playback-health job running");
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static void progress(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[freshness] " + format + "%n", args);
  }
}
