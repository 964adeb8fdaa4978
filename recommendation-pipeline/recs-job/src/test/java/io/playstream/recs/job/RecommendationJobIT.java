package io.playstream.recs.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.ProfileRecommendations;
import io.playstream.events.TitleUpserted;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEventDeserializer;
import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.sinks.cassandra.CassandraSessions;
import io.playstream.sinks.cassandra.CassandraSinkOptions;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end on a real Kafka broker and a real Cassandra node (Flink MiniCluster): lists
 * land in {@code recs_by_profile} and {@code playstream.recs}, follow new plays, drop a title that
 * loses its licence without new activity, and the profile's history survives a stop with savepoint
 * and a restart; a batch model version dropped in the models folder is picked up and blended.
 */
class RecommendationJobIT {
  @RegisterExtension
  static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration BOUND = Duration.ofSeconds(120);
  private static final EventCodec CODEC = EventCodec.standard();
  private static CqlSession session;
  private static String keyspace;

  @TempDir Path savepoints;
  @TempDir Path models;

  private final String prefix = "recs-" + UUID.randomUUID().toString().substring(0, 8);
  private final String activityTopic = prefix + "-activity";
  private final String catalogTopic = prefix + "-catalog";
  private final String recsTopic = prefix + "-recs";

  @BeforeAll
  static void schema() {
    CassandraSinkOptions o = options("playstream");
    session = CassandraSessions.open(o, "recs-it");
    keyspace = "recs_it_" + ProcessHandle.current().pid();
    CqlSchema.apply(session, keyspace);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  static CassandraSinkOptions options(String ks) {
    CassandraSinkOptions o = new CassandraSinkOptions();
    o.contactPoints = CASSANDRA.contactPoints();
    o.localDatacenter = CASSANDRA.localDatacenter();
    o.keyspace = ks;
    o.maxRetries = 5;
    o.initialBackoff = Duration.ofMillis(100);
    o.maxBackoff = Duration.ofSeconds(2);
    return o.validate();
  }

  @Test
  void listsFollowPlaysAndCatalogAndSurviveARestart() throws Exception {
    for (String t : List.of(activityTopic, catalogTopic, recsTopic)) {
      KAFKA.adminClient().createTopics(List.of(new NewTopic(t, 2, (short) 1))).all().get();
    }
    List<SpecificRecord> catalog = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      catalog.add(title("t" + i, "SE"));
    }
    catalog.add(title("t6", "US"));
    send(catalogTopic, catalog);
    // three profiles watch t1, t2, t3 and t6 (licensed in the US only); a fourth t4 and t5
    List<SpecificRecord> plays = new ArrayList<>();
    for (String p : List.of("a", "b", "c")) {
      for (String t : List.of("t1", "t2", "t3", "t6")) {
        plays.add(play(prefix + p, t));
      }
    }
    plays.add(play(prefix + "d", "t4"));
    plays.add(play(prefix + "d", "t5"));
    send(activityTopic, plays);

    // a batch model version waiting in the models folder (one factor; t1-t3 alike, t4-t5 less so)
    List<String> model = new ArrayList<>();
    Map<String, Double> factor = Map.of("t1", 1.0, "t2", 1.0, "t3", 1.0, "t4", 0.5, "t5", 0.5);
    factor.forEach((t, f) -> model.add(FactorModelFiles.rowLine("v1", t, new double[] {f})));
    model.add(FactorModelFiles.endLine("v1", factor.size(), 1.0, 0.1, false));
    Files.write(models.resolve("v1.tsv"), model);

    String p = prefix + "-p";
    JobClient job = start(null);
    try {
      // p plays t1; its list should come from t1's neighbours once their snapshots are broadcast
      send(activityTopic, List.of(play(p, "t1")));
      awaitFirst(p, List.of("t2", "t3"));
      assertThat(titles(p)).doesNotContain("t1", "t6");

      send(activityTopic, List.of(play(p, "t2")));
      Awaitility.await()
          .atMost(BOUND)
          .untilAsserted(() -> assertThat(titles(p)).isNotEmpty().doesNotContain("t1", "t2"));
      assertThat(titles(p).get(0)).isEqualTo("t3");

      // t3 loses its licence in SE: p's list changes without new activity
      send(catalogTopic, List.of(title("t3", "US")));
      Awaitility.await()
          .atMost(BOUND)
          .untilAsserted(() -> assertThat(titles(p)).containsExactlyInAnyOrder("t4", "t5"));

      // the same lists went to Kafka (read_committed: after a checkpoint)
      // ... and they blend the batch model picked up from the models folder
      Awaitility.await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(recsFromKafka(p))
                      .extracting(r -> r.getModelVersion().toString())
                      .contains("knn+als-v1"));
    } finally {
      String savepoint =
          job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
              .get();
      job = start(savepoint);
    }
    try {
      // the restored job still knows p watched t1 and t2
      send(activityTopic, List.of(play(p, "t4")));
      Awaitility.await()
          .atMost(BOUND)
          .untilAsserted(() -> assertThat(titles(p)).containsExactly("t5"));
      assertThat(Files.list(savepoints).count()).isPositive();
    } finally {
      job.cancel().get();
    }
  }

  private JobClient start(String savepoint) throws Exception {
    FlinkJobOptions o = new FlinkJobOptions();
    o.bootstrapServers = KAFKA.bootstrapServers();
    o.checkpointInterval = Duration.ofMillis(500);
    o.stateBackend = "hashmap";
    o.parallelism = 1;
    Configuration conf = JobEnvironment.configuration(o);
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    JobEnvironment.configure(env, o);
    JobEnvironment.strictTypes(env);
    RecsJobOptions recs = new RecsJobOptions();
    recs.recsTopic = recsTopic;
    recs.snapshotInterval = Duration.ofMillis(100);
    recs.trendingInterval = Duration.ofMillis(100);
    RecommendationJob.Outputs out =
        RecommendationJob.build(
            source(env, o, activityTopic, "activity"),
            source(env, o, catalogTopic, "catalog"),
            FactorModelFiles.source(env, models.toString(), Duration.ofMillis(500)),
            recs.config());
    CassandraSinkOptions cassandra = options(keyspace);
    cassandra.dlqBootstrapServers = o.bootstrapServers;
    RecommendationJobMain.attachSinks(out, o, cassandra, recs, true);
    return env.executeAsync(prefix);
  }

  private DataStream<RawEvent> source(
      StreamExecutionEnvironment env, FlinkJobOptions o, String topic, String what) {
    return env.fromSource(
            PlatformSources.kafka(
                o.bootstrapServers,
                prefix + "-" + what,
                PlatformSources.StartingOffsets.COMMITTED,
                List.of(topic)),
            WatermarkStrategy.noWatermarks(),
            what)
        .uid("source-" + what);
  }

  /** Waits until the profile's list starts with one of {@code expected}, nudging it meanwhile. */
  private void awaitFirst(String profile, List<String> expected) {
    Awaitility.await()
        .atMost(BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<String> t = titles(profile);
              if (t.isEmpty() || !expected.contains(t.get(0))) {
                // a list computed before t1's neighbours arrived is recomputed on new activity
                send(activityTopic, List.of(impression(profile)));
              }
              assertThat(t).isNotEmpty();
              assertThat(expected).contains(t.get(0));
            });
  }

  private List<String> titles(String profile) {
    Row row =
        session
            .execute(
                "SELECT titles FROM " + keyspace + ".recs_by_profile WHERE profile_id = ?", profile)
            .one();
    if (row == null) {
      return List.of();
    }
    return row.getList("titles", UdtValue.class).stream()
        .map(u -> u.getString("title_id"))
        .toList();
  }

  private List<ProfileRecommendations> recsFromKafka(String profile) {
    Map<String, Object> c = new HashMap<>(KAFKA.clientConfig());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-reader-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ProfileRecommendations> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of(recsTopic));
      for (int i = 0; i < 5; i++) {
        for (var r : consumer.poll(Duration.ofMillis(500))) {
          ProfileRecommendations recs = (ProfileRecommendations) CODEC.decode(r.value());
          if (recs.getProfileId().toString().equals(profile)) {
            out.add(recs);
          }
        }
      }
    }
    return out;
  }

  private static TitleUpserted title(String id, String country) {
    return TitleUpserted.newBuilder()
        .setHeader(Events.newHeader("catalog", "catalog-1", Instant.now(), null))
        .setTitleId(id)
        .setName("Title " + id)
        .setGenres(List.of("Drama"))
        .setReleaseYear(2020)
        .setLicensedCountries(List.of(country))
        .setMaturityRating("PG")
        .setDurationSeconds(5400)
        .build();
  }

  private static PlaybackStarted play(String profile, String title) {
    return PlaybackStarted.newBuilder()
        .setHeader(Events.newHeader("playback", "playback-1", Instant.now(), null))
        .setSessionId(UUID.randomUUID().toString())
        .setProfileId(profile)
        .setTitleId(title)
        .setDeviceType("tv")
        .setCountry("SE")
        .setRegion("eu-north")
        .setIsp("telia")
        .setClientIp(null)
        .setCdnServerId("oca-1")
        .setStartupLatencyMs(800)
        .setInitialBitrateKbps(3000)
        .build();
  }

  private static io.playstream.events.Impression impression(String profile) {
    return io.playstream.events.Impression.newBuilder()
        .setHeader(Events.newHeader("playback", "playback-1", Instant.now(), null))
        .setProfileId(profile)
        .setRowName("home")
        .setTitleIds(List.of("t5"))
        .setCountry("SE")
        .setDeviceType("tv")
        .build();
  }

  private static void send(String topic, List<? extends SpecificRecord> events) {
    Map<String, Object> c = new HashMap<>(KAFKA.clientConfig());
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(c)) {
      for (SpecificRecord e : events) {
        EventType type = EventType.of(e);
        ProducerRecord<byte[], byte[]> r =
            new ProducerRecord<>(
                topic, type.keyOf(e).getBytes(StandardCharsets.UTF_8), CODEC.encode(e));
        r.headers()
            .add(
                RawEventDeserializer.EVENT_TYPE_HEADER,
                type.simpleName().getBytes(StandardCharsets.UTF_8));
        producer.send(r);
      }
      producer.flush();
    }
  }
}
