package io.playstream.services.playback;

import static io.playstream.services.playback.PlaybackTestSupport.JP_TITLE;
import static io.playstream.services.playback.PlaybackTestSupport.US_TITLE;
import static io.playstream.services.playback.PlaybackTestSupport.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.events.Impression;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.SteeringDecision;
import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.services.catalog.CatalogService;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.steering.Fleet;
import io.playstream.services.steering.SteeringConfig;
import io.playstream.services.steering.SteeringService;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestHttp.Response;
import io.playstream.services.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlaybackServiceTest {
  private static final TestClock CLOCK = TestClock.atNow();
  private static final RecordingEmitter CATALOG_EVENTS = new RecordingEmitter();
  private static final RecordingEmitter STEERING_EVENTS = new RecordingEmitter();
  private static final RecordingEmitter EVENTS = new RecordingEmitter();
  private static CatalogService catalog;
  private static SteeringService steering;
  private static PlaybackService playback;

  private final String viewer = TestTokens.play("acct-1", "p-1", "p-2");

  @BeforeAll
  static void startServices() {
    catalog = PlaybackTestSupport.catalog(CATALOG_EVENTS, CLOCK);
    steering =
        SteeringService.start(
            new SteeringConfig(0, "steering-test", Fleet.defaultFleet()), STEERING_EVENTS, CLOCK);
    PlaybackTestSupport.reportUsEastHealthy(steering.url());
    playback =
        PlaybackService.start(
            PlaybackTestSupport.config(catalog.url(), steering.url()), EVENTS, CLOCK);
  }

  @AfterAll
  static void stopServices() {
    playback.close();
    steering.close();
    catalog.close();
  }

  @BeforeEach
  void forgetEvents() {
    EVENTS.clear();
    STEERING_EVENTS.clear();
  }

  private Response play(String token, Map<String, Object> body) {
    return TestHttp.postJson(playback.url() + "/v1/play", token, body);
  }

  private String openSession() {
    Response r = play(viewer, playBody("p-1", US_TITLE));
    assertThat(r.status()).isEqualTo(200);
    return r.json().path("session_id").asText();
  }

  private Response session(String sessionId, String call, String token, Map<String, Object> body) {
    return TestHttp.postJson(
        playback.url() + "/v1/sessions/" + sessionId + "/" + call, token, body);
  }

  private static Map<String, Object> heartbeat() {
    Map<String, Object> hb = new HashMap<>();
    hb.put("position_ms", 60_000);
    hb.put("bitrate_kbps", 4300);
    hb.put("buffer_level_ms", 12_000);
    hb.put("rebuffer_count", 1);
    hb.put("rebuffer_duration_ms", 800);
    hb.put("dropped_frames", 3);
    hb.put("interval_ms", 30_000);
    return hb;
  }

  @Test
  void playGrantsASessionOnSteeredServers() {
    Response r =
        TestHttp.post(
            playback.url() + "/v1/play",
            viewer,
            TestHttp.json(playBody("p-1", US_TITLE)),
            Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    String sessionId = body.path("session_id").asText();
    assertThat(sessionId).isNotBlank();
    assertThat(body.path("title_id").asText()).isEqualTo(US_TITLE);
    assertThat(body.path("steering_fallback").asBoolean()).isFalse();
    assertThat(body.path("cdn_servers")).hasSize(3);
    assertThat(body.path("chosen_server_id").asText())
        .isEqualTo(body.path("cdn_servers").get(0).path("server_id").asText())
        .startsWith("oca-us-east-");
    assertThat(body.path("bitrate_ladder_kbps").get(0).asInt()).isEqualTo(235);
    SteeringDecision decision = STEERING_EVENTS.events(SteeringDecision.class).get(0);
    assertThat(decision.getSessionId()).isEqualTo(sessionId);
    assertThat(decision.getProfileId()).isEqualTo("p-1");
    assertThat(decision.getHeader().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(EVENTS.events()).isEmpty();
    assertThat(playback.openSessions()).isPositive();
  }

  @Test
  void sessionTelemetryCarriesTheSessionsContext() {
    String id = openSession();
    Map<String, Object> switched = heartbeat();
    switched.put("cdn_server_id", "oca-us-west-1");

    assertThat(
            session(
                    id,
                    "started",
                    viewer,
                    Map.of("startup_latency_ms", 850, "initial_bitrate_kbps", 3000))
                .status())
        .isEqualTo(202);
    assertThat(session(id, "heartbeat", viewer, heartbeat()).status()).isEqualTo(202);
    assertThat(session(id, "heartbeat", viewer, switched).status()).isEqualTo(202);
    assertThat(
            session(
                    id,
                    "error",
                    viewer,
                    Map.of("code", "DECODER", "fatal", false, "message", "glitch"))
                .status())
        .isEqualTo(202);
    assertThat(
            session(
                    id,
                    "stop",
                    viewer,
                    Map.of(
                        "reason", "COMPLETED", "watched_seconds", 4800, "position_ms", 4_860_000))
                .status())
        .isEqualTo(202);

    PlaybackStarted started = EVENTS.events(PlaybackStarted.class).get(0);
    assertThat(started.getSessionId()).isEqualTo(id);
    assertThat(started.getProfileId()).isEqualTo("p-1");
    assertThat(started.getTitleId()).isEqualTo(US_TITLE);
    assertThat(started.getDeviceType()).isEqualTo("tv");
    assertThat(started.getCountry()).isEqualTo("US");
    assertThat(started.getRegion()).isEqualTo("us-east");
    assertThat(started.getIsp()).isEqualTo("Comcast");
    assertThat(started.getClientIp()).isEqualTo("10.9.8.7");
    assertThat(started.getCdnServerId()).startsWith("oca-us-east-");
    assertThat(started.getStartupLatencyMs()).isEqualTo(850);
    assertThat(started.getInitialBitrateKbps()).isEqualTo(3000);
    assertThat(started.getHeader().getService()).isEqualTo("playback");
    assertThat(started.getHeader().getEventTime()).isEqualTo(CLOCK.instant());
    var beats = EVENTS.events(PlaybackHeartbeat.class);
    assertThat(beats).hasSize(2);
    assertThat(beats.get(0).getCdnServerId()).isEqualTo(started.getCdnServerId());
    assertThat(beats.get(0).getPositionMs()).isEqualTo(60_000);
    assertThat(beats.get(0).getRebufferDurationMs()).isEqualTo(800);
    assertThat(beats.get(0).getIntervalMs()).isEqualTo(30_000);
    assertThat(beats.get(1).getCdnServerId()).isEqualTo("oca-us-west-1");
    PlaybackError error = EVENTS.events(PlaybackError.class).get(0);
    assertThat(error.getCode()).isEqualTo("DECODER");
    assertThat(error.getFatal()).isFalse();
    assertThat(error.getCdnServerId()).isEqualTo("oca-us-west-1");
    assertThat(error.getCountry()).isEqualTo("US");
    assertThat(error.getDeviceType()).isEqualTo("tv");
    PlaybackStopped stopped = EVENTS.events(PlaybackStopped.class).get(0);
    assertThat(stopped.getReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(stopped.getWatchedSeconds()).isEqualTo(4800);

    Response afterStop = session(id, "heartbeat", viewer, heartbeat());
    assertThat(afterStop.status()).isEqualTo(404);
    assertThat(afterStop.field()).isEqualTo("session_id");
  }

  @Test
  void impressionsAndRatingsBecomeEvents() {
    Response impression =
        TestHttp.postJson(
            playback.url() + "/v1/impressions",
            viewer,
            Map.of(
                "profile_id", "p-2",
                "row_name", "trending",
                "title_ids", new String[] {"1", "2", "3"},
                "country", "gb",
                "device_type", "web"));
    Response rating =
        TestHttp.postJson(
            playback.url() + "/v1/ratings",
            viewer,
            Map.of("profile_id", "p-2", "title_id", "1", "thumb", "UP", "country", "GB"));

    assertThat(impression.status()).isEqualTo(202);
    assertThat(rating.status()).isEqualTo(202);
    Impression i = EVENTS.events(Impression.class).get(0);
    assertThat(i.getProfileId()).isEqualTo("p-2");
    assertThat(i.getRowName()).isEqualTo("trending");
    assertThat(i.getTitleIds()).containsExactly("1", "2", "3");
    assertThat(i.getCountry()).isEqualTo("GB");
    assertThat(i.getDeviceType()).isEqualTo("web");
    Rating r = EVENTS.events(Rating.class).get(0);
    assertThat(r.getThumb()).isEqualTo(Thumb.UP);
    assertThat(r.getTitleId()).isEqualTo("1");
  }

  @Test
  void badInputIs400NamingTheField() {
    String id = openSession();
    Map<String, Object> noIsp = new HashMap<>(playBody("p-1", US_TITLE));
    noIsp.remove("isp");
    Map<String, Object> noInterval = heartbeat();
    noInterval.remove("interval_ms");

    Response malformed = TestHttp.post(playback.url() + "/v1/play", viewer, "{\"profile_id\":");
    Response missing = play(viewer, noIsp);
    Response badHeartbeat = session(id, "heartbeat", viewer, noInterval);
    Response negative =
        session(id, "started", viewer, Map.of("startup_latency_ms", -1, "initial_bitrate_kbps", 1));
    Response badThumb =
        TestHttp.postJson(
            playback.url() + "/v1/ratings",
            viewer,
            Map.of("profile_id", "p-1", "title_id", "1", "thumb", "SIDEWAYS", "country", "US"));
    Response badReason =
        session(
            id, "stop", viewer, Map.of("reason", "BORED", "watched_seconds", 1, "position_ms", 1));
    Response emptyImpression =
        TestHttp.postJson(
            playback.url() + "/v1/impressions",
            viewer,
            Map.of(
                "profile_id", "p-1",
                "row_name", "x",
                "title_ids", new String[0],
                "country", "US",
                "device_type", "tv"));

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.error()).contains("malformed JSON");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.field()).isEqualTo("isp");
    assertThat(missing.error()).contains("isp");
    assertThat(badHeartbeat.field()).isEqualTo("interval_ms");
    assertThat(negative.field()).isEqualTo("startup_latency_ms");
    assertThat(badThumb.field()).isEqualTo("thumb");
    assertThat(badReason.field()).isEqualTo("reason");
    assertThat(emptyImpression.field()).isEqualTo("title_ids");
    assertThat(EVENTS.events()).isEmpty();
  }

  @Test
  void tokensAreCheckedAndProfilesMustBelongToTheAccount() {
    String id = openSession();

    Response none = play(null, playBody("p-1", US_TITLE));
    Response forged = play(TestTokens.forgedPlay("acct-1", "p-1"), playBody("p-1", US_TITLE));
    Response expired = play(TestTokens.expiredPlay("acct-1", "p-1"), playBody("p-1", US_TITLE));
    Response otherProfile = play(viewer, playBody("p-9", US_TITLE));
    Response otherAccountsSession =
        session(id, "heartbeat", TestTokens.play("acct-2", "p-9"), heartbeat());
    Response catalogScopeOnly = play(TestTokens.catalogWriter(), playBody("p-1", US_TITLE));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.error()).isEqualTo("missing bearer token");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.error()).contains("signature");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.error()).contains("expired");
    assertThat(otherProfile.status()).isEqualTo(403);
    assertThat(otherProfile.field()).isEqualTo("profile_id");
    assertThat(otherAccountsSession.status()).isEqualTo(403);
    assertThat(catalogScopeOnly.status()).isEqualTo(403);
    assertThat(EVENTS.events()).isEmpty();
  }

  @Test
  void unknownTitlesSessionsAndUnlicensedCountries() {
    Response unknownTitle = play(viewer, playBody("p-1", "999999"));
    Response unlicensed = play(viewer, playBody("p-1", JP_TITLE));
    Response unknownSession = session("no-such-session", "heartbeat", viewer, heartbeat());

    assertThat(unknownTitle.status()).isEqualTo(404);
    assertThat(unknownTitle.field()).isEqualTo("title_id");
    assertThat(unlicensed.status()).isEqualTo(451);
    assertThat(unlicensed.field()).isEqualTo("country");
    assertThat(unlicensed.error()).contains("not licensed in US");
    assertThat(unknownSession.status()).isEqualTo(404);
    assertThat(unknownSession.field()).isEqualTo("session_id");
    assertThat(STEERING_EVENTS.events()).isEmpty();
  }

  @Test
  void catalogDownIs503() {
    RecordingEmitter events = new RecordingEmitter();
    String nowhere = "http://127.0.0.1:" + TestHttp.unusedPort();
    try (PlaybackService orphan =
        PlaybackService.start(PlaybackTestSupport.config(nowhere, steering.url()), events, CLOCK)) {
      Response r = TestHttp.postJson(orphan.url() + "/v1/play", viewer, playBody("p-1", US_TITLE));

      assertThat(r.status()).isEqualTo(503);
      assertThat(r.error()).contains("catalog unavailable");
    }
  }

  @Test
  void statsAndMetricsShowSessionsAndTheCircuit() {
    openSession();

    JsonNode stats = TestHttp.get(playback.url() + "/v1/stats").json();
    String metrics = TestHttp.get(playback.url() + "/metrics").raw();

    assertThat(stats.path("service").asText()).isEqualTo("playback");
    assertThat(stats.path("steering_circuit").asText()).isEqualTo("CLOSED");
    assertThat(stats.path("open_sessions").asLong()).isPositive();
    assertThat(metrics).contains("playstream_playback_plays_total");
  }
}
