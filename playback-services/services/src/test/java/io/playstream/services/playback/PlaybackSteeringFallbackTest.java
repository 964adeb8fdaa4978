package io.playstream.services.playback;

import static io.playstream.services.playback.PlaybackTestSupport.US_TITLE;
import static io.playstream.services.playback.PlaybackTestSupport.playBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.javalin.Javalin;
import io.playstream.services.catalog.CatalogService;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.steering.Fleet;
import io.playstream.services.steering.SteeringConfig;
import io.playstream.services.steering.SteeringService;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestHttp.Response;
import io.playstream.services.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlaybackSteeringFallbackTest {
  private final TestClock clock = TestClock.atNow();
  private final RecordingEmitter events = new RecordingEmitter();
  private final String viewer = TestTokens.play("acct-1", "p-1");
  private final List<AutoCloseable> started = new ArrayList<>();
  private CatalogService catalog;

  @BeforeEach
  void startCatalog() {
    catalog = track(PlaybackTestSupport.catalog(new RecordingEmitter(), clock));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  private <T extends AutoCloseable> T track(T service) {
    started.add(service);
    return service;
  }

  private PlaybackService playback(String steeringUrl) {
    return track(
        PlaybackService.start(
            PlaybackTestSupport.config(catalog.url(), steeringUrl), events, clock));
  }

  private static Response play(PlaybackService playback, String token) {
    return TestHttp.postJson(playback.url() + "/v1/play", token, playBody("p-1", US_TITLE));
  }

  private static List<String> servers(Response r) {
    List<String> ids = new ArrayList<>();
    for (JsonNode c : r.json().path("cdn_servers")) {
      ids.add(c.path("server_id").asText());
    }
    return ids;
  }

  @Test
  void steeringNeverStartedFallsBackToTheStaticRegionList() {
    PlaybackService playback = playback("http://127.0.0.1:" + TestHttp.unusedPort());

    Response r = play(playback, viewer);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("steering_fallback").asBoolean()).isTrue();
    assertThat(servers(r).subList(0, 3))
        .allSatisfy(id -> assertThat(id).startsWith("oca-us-east-"));
    assertThat(r.json().path("chosen_server_id").asText()).isEqualTo(servers(r).get(0));
  }

  @Test
  void steeringStoppedFallsBackToTheLastListForTheRegion() {
    SteeringService steering =
        SteeringService.start(
            new SteeringConfig(0, "steering-test", Fleet.defaultFleet()),
            new RecordingEmitter(),
            clock);
    PlaybackTestSupport.reportUsEastHealthy(steering.url());
    PlaybackService playback = playback(steering.url());

    Response live = play(playback, viewer);
    steering.close();
    Response afterStop = play(playback, viewer);

    assertThat(live.json().path("steering_fallback").asBoolean()).isFalse();
    assertThat(afterStop.status()).isEqualTo(200);
    assertThat(afterStop.json().path("steering_fallback").asBoolean()).isTrue();
    assertThat(servers(afterStop)).isEqualTo(servers(live));
    assertThat(afterStop.json().path("session_id").asText())
        .isNotEqualTo(live.json().path("session_id").asText());
  }

  @Test
  void repeatedFailuresOpenTheCircuit() {
    PlaybackService playback = playback("http://127.0.0.1:" + TestHttp.unusedPort());

    for (int i = 0; i < 5; i++) {
      assertThat(play(playback, viewer).json().path("steering_fallback").asBoolean()).isTrue();
    }

    assertThat(playback.steeringCircuit()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(TestHttp.get(playback.url() + "/v1/stats").json().path("steering_circuit").asText())
        .isEqualTo("OPEN");
    Response whileOpen = play(playback, viewer);
    assertThat(whileOpen.status()).isEqualTo(200);
    assertThat(whileOpen.json().path("steering_fallback").asBoolean()).isTrue();
    assertThat(TestHttp.get(playback.url() + "/metrics").raw())
        .contains("playstream_playback_steering_circuit_open{service=\"playback\"} 1.0");
  }

  @Test
  void slowSteeringIsCutOffByTheTimeLimiter() {
    CountDownLatch release = new CountDownLatch(1);
    Javalin stuck =
        Javalin.create(c -> c.showJavalinBanner = false)
            .post("/v1/steer", ctx -> release.await(10, TimeUnit.SECONDS))
            .start("127.0.0.1", 0);
    started.add(
        () -> {
          release.countDown();
          stuck.stop();
        });
    PlaybackService playback = playback("http://127.0.0.1:" + stuck.port());

    long begin = System.nanoTime();
    Response r = play(playback, viewer);
    Duration took = Duration.ofNanos(System.nanoTime() - begin);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("steering_fallback").asBoolean()).isTrue();
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void theCircuitClosesAgainOnceSteeringIsBack() {
    int port = TestHttp.unusedPort();
    PlaybackService playback = playback("http://127.0.0.1:" + port);
    for (int i = 0; i < 5; i++) {
      play(playback, viewer);
    }
    assertThat(playback.steeringCircuit()).isEqualTo(CircuitBreaker.State.OPEN);

    SteeringService steering =
        track(
            SteeringService.start(
                new SteeringConfig(port, "steering-test", Fleet.defaultFleet()),
                new RecordingEmitter(),
                clock));
    PlaybackTestSupport.reportUsEastHealthy(steering.url());
    clock.advance(Duration.ofMinutes(2)); // past the open wait; reports are now stale
    PlaybackTestSupport.reportUsEastHealthy(steering.url());

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !play(playback, viewer).json().path("steering_fallback").asBoolean());
    assertThat(playback.steeringCircuit())
        .isIn(CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.CLOSED);
  }
}
