package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.infra.testing.LocalElasticsearchExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink in a MiniCluster against a real Elasticsearch node and a real Kafka broker. */
class ElasticsearchSinkIT {
  @RegisterExtension
  static final LocalElasticsearchExtension ES = LocalElasticsearchExtension.shared();

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String DOC_MAPPING =
      "{\"dynamic\":\"strict\",\"properties\":{\"n\":{\"type\":\"long\"},"
          + "\"name\":{\"type\":\"keyword\"}}}";
  private static final Instant DAY = Instant.parse("2026-01-01T20:00:00Z");

  private static EsClient client;

  @BeforeAll
  static void setUp() throws Exception {
    KAFKA.createCatalogTopics();
    client = EsClient.open(ES.url());
    IndexTemplates.apply(client.rest());
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  @Test
  void writesEveryDocument() throws Exception {
    String index = "sink-it-plain";
    EsTestSupport.createIndex(client, index, DOC_MAPPING);

    run(index, 2_000, sink(index).build());

    assertThat(EsTestSupport.count(client, index)).isEqualTo(2_000);
    assertThat(EsTestSupport.call(client, "GET", "/" + index + "/_doc/doc-1234", null).body())
        .contains("\"name\":\"doc 1234\"");
  }

  @Test
  void writingTheSameInputTwiceLeavesEachDocumentOnce() throws Exception {
    String index = "sink-it-replay";
    EsTestSupport.createIndex(client, index, DOC_MAPPING);

    run(index, 1_500, sink(index).build());
    run(index, 1_500, sink(index).build());

    assertThat(EsTestSupport.count(client, index)).isEqualTo(1_500);
    // overwritten in place: the second run bumped each document's version
    assertThat(EsTestSupport.call(client, "GET", "/" + index + "/_doc/doc-7", null).body())
        .contains("\"_version\":2");
  }

  @Test
  void aDocumentViolatingTheMappingIsDeadLetteredWithTheErrorAndTheRestIsIndexed()
      throws Exception {
    String index = DailyIndex.name(IndexTemplates.METRICS_PREFIX + "-sinkit", DAY);
    EsTestSupport.call(client, "DELETE", "/" + index + "?ignore_unavailable=true", null);
    String sourceTopic = "sink-it-source-" + System.nanoTime();
    long badOffset = 17;
    byte[] original = "the original record bytes".getBytes(StandardCharsets.UTF_8);
    ElasticsearchSink<Long> sink =
        ElasticsearchSink.<Long>builder(
                i -> {
                  Map<String, Object> doc = new HashMap<>();
                  doc.put("metric", "sinkit");
                  doc.put("window_start", DAY);
                  doc.put("country", "US");
                  // the metrics template maps "starts" as long
                  doc.put("starts", i == badOffset ? "many" : i);
                  return EsAction.index(index, DocumentIds.join("sinkit", i), doc)
                      .withOrigin(
                          RecordOrigin.of(
                              sourceTopic,
                              0,
                              i,
                              ("k" + i).getBytes(StandardCharsets.UTF_8),
                              original,
                              new String[] {"ps.event-type"},
                              new byte[][] {"SpsMetric".getBytes(StandardCharsets.UTF_8)}));
                })
            .url(ES.url())
            .maxBatchSize(10)
            .deadLetterBootstrapServers(KAFKA.bootstrapServers())
            .component("sink-it")
            .build();

    run(index, 50, sink);

    assertThat(EsTestSupport.count(client, index)).isEqualTo(49);
    assertThat(
            EsTestSupport.call(client, "GET", "/_alias/" + IndexTemplates.METRICS_ALIAS, null)
                .body())
        .contains(index);
    ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(sourceTopic);
    assertThat(dead.value()).isEqualTo(original);
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k" + badOffset);
    assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON))
        .isEqualTo(DeadLetterHeaders.SINK_REJECTED);
    assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.DETAIL))
        .contains("document_parsing_exception")
        .contains("[starts]")
        .contains("many");
    assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET))
        .isEqualTo(Long.toString(badOffset));
    assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.INSTANCE))
        .isEqualTo("sink-it-0");
    assertThat(DeadLetterHeaders.text(dead.headers(), "ps.event-type")).isEqualTo("SpsMetric");
  }

  @Test
  void waitsOutAnElasticsearchOutageAndThenWritesEverything() throws Exception {
    String index = "sink-it-outage";
    EsTestSupport.createIndex(client, index, DOC_MAPPING);
    ES.stopNode();
    JobClient job;
    try {
      StreamExecutionEnvironment env = environment();
      env.fromSequence(0, 499)
          .sinkTo(sink(index).retryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build())
          .name("elasticsearch");
      job = env.executeAsync("sink outage test");
      // with the node away the job neither finishes nor fails: it retries
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> job.getJobStatus().get() == JobStatus.RUNNING);
    } finally {
      ES.startNode();
    }

    job.getJobExecutionResult().get();

    assertThat(EsTestSupport.count(client, index)).isEqualTo(500);
  }

  private static ElasticsearchSink.Builder<Long> sink(String index) {
    return ElasticsearchSink.<Long>builder(
            i -> EsAction.index(index, "doc-" + i, "{\"n\":" + i + ",\"name\":\"doc " + i + "\"}"))
        .url(ES.url())
        .maxBatchSize(100)
        .maxInFlightRequests(2)
        .component("sink-it");
  }

  private static void run(String index, long n, ElasticsearchSink<Long> sink) throws Exception {
    StreamExecutionEnvironment env = environment();
    env.fromData(LongStream.range(0, n).boxed().toList(), Types.LONG)
        .sinkTo(sink)
        .name("elasticsearch " + index);
    env.execute("sink test " + index);
  }

  private static StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(500);
    return env;
  }

  private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String sourceTopic) {
    Map<String, Object> config = new HashMap<>(KAFKA.clientConfig());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "sink-it-" + sourceTopic);
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DLQ.name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  if (sourceTopic.equals(
                      DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))) {
                    found.add(r);
                  }
                }
                return !found.isEmpty();
              });
    }
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
