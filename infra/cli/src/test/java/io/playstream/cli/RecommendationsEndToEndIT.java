package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.infra.CassandraLauncher;
import io.playstream.infra.CassandraNode;
import io.playstream.infra.JavaProcess;
import io.playstream.infra.JvmFlags;
import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.infra.ManagedProcess;
import io.playstream.infra.Ports;
import io.playstream.infra.ProcessSupervisor;
import io.playstream.infra.RuntimeClasspath;
import io.playstream.infra.StateLayout;
import io.playstream.router.DefaultRoutes;
import io.playstream.router.HashKey;
import io.playstream.router.RouteValidator;
import io.playstream.router.Router;
import io.playstream.router.RouterOptions;
import io.playstream.router.RoutesClient;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import io.playstream.services.catalog.CatalogConfig;
import io.playstream.services.catalog.CatalogService;
import io.playstream.services.common.EventEmitter;
import io.playstream.services.common.Json;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.services.common.TokenIssuer;
import io.playstream.services.playback.PlaybackConfig;
import io.playstream.services.playback.PlaybackService;
import io.playstream.services.recommendations.RecommendationsConfig;
import io.playstream.services.steering.Fleet;
import io.playstream.services.steering.SteeringConfig;
import io.playstream.services.steering.SteeringService;
import io.playstream.simulator.Mode;
import io.playstream.simulator.SimulationReport;
import io.playstream.simulator.Simulator;
import io.playstream.simulator.SimulatorOptions;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The personalization loop end to end on real components: simulator (HTTP) → playback / catalog /
 * steering services → Kafka → event router (default routes) → the real-time recommendation job
 * ({@code RecommendationJobMain} in its own JVM on recs-job's tool classpath, a local Flink
 * MiniCluster) → a real Cassandra node → {@code GET /recommendations/{profile}} of the catalog. A
 * new profile first gets its country's trending list, then personalized lists that change after
 * each new play; with the Cassandra node stopped the endpoint still answers from the trending list
 * it cached, and plays still work.
 *
 * <p>The class has its own broker and its own Cassandra node (temporary folders, free ports), which
 * it stops at the end — the shared test nodes are never touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationsEndToEndIT {
  private static final Duration BOUND = Duration.ofMinutes(2);
  private static final String PROFILE = "e2e-viewer-1";
  private static final String COUNTRY = "US";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static Path state;
  private static KafkaBroker broker;
  private static CassandraNode cassandra;
  private static Router router;
  private static final List<AutoCloseable> services = new ArrayList<>();
  private static CatalogService catalog;
  private static PlaybackService playback;
  private static SteeringService steering;
  private static ManagedProcess job;
  private static byte[] secret;
  private static String token;

  @BeforeAll
  static void startEverything() throws Exception {
    state = Files.createTempDirectory("playstream-recs-e2e");
    StateLayout layout = new StateLayout(state.resolve("cassandra"));
    CompletableFuture<CassandraNode> node =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new CassandraLauncher(layout, CassandraLauncher.Settings.forTest()).start();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    List<Integer> kafkaPorts = Ports.freePorts(2);
    broker =
        new KafkaLauncher(
                new StateLayout(state.resolve("kafka")),
                new KafkaLauncher.Settings(
                    kafkaPorts.get(0),
                    kafkaPorts.get(1),
                    "512m",
                    Duration.ofSeconds(90),
                    Duration.ofSeconds(30),
                    Map.of()))
            .start();
    String bootstrap = broker.bootstrapServers();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicAdmin.ensureTopics(admin, Topics.all(), (short) 1);
    }
    try (RoutesClient routes =
        new RoutesClient(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            RouteValidator.standard(),
            (short) 1)) {
      routes.apply(DefaultRoutes.load());
    }
    byte[] hashKey = new byte[32];
    new SecureRandom().nextBytes(hashKey);
    router =
        Router.start(
            RouterOptions.defaults()
                .withBootstrapServers(bootstrap)
                .withInstanceId("e2e-router")
                .withStateDir(state.resolve("router"))
                .withHttpPort(Ports.freePort()),
            HashKey.of(hashKey));
    assertThat(router.awaitRunning(BOUND)).as("router running").isTrue();

    cassandra = node.join();
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(cassandra.contactPoint())
            .withLocalDatacenter(cassandra.localDatacenter())
            .build()) {
      CqlSchema.apply(session, "playstream");
    }

    secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    token =
        new TokenIssuer(secret)
            .issue("e2e-account", List.of(PROFILE), List.of("play"), Duration.ofHours(1));
    startServices(bootstrap);
    job = startJob(bootstrap);
  }

  private static void startServices(String bootstrap) {
    EventEmitter catalogEvents = track(KafkaEventEmitter.create(bootstrap, "e2e-catalog"));
    RecommendationsConfig recs =
        RecommendationsConfig.disabled()
            .withContactPoints(RecommendationsConfig.parseContactPoints(cassandra.contactPoints()))
            .withKeyspace("playstream", cassandra.localDatacenter())
            .withTimings(
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1));
    catalog =
        track(
            CatalogService.start(
                new CatalogConfig(
                        0,
                        "e2e-catalog",
                        secret,
                        "jdbc:h2:mem:e2e-catalog;DB_CLOSE_DELAY=-1",
                        "sa",
                        "",
                        true,
                        500,
                        Duration.ofMillis(100),
                        Duration.ofMillis(500))
                    .withRecommendations(recs),
                catalogEvents,
                Clock.systemUTC()));
    EventEmitter steeringEvents = track(KafkaEventEmitter.create(bootstrap, "e2e-steering"));
    steering =
        track(
            SteeringService.start(
                new SteeringConfig(0, "e2e-steering", Fleet.defaultFleet()),
                steeringEvents,
                Clock.systemUTC()));
    EventEmitter playbackEvents = track(KafkaEventEmitter.create(bootstrap, "e2e-playback"));
    playback =
        track(
            PlaybackService.start(
                new PlaybackConfig(
                    0,
                    "e2e-playback",
                    secret,
                    catalog.url(),
                    steering.url(),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(500),
                    50,
                    20,
                    5,
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(10),
                    100_000,
                    Fleet.defaultFleet()),
                playbackEvents,
                Clock.systemUTC()));
  }

  private static <T extends AutoCloseable> T track(T closeable) {
    services.add(closeable);
    return closeable;
  }

  /** The real job main, in its own JVM on recs-job's tool classpath (local MiniCluster). */
  private static ManagedProcess startJob(String bootstrap) {
    List<String> jvm = new ArrayList<>(JvmFlags.java17Opens());
    jvm.add("-Xmx768m");
    return new ProcessSupervisor(new StateLayout(state.resolve("job")))
        .start(
            JavaProcess.builder("recs-job", "io.playstream.recs.job.RecommendationJobMain")
                .classpath(RuntimeClasspath.loadTool("recs-job"))
                .jvmArgs(jvm)
                .args(
                    "--bootstrap-servers", bootstrap,
                    "--contact-points", cassandra.contactPoints(),
                    "--local-datacenter", cassandra.localDatacenter(),
                    "--keyspace", "playstream",
                    "--parallelism", "1",
                    "--state-backend", "hashmap",
                    "--checkpoint-interval", "2s",
                    "--checkpoint-dir", state.resolve("checkpoints").toUri().toString(),
                    "--trending-interval", "1s",
                    "--snapshot-interval", "500ms",
                    "--models-dir", state.resolve("models").toString())
                .build());
  }

  @AfterAll
  static void stopEverything() {
    if (job != null) {
      job.stop(Duration.ofSeconds(20));
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).close();
      } catch (Exception e) {
        System.out.println("closing " + services.get(i) + ": " + e);
      }
    }
    if (router != null) {
      router.close();
    }
    if (broker != null) {
      broker.stop();
    }
    if (cassandra != null && cassandra.isAlive()) {
      cassandra.stop();
    }
    if (state != null) {
      try (Stream<Path> s = Files.walk(state)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary folder
      }
    }
  }

  @Test
  @Order(1)
  void simulatedTrafficReachesTheJobAndANewProfileGetsItsCountrysTrendingList() throws Exception {
    SimulationReport report =
        new Simulator(
                SimulatorOptions.defaults()
                    .withMode(Mode.HTTP)
                    .withServices(
                        URI.create(playback.url()),
                        URI.create(catalog.url()),
                        URI.create(steering.url()))
                    .withAuthSecret(secret)
                    .withDuration(Duration.ofSeconds(20))
                    .withRate(8)
                    .withProfiles(80)
                    .withErrorRate(0.0)
                    .withRatingProbability(0.3)
                    .withSeed(17)
                    .withStopSessionsAtEnd(true)
                    .withProgressInterval(Duration.ofSeconds(10)),
                p -> System.out.println("  sim " + p.toLine()))
            .run();
    assertThat(report.totalExpected()).isPositive();

    // the job's trending rows reach Cassandra; a profile with no history of its own gets them
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(job.isAlive()).as("job alive; log " + job.logFile()).isTrue();
              JsonNode r = recommendations();
              assertThat(r.path("source").asText()).isEqualTo("trending");
              assertThat(titles(r)).isNotEmpty();
            });
    JsonNode cold = recommendations();
    assertThat(cold.path("model_version").asText()).isEqualTo("trending");
    assertThat(cold.path("fallback_reason").isNull()).isTrue();
    assertThat(cold.path("circuit").asText()).isEqualTo("CLOSED");
    System.out.println("cold start: " + titles(cold));
  }

  @Test
  @Order(2)
  void recommendationsBecomePersonalAndChangeAfterEachNewPlay() throws Exception {
    List<String> trending = titles(recommendations());
    String first = trending.get(0);
    play(first);

    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(recommendations().path("source").asText()).isEqualTo("personalized"));
    JsonNode personal = recommendations();
    List<String> afterFirst = titles(personal);
    assertThat(afterFirst).isNotEmpty().doesNotContain(first);
    Instant firstAt = Instant.parse(personal.path("generated_at").asText());
    System.out.println("after playing " + first + ": " + afterFirst);

    String second = afterFirst.get(0);
    play(second);

    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode r = recommendations();
              assertThat(r.path("source").asText()).isEqualTo("personalized");
              assertThat(Instant.parse(r.path("generated_at").asText())).isAfter(firstAt);
              assertThat(titles(r)).isNotEqualTo(afterFirst).doesNotContain(first, second);
            });
    System.out.println("after playing " + second + ": " + titles(recommendations()));
  }

  @Test
  @Order(3)
  void withCassandraStoppedTheCachedTrendingListAnswersAndPlaysGoOn() throws Exception {
    cassandra.stop();
    assertThat(cassandra.isAlive()).isFalse();

    JsonNode down = recommendations();
    assertThat(down.path("source").asText()).isEqualTo("trending-fallback");
    assertThat(down.path("fallback_reason").asText()).isIn("store-error", "timeout");
    assertThat(titles(down)).isNotEmpty();
    assertThat(down.path("model_version").asText()).isEqualTo("trending");

    // repeated failures open the circuit: Cassandra is not even asked, the page still renders
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode r = recommendations();
              assertThat(r.path("circuit").asText()).isEqualTo("OPEN");
              assertThat(r.path("source").asText()).isEqualTo("trending-fallback");
            });
    JsonNode open = recommendations();
    assertThat(open.path("fallback_reason").asText()).isEqualTo("circuit-open");
    assertThat(get(catalog.url() + "/metrics").body())
        .contains("playstream_recommendations_circuit_open{service=\"catalog\"} 1.0");

    // playback never depends on recommendations or Cassandra
    String title = titles(down).get(0);
    HttpResponse<String> played =
        post(
            playback.url() + "/v1/play",
            Map.of(
                "profile_id",
                PROFILE,
                "title_id",
                title,
                "device_type",
                "tv",
                "country",
                COUNTRY,
                "region",
                "us-east",
                "isp",
                "Comcast"));
    assertThat(played.statusCode()).as(played.body()).isEqualTo(200);
  }

  /** A full play of a title by the test profile: play, started, stop (completed). */
  private static void play(String titleId) throws Exception {
    HttpResponse<String> r =
        post(
            playback.url() + "/v1/play",
            Map.of(
                "profile_id",
                PROFILE,
                "title_id",
                titleId,
                "device_type",
                "tv",
                "country",
                COUNTRY,
                "region",
                "us-east",
                "isp",
                "Comcast"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String session = Json.mapper().readTree(r.body()).path("session_id").asText();
    String base = playback.url() + "/v1/sessions/" + session;
    assertThat(
            post(base + "/started", Map.of("startup_latency_ms", 800, "initial_bitrate_kbps", 3000))
                .statusCode())
        .isEqualTo(202);
    assertThat(
            post(
                    base + "/stop",
                    Map.of(
                        "reason", "COMPLETED", "watched_seconds", 5400, "position_ms", 5_400_000))
                .statusCode())
        .isEqualTo(202);
  }

  private static JsonNode recommendations() throws Exception {
    HttpResponse<String> r =
        get(catalog.url() + "/recommendations/" + PROFILE + "?country=" + COUNTRY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  private static List<String> titles(JsonNode r) {
    List<String> ids = new ArrayList<>();
    for (JsonNode t : r.path("titles")) {
      ids.add(t.path("title_id").asText());
    }
    return ids;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, Object body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
