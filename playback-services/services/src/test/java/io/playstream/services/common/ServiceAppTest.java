package io.playstream.services.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.SampleEvents;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestHttp.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceAppTest {
  private final RecordingEmitter emitter = new RecordingEmitter();
  private ServiceApp app;

  @BeforeEach
  void start() {
    app = new ServiceApp("demo", "demo-1", emitter);
    app.http()
        .get(
            "/boom",
            ctx -> {
              throw new IllegalStateException("bug");
            });
    app.http()
        .post(
            "/echo",
            ctx -> ctx.json(Map.of("name", JsonBody.parse(ctx.body()).requiredString("name"))));
    app.stat("extra", () -> 42);
    app.start(0);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void healthStatsAndMetrics() {
    emitter.emit(SampleEvents.started());
    emitter.failing(true);
    emitter.emit(SampleEvents.rating());

    Response health = TestHttp.get(app.url() + "/health");
    Response stats = TestHttp.get(app.url() + "/v1/stats");
    Response metrics = TestHttp.get(app.url() + "/metrics");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    assertThat(health.json().path("service").asText()).isEqualTo("demo");
    assertThat(health.json().path("instance").asText()).isEqualTo("demo-1");
    assertThat(stats.json().path("emitted").path("PlaybackStarted").asLong()).isEqualTo(1);
    assertThat(stats.json().path("failed").path("Rating").asLong()).isEqualTo(1);
    assertThat(stats.json().path("extra").asInt()).isEqualTo(42);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw())
        .contains("playstream_events_emitted_total{service=\"demo\",type=\"PlaybackStarted\"} 1.0")
        .contains("playstream_events_failed_total{service=\"demo\",type=\"Rating\"} 1.0")
        .contains("playstream_http_requests_seconds_count");
  }

  @Test
  void everyErrorIsAJsonErrorBody() {
    Response unknown = TestHttp.get(app.url() + "/nowhere");
    Response bug = TestHttp.get(app.url() + "/boom");
    Response malformed = TestHttp.post(app.url() + "/echo", null, "{nope");
    Response missing = TestHttp.post(app.url() + "/echo", null, "{}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).contains("/nowhere");
    assertThat(bug.status()).isEqualTo(500);
    assertThat(bug.error()).contains("internal error");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.error()).contains("malformed JSON");
    assertThat(malformed.json().has("field")).isTrue();
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.field()).isEqualTo("name");
  }

  @Test
  void echoesTheTraceId() {
    Response given =
        TestHttp.post(app.url() + "/echo", null, "{\"name\":\"x\"}", Map.of("X-Trace-Id", "t-1"));
    Response generated = TestHttp.get(app.url() + "/health");

    assertThat(given.headers().get("X-Trace-Id")).isEqualTo("t-1");
    assertThat(generated.headers().get("X-Trace-Id")).matches("[0-9a-f]{32}");
  }
}
