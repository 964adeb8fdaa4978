package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.EventHeader;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.flink.PlatformSinks;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.PlatformSources.StartingOffsets;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.infra.testing.LocalElasticsearchExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog route from a real broker into a real node through the title index job. */
class TitleIndexJobIT {
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

  private static final String TOPIC = Topics.route("catalog").name();
  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T2 = T1.plusSeconds(60);
  private static final Instant T3 = T1.plusSeconds(120);

  private static EsClient client;

  @BeforeAll
  static void setUp() throws Exception {
    KAFKA.createCatalogTopics();
    TopicAdmin.ensureTopics(KAFKA.adminClient(), List.of(Topics.route("catalog")), (short) 1);
    client = EsClient.open(ES.url());
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  @Test
  void catalogEventsEndAsTheNewestStateOfEachTitleAndAReplayChangesNothing() throws Exception {
    String index = "playstream-titles-it";
    EsTestSupport.call(client, "DELETE", "/" + index + "?ignore_unavailable=true", null);
    IndexTemplates.apply(client.rest());
    long garbageOffset;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            new HashMap<>(KAFKA.clientConfig()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      send(producer, upsert("t-a", "Alien", T1));
      send(producer, upsert("t-b", "Brazil", T1));
      send(producer, upsert("t-a", "Aliens", T3)); // newer name wins
      send(producer, removed("t-b", T2));
      send(producer, upsert("t-c", "Casablanca", T2));
      send(producer, upsert("t-c", "Casablanca (old)", T1)); // older: superseded
      garbageOffset =
          producer
              .send(
                  new ProducerRecord<>(
                      TOPIC, 0, "t-x".getBytes(), "garbage".getBytes(StandardCharsets.UTF_8)))
              .get()
              .offset();
    }

    runJob(index);
    String firstA = get(index, "t-a");
    runJob(index); // a replay from the start

    assertThat(EsTestSupport.count(client, index)).isEqualTo(2);
    String a = get(index, "t-a");
    assertThat(a).contains("\"name\":\"Aliens\"").contains("\"_version\":" + T3.toEpochMilli());
    assertThat(a).isEqualTo(firstA);
    assertThat(get(index, "t-c")).contains("\"name\":\"Casablanca\"");
    assertThat(EsTestSupport.call(client, "GET", "/" + index + "/_doc/t-b", null).status())
        .isEqualTo(404);
    assertThat(deadLetterReasonsAt(garbageOffset)).contains(DeadLetterHeaders.UNDECODABLE);
  }

  private static void runJob(String index) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(500);
    var source =
        PlatformSources.kafka(
            KAFKA.bootstrapServers(),
            "title-index-it-" + UUID.randomUUID(),
            StartingOffsets.EARLIEST,
            List.of(TOPIC),
            true);
    TitleIndexJob.build(
        env.fromSource(source, WatermarkStrategy.<RawEvent>noWatermarks(), "catalog route"),
        ElasticsearchSink.forActions(
            ElasticsearchSinkOptions.builder()
                .url(ES.url())
                .deadLetterBootstrapServers(KAFKA.bootstrapServers())
                .component(TitleIndexJob.NAME)
                .maxTimeInBuffer(Duration.ofMillis(200))
                .build()),
        PlatformSinks.deadLetters(KAFKA.bootstrapServers(), "title-index-it-" + UUID.randomUUID()),
        index);
    env.execute("title index it");
  }

  private static String get(String index, String id) {
    return EsTestSupport.call(client, "GET", "/" + index + "/_doc/" + id, null).body();
  }

  private static TitleUpserted upsert(String id, String name, Instant time) {
    return TitleUpserted.newBuilder()
        .setHeader(header(id, time))
        .setTitleId(id)
        .setName(name)
        .setGenres(List.of("Drama"))
        .setReleaseYear(1980)
        .setLicensedCountries(List.of("US"))
        .setMaturityRating("PG")
        .setDurationSeconds(6_000)
        .build();
  }

  private static TitleRemoved removed(String id, Instant time) {
    return TitleRemoved.newBuilder().setHeader(header(id, time)).setTitleId(id).build();
  }

  private static EventHeader header(String id, Instant time) {
    return EventHeader.newBuilder()
        .setEventId(id + "@" + time.toEpochMilli())
        .setEventTime(time)
        .setService("catalog")
        .setInstance("it")
        .build();
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, SpecificRecord event)
      throws Exception {
    RawEvent raw = RawEvents.of(event, TOPIC, 0, 0);
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(TOPIC, 0, raw.key, raw.value);
    for (int i = 0; i < raw.headerKeys.length; i++) {
      r.headers().add(raw.headerKeys[i], raw.headerValues[i]);
    }
    producer.send(r).get();
  }

  private static List<String> deadLetterReasonsAt(long offset) {
    Map<String, Object> config = new HashMap<>(KAFKA.clientConfig());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "title-index-it-dlq-" + UUID.randomUUID());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> reasons = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DLQ.name()));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  if (TOPIC.equals(
                          DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                      && Long.toString(offset)
                          .equals(
                              DeadLetterHeaders.text(
                                  r.headers(), DeadLetterHeaders.SOURCE_OFFSET))) {
                    reasons.add(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON));
                  }
                }
                return !reasons.isEmpty();
              });
    }
    return reasons;
  }
}
