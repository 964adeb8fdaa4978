package io.playstream.dashboard;

import static io.playstream.dashboard.Fixtures.alert;
import static io.playstream.dashboard.Fixtures.cdn;
import static io.playstream.dashboard.Fixtures.healthChanged;
import static io.playstream.dashboard.Fixtures.quality;
import static io.playstream.dashboard.Fixtures.session;
import static io.playstream.dashboard.Fixtures.sps;
import static io.playstream.dashboard.Fixtures.steering;
import static io.playstream.dashboard.Fixtures.title;
import static io.playstream.dashboard.Fixtures.trending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.events.AlertState;
import io.playstream.events.QualityDimension;
import io.playstream.events.SessionEndReason;
import io.playstream.events.SpsMetric;
import io.playstream.infra.Ports;
import io.playstream.infra.testing.LocalElasticsearchExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.Events;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import io.playstream.sinks.elasticsearch.IndexTemplates;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser against real components: a Kafka broker and an Elasticsearch node
 * (each its own JVM, started once per test JVM), known metric records produced to the metric topics
 * and the same SPS windows indexed as the metrics job indexes them, the dashboard on a free port,
 * and Debian's headless Chromium driven by Selenium through Debian's chromedriver (nothing
 * downloaded). The page must show, from its charts and tables, exactly what was sent.
 *
 * <p>What is sent, over 18 windows of 10 s ending at the last 30 s boundary (6 whole 30 s buckets):
 * US 80 (tv) + 40 (mobile) starts per window = 12.0/s; BR 30 + 20 = 5.0/s, dropping to 12 + 8 =
 * 2.0/s from window 14 on, with an SPS alert OPENED for BR; two CDN servers (one unhealthy) with
 * quality metrics, an ISP, sessions, a trending list with catalog names, 50 records on a route
 * topic of which a consumer group committed 20, and 5 dead letters (3 undecodable, 2 filter-error).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final LocalElasticsearchExtension ES = LocalElasticsearchExtension.shared();

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
  private static final int WINDOWS = 18;
  private static final int BR_DROP_WINDOW = 14;
  private static final String ROUTE = "metrics-playback";
  private static final String GROUP = "it-playback-health";

  private static Instant base;
  private static String brAlertId;
  private static Dashboard dashboard;
  private static ChromeDriver driver;
  private static Path profileDir;

  @BeforeAll
  static void setUp() throws Exception {
    requireChromium();
    // 18 windows of 10 s ending at the last 30 s boundary: the 1 h history's 30 s buckets are whole
    long now = System.currentTimeMillis();
    base = Instant.ofEpochMilli(now - now % 30_000).minusSeconds(WINDOWS * 10L);
    KAFKA.createCatalogTopics();
    TopicAdmin.ensureTopics(
        KAFKA.adminClient(),
        List.of(Topics.route(ROUTE), Topics.route("recs-activity")),
        (short) 1);
    produceMetrics();
    produceRouteAndDeadLetters();
    indexHistory();
    dashboard =
        new Dashboard(
                DashboardOptions.fromMap(
                    Map.of(
                        "dashboard.port",
                        String.valueOf(Ports.freePort()),
                        "kafka.bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "elasticsearch.url",
                        ES.url().toString(),
                        "flink.rest-url",
                        "http://127.0.0.1:" + Ports.freePort(),
                        "dashboard.router-url",
                        "http://127.0.0.1:" + Ports.freePort(),
                        "dashboard.poll-interval",
                        "1s",
                        "dashboard.push-interval",
                        "500ms")))
            .start();
    driver = startChromium();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    if (profileDir != null) {
      try (var paths = Files.walk(profileDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  @Order(1)
  void theLivePageShowsWhatWasSent() throws Exception {
    driver.get(dashboard.url().toString());

    // the charts hold the data: every window of both countries, the BR drop and its alert marker
    await("SPS chart holds 18 windows of US and BR")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Map<String, List<Double>> lines = chartLines("charts.sps");
              assertThat(lines).containsOnlyKeys("US", "BR");
              assertThat(lines.get("US")).hasSize(WINDOWS).containsOnly(12.0);
              assertThat(lines.get("BR")).hasSize(WINDOWS);
            });
    List<Double> br = chartLines("charts.sps").get("BR");
    assertThat(br.subList(0, BR_DROP_WINDOW)).containsOnly(5.0);
    assertThat(br.subList(BR_DROP_WINDOW, WINDOWS)).containsOnly(2.0);
    assertThat(
            ((Number)
                    js(
                        "return window.playstream.charts.sps.options.plugins.alertMarkers.markers"
                            + ".filter(m => m.label.startsWith('BR')).map(m => m.t)[0]"))
                .longValue())
        .as("the BR alert marker sits at its opened_at")
        .isEqualTo(base.plusSeconds((BR_DROP_WINDOW + 1) * 10L).toEpochMilli());
    await("latency chart").atMost(WAIT).until(() -> chartLines("charts.p99").size() == 2);
    assertThat(chartLines("charts.p99").get("oca-2")).containsOnly(6100.0);

    // the numbers of the latest window per country, as shown
    await("the latest window per country")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertCountry("US", 12.0, "12.0", 120);
              assertCountry("BR", 2.0, "2.0", 20);
              assertCountry("*", 14.0, "14.0", 140);
            });
    assertThat(text("#kpi-sps .value")).isEqualTo("14.0/s");
    assertThat(text("#kpi-p99 .value")).isEqualTo("6.10 s");
    assertThat(text("#kpi-p99 .detail")).isEqualTo("worst: oca-2");

    // alerts, CDN health, quality, trending, sessions
    String alert = "#alerts li[data-alert-id='" + brAlertId + "']";
    assertThat(attr(alert, "data-state")).isEqualTo("OPENED");
    assertThat(text(alert)).contains("BR").contains("SPS 2.0 vs baseline 5.0");
    assertThat(attr("#kpi-alerts", "data-open")).isEqualTo("1");
    assertThat(attr("#cdn-table tr[data-server='oca-2']", "data-healthy")).isEqualTo("false");
    assertThat(text("#cdn-table tr[data-server='oca-2']")).contains("unhealthy").contains("97%");
    assertThat(attr("#cdn-table tr[data-server='oca-1']", "data-healthy")).isEqualTo("true");
    assertThat(attr("#health-changes li[data-server='oca-2']", "data-healthy")).isEqualTo("false");
    assertThat(attr("#quality-table tr[data-dimension-value='comcast']", "data-p99"))
        .isEqualTo("2400");
    await("trending names from the catalog topic")
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(texts("#trending li .name"))
                    .containsExactly("Alien (1979)", "Heat (1995)", "Amélie (2001)"));
    assertThat(texts("#top-titles li .name").get(0)).isEqualTo("Heat (1995)");
    assertThat(texts("#top-titles li .score").get(0)).isEqualTo("3");

    // router panel from Kafka: end offset and the group's lag; dead letters by reason
    await("route offsets and lag")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              String route = "#routes-table tr[data-route='" + ROUTE + "']";
              assertThat(attr(route, "data-end-offset")).isEqualTo("50");
              assertThat(attr(route, "data-lag")).isEqualTo("30");
              assertThat(text(route)).contains(GROUP + ": 30");
            });
    await("dead letters")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(attr("#dlq-table tr[data-reason='undecodable']", "data-count"))
                  .isEqualTo("3");
              assertThat(attr("#dlq-table tr[data-reason='filter-error']", "data-count"))
                  .isEqualTo("2");
              assertThat(attr("#kpi-dlq", "data-count")).isEqualTo("5");
            });
    // nothing listens at the Flink URL: the panel says so instead of showing nothing
    assertThat(text("#jobs-table tbody")).contains("Flink REST API not reachable");
    assertThat(attr("#components .pill[data-component='kafka']", "class")).contains("up");
    assertThat(attr("#components .pill[data-component='flink']", "class")).contains("down");

    // a new window arrives over the event stream while the page is open
    Instant next = base.plusSeconds(WINDOWS * 10L);
    send(List.of(sps(next, 10, "US", "tv", 100, 0), sps(next, 10, "US", "mobile", 50, 0)));
    await("the new window reaches the open page")
        .atMost(WAIT)
        .untilAsserted(() -> assertCountry("US", 15.0, "15.0", 150));
    List<Double> us = chartLines("charts.sps").get("US");
    assertThat(us).hasSize(WINDOWS + 1);
    assertThat(us.get(WINDOWS)).isEqualTo(15.0);

    screenshot("dashboard-screenshot.png");
  }

  @Test
  @Order(2)
  void theApiAnswersTheSameNumbers() throws Exception {
    JsonNode summary = getJson("/api/summary");
    JsonNode countries = summary.path("tables").path("countries");
    assertThat(countries.toString()).contains("\"country\":\"BR\"");
    for (JsonNode c : countries) {
      if (c.path("country").asText().equals("BR")) {
        assertThat(c.path("sps").asDouble()).isEqualTo(2.0);
        assertThat(c.path("play_failures").asLong()).isEqualTo(1);
      }
    }
    JsonNode routes = getJson("/api/routes");
    assertThat(routes.path("kafka_reachable").asBoolean()).isTrue();
    assertThat(routes.path("dead_letter_topic").path("end_offset").asLong()).isEqualTo(5);
    assertThat(routes.path("router").path("reachable").asBoolean()).isFalse();
    JsonNode series = getJson("/api/series?name=sps10&key=BR");
    assertThat(series.path("points")).hasSize(WINDOWS);
  }

  @Test
  @Order(3)
  void theHistoryPageChartsTheIndexedWindows() throws Exception {
    // the API first: 30 s buckets of three 10 s windows each
    JsonNode h = getJson("/api/history?metric=sps&by=country&from=now-1h&to=now");
    assertThat(h.path("interval").asText()).isEqualTo("30s");
    assertThat(h.path("documents").asLong()).isEqualTo(WINDOWS * 4L);
    Map<String, List<Double>> api = new java.util.TreeMap<>();
    for (JsonNode line : h.path("series")) {
      List<Double> values = new ArrayList<>();
      line.path("points").forEach(p -> values.add(p.get(1).asDouble()));
      api.put(line.path("key").asText(), values);
    }
    // BR: 50 starts in windows 0-13 and 20 after: buckets 5, 5, 5, 5, (50+50+20)/30 = 4, 2
    assertThat(api)
        .containsEntry("US", List.of(12.0, 12.0, 12.0, 12.0, 12.0, 12.0))
        .containsEntry("BR", List.of(5.0, 5.0, 5.0, 5.0, 4.0, 2.0));
    HttpResponse<String> bad = get("/api/history?metric=sps&from=now-10m&to=now-20m");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("bad time range");

    driver.get(dashboard.url().resolve("/history.html?metric=sps&by=country&range=1h").toString());
    await("history chart")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Map<String, List<Double>> lines = chartLines("chart");
              assertThat(lines).isEqualTo(api);
            });
    await("alerts of the range")
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(text("#alerts-table tr[data-alert-id='" + brAlertId + "']"))
                    .contains("BR")
                    .contains("OPENED"));
    screenshot("dashboard-history-screenshot.png");

    // a bad range picked on the page: the API's message is shown, not a blank chart
    driver.get(
        dashboard
            .url()
            .resolve("/history.html?metric=sps&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
            .toString());
    await("error banner")
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(text("#error")).startsWith("bad time range: 'from'"));
  }

  // ------------------------------------------------------------------ what is sent

  private static void produceMetrics() throws Exception {
    List<SpecificRecord> records = new ArrayList<>();
    records.add(title("t-1", "Heat (1995)"));
    records.add(title("t-2", "Alien (1979)"));
    records.add(title("t-3", "Amélie (2001)"));
    for (int i = 0; i < WINDOWS; i++) {
      Instant w = base.plusSeconds(i * 10L);
      boolean dropped = i >= BR_DROP_WINDOW;
      records.add(sps(w, 10, "US", "tv", 80, 0));
      records.add(sps(w, 10, "US", "mobile", 40, 2));
      records.add(sps(w, 10, "BR", "tv", dropped ? 12 : 30, 0));
      records.add(sps(w, 10, "BR", "mobile", dropped ? 8 : 20, 1));
    }
    for (int i = WINDOWS - 3; i < WINDOWS; i++) {
      Instant w = base.plusSeconds(i * 10L);
      records.add(quality(w, QualityDimension.CDN_SERVER, "oca-1", 800, 2900, 30, 60_000));
      records.add(quality(w, QualityDimension.CDN_SERVER, "oca-2", 1200, 6100, 900, 60_000));
      records.add(quality(w, QualityDimension.ISP, "comcast", 700, 2400, 0, 0));
      records.add(cdn(w, "oca-1", 0.42, true, 0.6));
      records.add(cdn(w, "oca-2", 0.97, false, 0.4));
      records.add(steering(w, 200, 6));
    }
    records.add(healthChanged("oca-2", false, base.plusSeconds(WINDOWS * 10L - 25)));
    Instant opened = base.plusSeconds((BR_DROP_WINDOW + 1) * 10L);
    Instant evaluated = base.plusSeconds(WINDOWS * 10L);
    brAlertId = "BR@" + opened.toEpochMilli();
    records.add(alert("BR", AlertState.OPENED, opened, evaluated, 2.0, 5.0));
    Instant ended = evaluated.minusSeconds(20);
    records.add(session("s-1", "t-1", SessionEndReason.STOPPED, ended, 800));
    records.add(session("s-2", "t-1", SessionEndReason.STOPPED, ended, 900));
    records.add(session("s-3", "t-1", SessionEndReason.STOPPED, ended, 700));
    records.add(session("s-4", "t-2", SessionEndReason.ERROR, ended, 2500));
    records.add(session("s-5", "t-3", SessionEndReason.TIMEOUT, ended, 1100));
    records.add(trending("US", evaluated, "t-2", "t-1", "t-3"));
    send(records);
  }

  private static void send(List<SpecificRecord> records) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      for (SpecificRecord r : records) {
        String topic = io.playstream.schemas.EventType.of(r).topic().name();
        p.send(
                new ProducerRecord<>(
                    topic,
                    Events.key(r).getBytes(StandardCharsets.UTF_8),
                    EventCodec.standard().encode(r)))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void produceRouteAndDeadLetters() throws Exception {
    String topic = Topics.route(ROUTE).name();
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      for (int i = 0; i < 50; i++) {
        SpecificRecord e = sps(base, 10, "US", "tv", i, 0); // any event: only offsets count
        p.send(new ProducerRecord<>(topic, 0, null, EventCodec.standard().encode(e))).get();
      }
      for (int i = 0; i < 5; i++) {
        boolean undecodable = i < 3;
        RecordHeaders h = new RecordHeaders();
        h.add(
            DeadLetterHeaders.REASON,
            (undecodable ? DeadLetterHeaders.UNDECODABLE : DeadLetterHeaders.FILTER_ERROR)
                .getBytes(StandardCharsets.UTF_8));
        h.add(
            DeadLetterHeaders.SOURCE_TOPIC,
            Topics.FRONTING_PLAYBACK.name().getBytes(StandardCharsets.UTF_8));
        if (!undecodable) {
          h.add(DeadLetterHeaders.ROUTE, ROUTE.getBytes(StandardCharsets.UTF_8));
        }
        p.send(
                new ProducerRecord<>(
                    Topics.DLQ.name(),
                    null,
                    null,
                    "k".getBytes(StandardCharsets.UTF_8),
                    "garbage".getBytes(StandardCharsets.UTF_8),
                    h))
            .get();
      }
    }
    Admin admin = KAFKA.adminClient();
    admin
        .alterConsumerGroupOffsets(
            GROUP, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(20)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  /** The SPS windows and the alert as the metrics job's documents (MetricDocuments). */
  private static void indexHistory() throws Exception {
    putTemplate(IndexTemplates.METRICS);
    putTemplate(IndexTemplates.ALERTS);
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < WINDOWS; i++) {
      Instant w = base.plusSeconds(i * 10L);
      boolean dropped = i >= BR_DROP_WINDOW;
      for (SpsMetric m :
          List.of(
              sps(w, 10, "US", "tv", 80, 0),
              sps(w, 10, "US", "mobile", 40, 2),
              sps(w, 10, "BR", "tv", dropped ? 12 : 30, 0),
              sps(w, 10, "BR", "mobile", dropped ? 8 : 20, 1))) {
        String id = "sps-10s:" + m.getCountry() + ":" + m.getDeviceType() + ":" + w.toEpochMilli();
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("metric", "sps");
        doc.put("event_time", w.toString());
        doc.put("event_id", Events.eventId(m));
        doc.put("window_start", w.toString());
        doc.put("window_end", m.getWindowEnd().toString());
        doc.put("window_seconds", 10);
        doc.put("country", m.getCountry());
        doc.put("device_type", m.getDeviceType());
        doc.put("starts", m.getStarts());
        doc.put("sps", m.getSps());
        doc.put("play_failures", m.getPlayFailures());
        doc.put("failure_rate", m.getFailureRate());
        bulkLine(bulk, "playstream-metrics-sps-" + DAY.format(w), id, doc);
      }
    }
    Instant opened = base.plusSeconds((BR_DROP_WINDOW + 1) * 10L);
    Instant evaluated = base.plusSeconds(WINDOWS * 10L);
    Map<String, Object> alertDoc = new java.util.LinkedHashMap<>();
    alertDoc.put("metric", "sps-alert");
    alertDoc.put("event_time", evaluated.toString());
    alertDoc.put("alert_id", brAlertId);
    alertDoc.put("country", "BR");
    alertDoc.put("state", "OPENED");
    alertDoc.put("opened_at", opened.toString());
    alertDoc.put("evaluated_at", evaluated.toString());
    alertDoc.put("observed_sps", 2.0);
    alertDoc.put("baseline_sps", 5.0);
    alertDoc.put("drop_share", 0.6);
    alertDoc.put("threshold_share", 0.5);
    alertDoc.put("window_seconds", 10);
    bulkLine(bulk, "playstream-alerts-" + DAY.format(evaluated), brAlertId + ":OPENED", alertDoc);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ES.url() + "/_bulk?refresh=true"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(bulk.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("errors").asBoolean()).as(r.body()).isFalse();
  }

  private static void putTemplate(IndexTemplates.Template t) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ES.url() + "/_index_template/" + t.name()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(t.json()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static void bulkLine(StringBuilder bulk, String index, String id, Map<String, Object> doc)
      throws Exception {
    bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_index", index, "_id", id))))
        .append('\n')
        .append(JSON.writeValueAsString(doc))
        .append('\n');
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p);
  }

  // ------------------------------------------------------------------ browser

  private static void requireChromium() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "DashboardBrowserIT needs Debian's Chromium and its WebDriver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": install them with `apt-get install -y chromium chromium-driver`");
    }
  }

  private static ChromeDriver startChromium() throws Exception {
    // Selenium Manager must never run (it would try to download a browser and a driver)
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profileDir = Files.createTempDirectory("playstream-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1600,1200",
        "--user-data-dir=" + profileDir);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver d = new ChromeDriver(service, options);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    d.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return d;
  }

  /** Every line of a Chart.js chart under window.playstream: label → y values. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<Double>> chartLines(String chartPath) {
    Object result =
        js(
            "const c = window.playstream && window.playstream."
                + chartPath
                + "; if (!c) return {}; const out = {};"
                + " for (const d of c.data.datasets) out[d.label] = d.data.map(p => p.y);"
                + " return out;");
    Map<String, List<Double>> out = new java.util.TreeMap<>();
    ((Map<String, List<Object>>) result)
        .forEach(
            (k, v) -> {
              List<Double> values = new ArrayList<>();
              v.forEach(x -> values.add(((Number) x).doubleValue()));
              out.put(k, values);
            });
    return out;
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * An attribute of the first element matching {@code css}, read in one script (the page redraws
   * its tables while the test reads them), or null when there is no such element.
   */
  private static String attr(String css, String name) {
    return (String)
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
            css,
            name);
  }

  /** The rendered text of the first element matching {@code css}, or null. */
  private static String text(String css) {
    return (String)
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;",
            css);
  }

  /** The rendered texts of every element matching {@code css}. */
  @SuppressWarnings("unchecked")
  private static List<String> texts(String css) {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());",
            css);
  }

  private static void assertCountry(String country, double sps, String shown, long starts) {
    String row = "#sps-table tr[data-country='" + country + "']";
    assertThat(attr(row, "data-sps")).as(country + " row").isNotNull();
    assertThat(Double.parseDouble(attr(row, "data-sps"))).as(country).isEqualTo(sps);
    assertThat(text(row + " td:nth-child(2)")).as(country).isEqualTo(shown);
    assertThat(Long.parseLong(attr(row, "data-starts"))).as(country).isEqualTo(starts);
  }

  /** Saves the whole page (the window grown until the viewport holds the document) to target/. */
  private static void screenshot(String name) throws Exception {
    driver.manage().window().setSize(new Dimension(1600, 900));
    for (int i = 0; i < 3; i++) {
      long content = ((Number) js("return Math.ceil(document.body.scrollHeight)")).longValue();
      long viewport = ((Number) js("return window.innerHeight")).longValue();
      if (viewport >= content) {
        break;
      }
      Dimension size = driver.manage().window().getSize();
      int height = (int) Math.min(6000, size.getHeight() + content - viewport);
      driver.manage().window().setSize(new Dimension(1600, height));
    }
    // let the charts redraw at the new size before the picture
    js(
        "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
    Path out = Path.of("target", name);
    Files.createDirectories(out.getParent());
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, out, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(out)).isGreaterThan(10_000);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(dashboard.url().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
