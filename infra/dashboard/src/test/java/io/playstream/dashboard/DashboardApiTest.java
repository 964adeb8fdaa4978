package io.playstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.infra.Ports;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of the dashboard in-process, with nothing behind it (Kafka, Elasticsearch, Flink
 * and the router all on closed ports): pages and the Chart.js WebJar are served from the jar, bad
 * requests get 4xx with a message, an unreachable Elasticsearch 502, and the event stream delivers
 * the summary and then changed points.
 */
class DashboardApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Dashboard dashboard;
  private static int esPort;

  @BeforeAll
  static void start() {
    List<Integer> closed = Ports.freePorts(4);
    esPort = closed.get(1);
    dashboard =
        new Dashboard(
                DashboardOptions.fromMap(
                    Map.of(
                        "dashboard.port", "0",
                        "kafka.bootstrap-servers", "127.0.0.1:" + closed.get(0),
                        "elasticsearch.url", "http://127.0.0.1:" + esPort,
                        "flink.rest-url", "http://127.0.0.1:" + closed.get(2),
                        "dashboard.router-url", "http://127.0.0.1:" + closed.get(3),
                        "dashboard.push-interval", "200ms",
                        "dashboard.poll-interval", "500ms")))
            .start();
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(dashboard.url().resolve(path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePagesAndTheChartLibraryFromTheJar() throws Exception {
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("Stream starts per second by country");
    Matcher m = Pattern.compile("src=\"(/webjars/chart\\.js/[^\"]+)\"").matcher(index.body());
    assertThat(m.find()).as("the page loads Chart.js from the WebJar, no CDN").isTrue();
    assertThat(index.body()).doesNotContain("https://");
    HttpResponse<String> chartJs = get(m.group(1));
    assertThat(chartJs.statusCode()).isEqualTo(200);
    assertThat(chartJs.body()).contains("Chart.js");
    assertThat(get("/history.html").body()).contains("Alerts in the range");
    assertThat(get("/js/live.js").statusCode()).isEqualTo(200);
    assertThat(get("/css/dashboard.css").statusCode()).isEqualTo(200);
  }

  @Test
  void badHistoryRequestsAreAnswered400WithWhatIsWrong() throws Exception {
    HttpResponse<String> noMetric = get("/api/history");
    assertThat(noMetric.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noMetric.body()).path("error").asText())
        .contains("parameter 'metric' is required");
    HttpResponse<String> backwards = get("/api/history?metric=sps&from=now&to=now-1h");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(backwards.body()).path("error").asText())
        .startsWith("bad time range: 'from'");
    HttpResponse<String> garbage = get("/api/history?metric=sps&from=last%20tuesday");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(garbage.body()).path("error").asText()).contains("cannot read 'from'");
    assertThat(get("/api/history/alerts?from=now-40d").statusCode()).isEqualTo(400);
    HttpResponse<String> series = get("/api/series?name=sps10");
    assertThat(series.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(series.body()).path("error").asText()).contains("'key' are required");
    HttpResponse<String> unknown = get("/api/nothing-here");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText())
        .isEqualTo("no endpoint GET /api/nothing-here");
  }

  @Test
  void anUnreachableElasticsearchIs502NamingIt() throws Exception {
    HttpResponse<String> r = get("/api/history?metric=sps&from=now-15m");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(r.body()).path("error").asText())
        .isEqualTo(
            "Elasticsearch at http://127.0.0.1:" + esPort + " is not reachable (ConnectException)");
    JsonNode metrics = JSON.readTree(get("/api/history/metrics").body());
    assertThat(metrics.get(0).path("id").asText()).isEqualTo("sps");
    assertThat(metrics.get(0).path("by").toString()).contains("country");
  }

  @Test
  void summaryHealthAndMetricsDescribeWhatIsReachable() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode s = JSON.readTree(get("/api/summary").body());
              assertThat(s.path("jobs").path("updated_at").asLong()).isPositive();
              assertThat(s.path("jobs").path("reachable").asBoolean()).isFalse();
              assertThat(s.path("jobs").path("error").asText()).contains("not reachable");
              assertThat(s.path("components").path("flink").path("up").asBoolean()).isFalse();
              assertThat(s.path("components").path("router").path("up").asBoolean()).isFalse();
              assertThat(s.path("components").path("elasticsearch").path("up").asBoolean())
                  .isFalse();
            });
    JsonNode s = JSON.readTree(get("/api/summary").body());
    assertThat(s.path("live_window_ms").asLong()).isEqualTo(Duration.ofMinutes(15).toMillis());
    assertThat(s.has("series")).isTrue();
    assertThat(s.path("tables").path("kpis").path("open_alerts").asInt()).isZero();
    assertThat(JSON.readTree(get("/health").body()).path("status").asText()).isEqualTo("UP");
    assertThat(get("/metrics").body()).contains("playstream_dashboard_records_read_total");
    assertThat(get("/api/jobs").statusCode()).isEqualTo(200);
    assertThat(get("/api/routes").statusCode()).isEqualTo(200);
  }

  @Test
  void theEventStreamSendsTheSummaryThenChangedPoints() throws Exception {
    HttpResponse<InputStream> stream =
        HTTP.send(
            HttpRequest.newBuilder(dashboard.url().resolve("/api/live"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      assertThat(nextEvent(reader, "summary").path("series").isObject()).isTrue();
      Instant window = Instant.parse("2026-01-01T20:00:00Z");
      dashboard.store().accept(Fixtures.sps(window, 10, "SE", "tv", 42, 0));
      JsonNode points = nextEvent(reader, "points");
      assertThat(points.toString())
          .contains("{\"s\":\"sps10\",\"k\":\"SE\",\"t\":" + window.toEpochMilli() + ",\"v\":4.2}");
      JsonNode tables = nextEvent(reader, "tables");
      assertThat(tables.path("tables").path("countries").toString()).contains("\"country\":\"SE\"");
    } finally {
      stream.body().close();
    }
  }

  /** Reads events until one named {@code name} arrives (within 20 s) and returns its data. */
  private static JsonNode nextEvent(BufferedReader reader, String name) throws Exception {
    CompletableFuture<JsonNode> f =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String event = null;
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                  } else if (line.startsWith("data:") && name.equals(event)) {
                    return JSON.readTree(line.substring(5).trim());
                  } else if (line.isEmpty()) {
                    event = null;
                  }
                }
                throw new IllegalStateException("stream ended before event " + name);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    return f.get(20, TimeUnit.SECONDS);
  }
}
