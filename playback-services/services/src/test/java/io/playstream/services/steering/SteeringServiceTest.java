package io.playstream.services.steering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.events.CdnServerHealth;
import io.playstream.events.SteeringDecision;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteeringServiceTest {
  private static final String STEER =
      """
      {"session_id":"s-1","profile_id":"p-1","title_id":"1","country":"us","region":"us-east",
       "isp":"Comcast","client_ip":"10.1.2.3"}
      """;

  private final RecordingEmitter emitter = new RecordingEmitter();
  private final TestClock clock = TestClock.atNow();
  private SteeringService steering;

  @BeforeEach
  void start() {
    steering =
        SteeringService.start(
            new SteeringConfig(0, "steering-test", Fleet.defaultFleet()), emitter, clock);
  }

  @AfterEach
  void stop() {
    steering.close();
  }

  private Response report(String serverId, String region, double load, boolean healthy) {
    return TestHttp.postJson(
        steering.url() + "/v1/cdn/health",
        null,
        Map.of(
            "server_id", serverId,
            "region", region,
            "load", load,
            "healthy", healthy,
            "capacity_mbps", 40000,
            "active_sessions", 12));
  }

  @Test
  void healthReportsAreKeptAndAnnounced() {
    Response r = report("oca-us-east-1", "us-east", 0.25, true);

    assertThat(r.status()).isEqualTo(202);
    CdnServerHealth event = emitter.events(CdnServerHealth.class).get(0);
    assertThat(event.getServerId()).isEqualTo("oca-us-east-1");
    assertThat(event.getLoad()).isEqualTo(0.25);
    assertThat(event.getHealthy()).isTrue();
    assertThat(event.getActiveSessions()).isEqualTo(12);
    assertThat(event.getHeader().getEventTime()).isEqualTo(clock.instant());
    JsonNode servers = TestHttp.get(steering.url() + "/v1/cdn/servers").json().path("servers");
    assertThat(servers).hasSize(15);
    assertThat(servers.get(0).path("server_id").asText()).isEqualTo("oca-us-east-1");
    assertThat(servers.get(0).path("load").asDouble()).isEqualTo(0.25);
    assertThat(servers.get(0).path("reported_at").asText()).isEqualTo(clock.instant().toString());
    assertThat(servers.get(1).path("load").isNull()).isTrue();
  }

  @Test
  void steersWithFreshHealthAndRecordsTheDecision() {
    for (String id : new String[] {"oca-us-east-1", "oca-us-east-2", "oca-us-east-3"}) {
      report(id, "us-east", 0.3, true);
    }
    clock.advance(Duration.ofSeconds(5));

    Response r =
        TestHttp.post(steering.url() + "/v1/steer", null, STEER, Map.of("X-Trace-Id", "trace-9"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("fallback_used").asBoolean()).isFalse();
    assertThat(r.json().path("candidates")).hasSize(3);
    String chosen = r.json().path("chosen_server_id").asText();
    assertThat(r.json().path("candidates").get(0).path("server_id").asText()).isEqualTo(chosen);
    assertThat(r.json().path("candidates").get(0).path("rank").asInt()).isEqualTo(1);
    SteeringDecision decision = emitter.events(SteeringDecision.class).get(0);
    assertThat(decision.getSessionId()).isEqualTo("s-1");
    assertThat(decision.getCountry()).isEqualTo("US");
    assertThat(decision.getClientIp()).isEqualTo("10.1.2.3");
    assertThat(decision.getChosenServerId()).isEqualTo(chosen);
    assertThat(decision.getCandidates()).hasSize(3);
    assertThat(decision.getFallbackUsed()).isFalse();
    assertThat(decision.getHeader().getTraceId()).isEqualTo("trace-9");
  }

  @Test
  void staleHealthMeansFallback() {
    report("oca-us-east-1", "us-east", 0.3, true);
    clock.advance(Duration.ofSeconds(31));

    Response r = TestHttp.post(steering.url() + "/v1/steer", null, STEER);

    assertThat(r.json().path("fallback_used").asBoolean()).isTrue();
    assertThat(emitter.events(SteeringDecision.class).get(0).getFallbackUsed()).isTrue();
    assertThat(TestHttp.get(steering.url() + "/metrics").raw())
        .contains(
            "playstream_steering_decisions_total{fallback=\"true\",service=\"steering\"} 1.0");
  }

  @Test
  void badReportsAndRequestsAreRejectedNamingTheField() {
    Response unknown = report("oca-mars-1", "us-east", 0.1, true);
    Response wrongRegion = report("oca-us-east-1", "eu-west", 0.1, true);
    Response overloaded = report("oca-us-east-1", "us-east", 1.5, true);
    Response missing =
        TestHttp.post(
            steering.url() + "/v1/steer", null, STEER.replace("\"isp\":\"Comcast\",", ""));
    Response malformed = TestHttp.post(steering.url() + "/v1/cdn/health", null, "{{");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.field()).isEqualTo("server_id");
    assertThat(wrongRegion.status()).isEqualTo(400);
    assertThat(wrongRegion.field()).isEqualTo("region");
    assertThat(overloaded.field()).isEqualTo("load");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.field()).isEqualTo("isp");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(emitter.events()).isEmpty();
  }

  @Test
  void fleetFileReplacesTheDefault(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(
        file,
        """
        servers:
          - server_id: edge-a
            region: eu-north
            capacity_mbps: 1000
          - server_id: edge-b
            region: eu-north
        """);

    Fleet fleet = Fleet.load(file);

    assertThat(fleet.servers()).extracting(CdnServer::serverId).containsExactly("edge-a", "edge-b");
    assertThat(fleet.inRegion("eu-north")).hasSize(2);
    assertThat(fleet.server("edge-b").orElseThrow().capacityMbps()).isEqualTo(10_000);
  }
}
