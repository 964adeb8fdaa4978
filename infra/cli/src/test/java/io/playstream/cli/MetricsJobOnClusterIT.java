package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.SpsMetric;
import io.playstream.infra.testing.LocalElasticsearchExtension;
import io.playstream.infra.testing.LocalFlinkExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.Events;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playback-health job's shaded jar, submitted through {@code playstream jobs submit} to the
 * real standalone Flink cluster, fed through the real broker: its SPS metrics arrive on Kafka (read
 * committed) and as documents in the real Elasticsearch node; then {@code jobs savepoint --stop},
 * more events while it is down, {@code jobs resubmit} from the savepoint — and every window is on
 * Kafka exactly once with the count that was sent, and in Elasticsearch once (deterministic ids).
 */
class MetricsJobOnClusterIT {
  @RegisterExtension static final LocalFlinkExtension FLINK = LocalFlinkExtension.shared();
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final LocalElasticsearchExtension ES = LocalElasticsearchExtension.shared();

  private static final Duration BOUND = Duration.ofSeconds(120);
  private static final Pattern SUBMITTED =
      Pattern.compile("submitted (\\S+) as job ([0-9a-f]{32})");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec CODEC = EventCodec.standard();

  /** Event time of the first test window: fixed, far from now, so it cannot mix with others. */
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir static Path dir;
  private static Path configFile;
  private static Path catalogFile;
  private static String input;
  private static String spsTopic;
  private static String country;

  @BeforeAll
  static void files() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    input = "it-metrics-route-" + run;
    spsTopic = "it-metrics-sps-" + run;
    country = "Q" + run.substring(0, 3).toUpperCase(java.util.Locale.ROOT);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, Topics.all(), (short) 1);
      TopicAdmin.ensureTopics(
          admin,
          List.of(
              new TopicSpec(
                  input,
                  1,
                  Duration.ofDays(1),
                  false,
                  "session_id",
                  TopicSpec.ValueFormat.AVRO_EVENT,
                  "test route"),
              new TopicSpec(
                  spsTopic,
                  1,
                  Duration.ofDays(1),
                  false,
                  "country",
                  TopicSpec.ValueFormat.AVRO_EVENT,
                  "test sps")),
          (short) 1);
    }
    configFile = dir.resolve("playstream.yaml");
    Files.writeString(
        configFile,
        "state:\n  dir: "
            + FLINK.stateLayout().root()
            + "\nflink:\n  local:\n    rest-port: "
            + FLINK.restUrl().getPort()
            + "\n");
    Path root = Path.of(System.getProperty("playstream.root", "../..")).toAbsolutePath();
    Path jar = root.resolve("stream-jobs/metrics-jobs/target/metrics-jobs-job.jar");
    assertThat(jar).as("the shaded metrics-jobs jar (built before infra/cli)").exists();
    catalogFile = dir.resolve("jobs.yaml");
    Files.writeString(
        catalogFile,
        "jobs:\n"
            + "  - name: playback-health-it\n"
            + "    jar: "
            + jar
            + "\n"
            + "    entry-class: io.playstream.jobs.PlaybackHealthMain\n"
            + "    job-name: playback-health\n"
            + "    parallelism: 1\n"
            + "    args: ['--bootstrap-servers', '"
            + KAFKA.bootstrapServers()
            + "', '--es-url', '"
            + ES.url()
            + "', '--input-topic', '"
            + input
            + "', '--sps-topic', '"
            + spsTopic
            + "', '--group-id', 'it-"
            + run
            + "', '--checkpoint-interval', '1s', '--out-of-orderness', '0ms',"
            + " '--state-backend', 'hashmap']\n");
  }

  @Test
  void metricsReachKafkaAndElasticsearchExactlyOnceAcrossAStopWithSavepointAndResubmit()
      throws Exception {
    CliRun submit =
        cli("jobs", "submit", "playback-health-it", "--catalog", catalogFile.toString());
    assertThat(submit.code()).as(submit.err()).isZero();
    String first = jobId(submit.out());

    // window 1: 10 s from T0, 7 starts a second; an event 30 s later closes it
    produce(starts(T0, 10, 7));
    produce(List.of(start(T0.plusSeconds(30), "ZZ")));
    Awaitility.await("window 1 on Kafka")
        .atMost(BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> tenSecondWindows().containsKey(T0));
    assertThat(tenSecondWindows().get(T0)).containsExactly(70L);

    CliRun stop =
        cli(
            "jobs",
            "savepoint",
            "playback-health-it",
            "--stop",
            "--catalog",
            catalogFile.toString());
    assertThat(stop.code()).as(stop.err()).isZero();
    String savepoint = stop.out().strip();
    assertThat(FLINK.rest().job(first).state()).isEqualTo("FINISHED");

    // while the job is down: window 2 (from T0 + 40 s, 5 a second) and an event that closes it
    Instant t1 = T0.plusSeconds(40);
    produce(starts(t1, 10, 5));
    produce(List.of(start(t1.plusSeconds(30), "ZZ")));

    CliRun resubmit =
        cli("jobs", "resubmit", "playback-health-it", "--catalog", catalogFile.toString());
    assertThat(resubmit.code()).as(resubmit.err()).isZero();
    assertThat(resubmit.out()).contains("restored from " + savepoint);
    String second = jobId(resubmit.out());

    Awaitility.await("window 2 on Kafka")
        .atMost(BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> tenSecondWindows().containsKey(t1));
    // exactly once: each window once, with what was sent, across the restart
    Map<Instant, List<Long>> windows = tenSecondWindows();
    assertThat(windows.get(T0)).containsExactly(70L);
    assertThat(windows.get(t1)).containsExactly(50L);
    assertThat(oneSecondWindowCount()).isEqualTo(20);

    // Elasticsearch: one document per window and key (ids are window + key), the same counts
    Awaitility.await("documents in Elasticsearch")
        .atMost(BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> esDocuments(10).size() == 2 && esDocuments(1).size() == 20);
    Map<String, Long> tens = new HashMap<>();
    for (JsonNode d : esDocuments(10)) {
      tens.put(d.path("window_start").asText(), d.path("starts").asLong());
    }
    assertThat(tens).containsEntry(T0.toString(), 70L).containsEntry(t1.toString(), 50L);
    long oneSecondStarts = 0;
    for (JsonNode d : esDocuments(1)) {
      oneSecondStarts += d.path("starts").asLong();
    }
    assertThat(oneSecondStarts).isEqualTo(120);

    CliRun cancel = cli("jobs", "cancel", second);
    assertThat(cancel.code()).as(cancel.err()).isZero();
  }

  private static List<PlaybackStarted> starts(Instant from, int seconds, int perSecond) {
    List<PlaybackStarted> out = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      for (int i = 0; i < perSecond; i++) {
        out.add(start(from.plusMillis(s * 1000L + i * (1000L / perSecond)), country));
      }
    }
    return out;
  }

  private static PlaybackStarted start(Instant at, String countryCode) {
    return PlaybackStarted.newBuilder()
        .setHeader(Events.newHeader("playback", "it", at, null))
        .setSessionId("s-" + UUID.randomUUID())
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setDeviceType("tv")
        .setCountry(countryCode)
        .setRegion("eu-west")
        .setIsp("isp")
        .setClientIp(null)
        .setCdnServerId("oca-1")
        .setStartupLatencyMs(500)
        .setInitialBitrateKbps(3000)
        .build();
  }

  private static void produce(List<PlaybackStarted> events) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (PlaybackStarted e : events) {
        ProducerRecord<byte[], byte[]> r =
            new ProducerRecord<>(
                input,
                0,
                e.getHeader().getEventTime().toEpochMilli(),
                e.getSessionId().getBytes(StandardCharsets.UTF_8),
                CODEC.encode(e));
        r.headers().add("ps.event-type", "PlaybackStarted".getBytes(StandardCharsets.UTF_8));
        producer.send(r);
      }
      producer.flush();
    }
  }

  /** Committed SPS metrics of the test country: 10 s window start → every count seen for it. */
  private static Map<Instant, List<Long>> tenSecondWindows() {
    Map<Instant, List<Long>> out = new HashMap<>();
    for (SpsMetric m : spsMetrics()) {
      if (m.getWindowSeconds() == 10) {
        out.computeIfAbsent(m.getWindowStart(), k -> new ArrayList<>()).add(m.getStarts());
      }
    }
    return out;
  }

  private static int oneSecondWindowCount() {
    return (int) spsMetrics().stream().filter(m -> m.getWindowSeconds() == 1).count();
  }

  private static List<SpsMetric> spsMetrics() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<SpsMetric> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      var partitions =
          consumer.partitionsFor(spsTopic).stream()
              .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 10_000;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (CODEC.decode(r.value()) instanceof SpsMetric m && country.equals(m.getCountry())) {
            out.add(m);
          }
        }
      }
    }
    return out;
  }

  /** SPS documents of the test country with this window length (searchable now). */
  private static List<JsonNode> esDocuments(int windowSeconds)
      throws IOException, InterruptedException {
    String body =
        "{\"size\":100,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"country\":\""
            + country
            + "\"}},{\"term\":{\"window_seconds\":"
            + windowSeconds
            + "}}]}}}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            ES.url() + "/playstream-metrics-sps-*/_search?ignore_unavailable=true"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<JsonNode> docs = new ArrayList<>();
    if (r.statusCode() != 200) {
      return docs; // the index may not exist or be searchable yet
    }
    JSON.readTree(r.body()).path("hits").path("hits").forEach(h -> docs.add(h.path("_source")));
    return docs;
  }

  private static CliRun cli(String... args) {
    return CliRun.of(configFile, args);
  }

  private static String jobId(String out) {
    Matcher m = SUBMITTED.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(2);
  }
}
