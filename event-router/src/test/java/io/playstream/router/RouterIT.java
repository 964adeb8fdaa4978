package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.playstream.events.PlaybackStarted;
import io.playstream.events.Rating;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventSerializer;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router on the real broker: exactly_once_v2 Streams instance built like RouterMain builds it,
 * default routes applied through RoutesClient, real events routed end to end and read back by a
 * read_committed consumer exactly once; poison dead-lettered and replayed; a route added and
 * deleted while the router runs; the HTTP endpoints.
 */
class RouterIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Router router;
  private static RoutesClient routes;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    KAFKA.createCatalogTopics();
    routes = new RoutesClient(KAFKA.bootstrapServers());
    routes.apply(DefaultRoutes.load());
    Path keyFile = dir.resolve("hash.key");
    Files.writeString(keyFile, "an-integration-test-key-of-32-bytes");
    RouterOptions options =
        RouterOptions.defaults()
            .withBootstrapServers(KAFKA.bootstrapServers())
            .withApplicationId("router-it-" + UUID.randomUUID())
            .withInstanceId("it-1")
            .withStateDir(dir.resolve("state"))
            .withHttpPort(0)
            .withHashKeyFile(keyFile);
    router = Router.start(options, HashKey.fromFile(keyFile));
    assertThat(router.awaitRunning(Duration.ofSeconds(45))).isTrue();
  }

  @AfterAll
  static void stop() {
    if (router != null) {
      router.close();
    }
    if (routes != null) {
      routes.close();
    }
  }

  @Test
  void routesRealEventsExactlyOncePerRoute() throws Exception {
    List<SpecificRecord> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sent.add(TestEvents.started("s-" + i));
      sent.add(Rating.newBuilder(SampleEvents.rating()).setProfileId("p-" + (i % 17)).build());
    }
    produce(sent);
    Set<String> startedIds = ids(sent, PlaybackStarted.class);
    Set<String> ratingIds = ids(sent, Rating.class);

    try (Reader recs = new Reader(Topics.route("recs-activity").name());
        Reader history = new Reader(Topics.route("cassandra-history").name());
        Reader raw = new Reader(Topics.route("iceberg-raw").name())) {
      Set<String> recsExpected = new HashSet<>(startedIds);
      recsExpected.addAll(ratingIds);
      recs.awaitExactly(recsExpected);
      history.awaitExactly(ratingIds);
      raw.awaitExactly(startedIds);
      PlaybackStarted hashed = (PlaybackStarted) raw.events().get(0);
      assertThat(hashed.getClientIp()).matches("[0-9a-f]{64}");
      assertThat(hashed.getProfileId()).matches("[0-9a-f]{64}");
    }
    RouterMetrics.RouteCounters c = router.metrics().route("recs-activity");
    assertThat(c.out()).isGreaterThanOrEqualTo(400);
  }

  @Test
  void poisonIsDeadLetteredAndReplayable() throws Exception {
    String reason = "undecodable";
    Map<Integer, Long> before;
    try (DeadLetters dlq = new DeadLetters(KAFKA.bootstrapServers())) {
      before = dlq.inspect(DeadLetters.Query.all()).nextOffsets();
      try (KafkaProducer<String, byte[]> p =
          new KafkaProducer<>(
              producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < 3; i++) {
          p.send(
              new ProducerRecord<>(
                  Topics.FRONTING_ACTIVITY.name(), "poison-" + i, ("garbage " + i).getBytes()));
        }
        p.flush();
      }
      await()
          .atMost(WAIT)
          .until(() -> dlq.inspect(DeadLetters.Query.all().from(before)).letters().size() == 3);
      DeadLetters.Page page = dlq.inspect(DeadLetters.Query.all().from(before).withReason(reason));
      assertThat(page.letters()).hasSize(3);
      DeadLetters.DeadLetter d = page.letters().get(0);
      assertThat(d.sourceTopic()).isEqualTo(Topics.FRONTING_ACTIVITY.name());
      assertThat(d.sourceOffset()).isNotNegative();
      assertThat(d.keyText()).startsWith("poison-");
      assertThat(d.headers()).containsKeys(DeadLetterHeaders.TIME, DeadLetterHeaders.INSTANCE);

      DeadLetters.ReplayResult replay =
          dlq.replay(DeadLetters.Query.all().from(before).withReason(reason), 3, false);
      assertThat(replay.replayed()).isEqualTo(3);
      // still garbage, so they come back, now marked as replayed once
      await()
          .atMost(WAIT)
          .until(
              () ->
                  dlq.inspect(DeadLetters.Query.all().from(replay.nextOffsets())).letters().stream()
                          .filter(l -> l.replayCount() == 1)
                          .count()
                      == 3);
      assertThat(router.metrics().deadLettersByReason().get(reason)).isGreaterThanOrEqualTo(6L);
    }
  }

  @Test
  void aRouteAppliedAtRuntimeTakesEffectAndADeletedOneStops() throws Exception {
    Route hd =
        Route.of("it-hd-tv", List.of(Topics.FRONTING_PLAYBACK.name()), List.of("PlaybackStarted"))
            .withFilter("country in ['US', 'GB'] && device_type == 'tv'");
    assertThatThrownBy(() -> routes.apply(List.of(hd, hd.withFilter("country =="))))
        .isInstanceOf(RouteValidationException.class);
    assertThat(routes.list()).noneMatch(a -> a.name().equals("it-hd-tv"));

    RoutesClient.ApplyResult result = routes.apply(List.of(hd));
    assertThat(result.added()).containsExactly("it-hd-tv");
    assertThat(result.createdTopics()).contains(Topics.route("it-hd-tv").name());
    await()
        .atMost(WAIT)
        .until(
            () ->
                !router.routes().snapshot().routesFor(Topics.FRONTING_PLAYBACK.name()).stream()
                    .filter(r -> r.name().equals("it-hd-tv"))
                    .toList()
                    .isEmpty());
    PlaybackStarted us = TestEvents.started("US", "tv", 4000);
    produce(List.of(us, TestEvents.started("DE", "tv", 4000)));
    try (Reader reader = new Reader(Topics.route("it-hd-tv").name())) {
      reader.awaitExactly(Set.of(Events.eventId(us)));
    }
    assertThat(routes.apply(List.of(hd)).unchanged()).containsExactly("it-hd-tv");

    assertThat(routes.delete("it-hd-tv")).isTrue();
    assertThat(routes.delete("it-hd-tv")).isFalse();
    await()
        .atMost(WAIT)
        .until(() -> router.routes().states().stream().noneMatch(s -> s.name().equals("it-hd-tv")));
  }

  @Test
  void healthMetricsAndStatusAnswer() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = get(http, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
    produce(List.of(SampleEvents.started()));
    await()
        .atMost(WAIT)
        .until(() -> get(http, "/metrics").body().contains("playstream_router_route_events_total"));
    String status = get(http, "/v1/routes/status").body();
    assertThat(status).contains("\"metrics-playback\"").contains("\"sampled_out\"");
    assertThat(get(http, "/nope").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(router.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(KAFKA.clientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  private static void produce(List<? extends SpecificRecord> events) {
    try (KafkaProducer<String, SpecificRecord> p =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), new EventSerializer())) {
      for (SpecificRecord e : events) {
        p.send(
            new ProducerRecord<>(
                io.playstream.schemas.EventType.of(e).topic().name(), Events.key(e), e));
      }
      p.flush();
    }
  }

  private static Set<String> ids(List<SpecificRecord> events, Class<?> type) {
    Set<String> ids = new HashSet<>();
    events.stream().filter(type::isInstance).forEach(e -> ids.add(Events.eventId(e)));
    return ids;
  }

  /** A read_committed reader of one topic from the beginning. */
  private static final class Reader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<SpecificRecord> events = new ArrayList<>();

    Reader(String topic) {
      Map<String, Object> config = new HashMap<>(KAFKA.clientConfig());
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> parts =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
    }

    List<SpecificRecord> events() {
      return events;
    }

    private int poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        events.add(EventCodec.standard().decode(r.value()));
      }
      return events.size();
    }

    /** Waits until the expected ids arrived, then checks that each arrived once and no more. */
    void awaitExactly(Set<String> expected) {
      await()
          .atMost(WAIT)
          .until(
              () -> {
                poll();
                return ids().containsAll(expected);
              });
      // nothing more may arrive: no duplicates hiding in a later transaction
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                int before = events.size();
                return poll() == before;
              });
      List<String> relevant = ids().stream().filter(expected::contains).toList();
      assertThat(relevant).hasSameSizeAs(expected).doesNotHaveDuplicates();
    }

    private List<String> ids() {
      return events.stream().map(Events::eventId).toList();
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(2));
    }
  }
}
