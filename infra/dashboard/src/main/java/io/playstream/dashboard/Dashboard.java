package io.playstream.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.playstream.dashboard.flink.FlinkStatus;
import io.playstream.dashboard.history.EsHistory;
import io.playstream.dashboard.history.HistoryMetric;
import io.playstream.dashboard.history.HistoryQuery;
import io.playstream.dashboard.kafka.MetricConsumer;
import io.playstream.dashboard.kafka.RouteStats;
import io.playstream.dashboard.kafka.RoutesView;
import io.playstream.dashboard.live.LiveStore;
import io.playstream.dashboard.live.Rows.Tables;
import io.playstream.dashboard.web.LiveFeed;
import io.playstream.infra.flink.FlinkRestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live operational dashboard: an HTTP server (Javalin) with the pages ({@code /} live, {@code
 * /history.html}), their JSON API and a server-sent event stream, fed by a Kafka consumer of the
 * metric topics ({@link MetricConsumer} into a {@link LiveStore}), pollers of Kafka offsets and
 * consumer lag ({@link RouteStats}), of the router's and Flink's REST APIs ({@link FlinkStatus}),
 * and queries to Elasticsearch for history ({@link EsHistory}).
 *
 * <pre>{@code
 * try (Dashboard d = new Dashboard(DashboardOptions.defaults().withPort(0)).start()) {
 *   URI page = d.url();
 * }
 * }</pre>
 *
 * <p>HTTP API (JSON, snake_case; errors are {@code {"error": "..."}} with 4xx for bad input):
 *
 * <ul>
 *   <li>{@code GET /api/summary} — every live series, table, router and jobs panel;
 *   <li>{@code GET /api/tables}, {@code /api/routes}, {@code /api/jobs}, {@code /api/alerts};
 *   <li>{@code GET /api/series?name=sps10&key=US} — one live series;
 *   <li>{@code GET /api/history?metric=sps&by=country&from=now-1h&to=now} — from Elasticsearch
 *       ({@code /api/history/metrics} lists metrics and groupings, {@code /api/history/alerts} the
 *       alerts of a range);
 *   <li>{@code GET /api/live} — server-sent events ({@link LiveFeed});
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus).
 * </ul>
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  private final DashboardOptions options;
  private final Clock clock;
  private final ObjectMapper json =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private final LiveStore store;
  private final MetricConsumer consumer;
  private final RouteStats routes;
  private final FlinkStatus flink;
  private final EsHistory history;
  private final LiveFeed feed;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "dashboard-scheduler");
            t.setDaemon(true);
            return t;
          });
  private volatile String elasticsearchStatus = "unknown";
  private volatile String elasticsearchError;
  private Javalin javalin;
  private boolean closed;

  public Dashboard(DashboardOptions options) {
    this(options, Clock.systemUTC());
  }

  /** A dashboard with another clock (tests). */
  public Dashboard(DashboardOptions options, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store =
        new LiveStore(
            options.maxPoints(), options.liveWindow().toMillis(), options.trendingSize(), clock);
    this.consumer =
        new MetricConsumer(
            options.bootstrapServers(),
            MetricConsumer.defaultTopics(),
            options.liveWindow(),
            store,
            clock);
    this.routes =
        new RouteStats(
            options.bootstrapServers(), options.routerUrl(), options.routerGroup(), store, clock);
    Duration restTimeout = max(Duration.ofSeconds(3), options.pollInterval());
    this.flink = new FlinkStatus(new FlinkRestClient(options.flinkRestUrl(), restTimeout), clock);
    this.history = new EsHistory(options.elasticsearchUrl(), Duration.ofSeconds(30));
    this.feed = new LiveFeed(json, this::summary, this::panels);
    store.onPoint(feed::accept);
  }

  /** Starts the consumer, the pollers and the HTTP server; returns once the server listens. */
  public synchronized Dashboard start() {
    if (javalin != null) {
      throw new IllegalStateException("already started");
    }
    bindMetrics();
    javalin =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.jsonMapper(new JavalinJackson(json, false));
              config.staticFiles.add("/public", Location.CLASSPATH);
              config.staticFiles.enableWebjars();
            });
    routes(javalin);
    consumer.start();
    long poll = options.pollInterval().toMillis();
    // separate tasks: a component that times out does not hold up the others' status
    scheduler.scheduleWithFixedDelay(quietly(routes::poll), 0, poll, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(quietly(flink::poll), 0, poll, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        quietly(this::pollElasticsearch), 0, poll, TimeUnit.MILLISECONDS);
    long push = options.pushInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::pushQuietly, push, push, TimeUnit.MILLISECONDS);
    javalin.start(options.bindHost(), options.port());
    LOG.info(
        "dashboard on {} (Kafka {}, Elasticsearch {}, Flink {}, router {})",
        url(),
        options.bootstrapServers(),
        options.elasticsearchUrl(),
        options.flinkRestUrl(),
        options.routerUrl());
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    if (javalin == null) {
      throw new IllegalStateException("not started");
    }
    return javalin.port();
  }

  /** {@code http://<bind host>:<port>/}. */
  public URI url() {
    return URI.create("http://" + options.bindHost() + ":" + port() + "/");
  }

  /** The live state (tests). */
  public LiveStore store() {
    return store;
  }

  public DashboardOptions options() {
    return options;
  }

  // ------------------------------------------------------------------ HTTP

  private void routes(Javalin app) {
    app.get("/health", this::health);
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    app.get("/api/summary", ctx -> ctx.json(summary()));
    app.get("/api/tables", ctx -> ctx.json(panels()));
    app.get("/api/routes", ctx -> ctx.json(routes.view()));
    app.get("/api/jobs", ctx -> ctx.json(flink.view()));
    app.get("/api/alerts", ctx -> ctx.json(store.alerts()));
    app.get("/api/series", this::series);
    app.get("/api/history/metrics", ctx -> ctx.json(historyMetrics()));
    app.get("/api/history/alerts", this::historyAlerts);
    app.get("/api/history", this::history);
    app.sse("/api/live", feed::connect);
    app.exception(
        HistoryQuery.BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(
        EsHistory.UnavailableException.class, (e, ctx) -> error(ctx, 502, e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
    app.error(
        404,
        ctx -> {
          String result = ctx.result();
          // Javalin's own "Endpoint ... not found" text becomes JSON; a 404 we sent stays
          if (ctx.path().startsWith("/api/") && (result == null || !result.startsWith("{"))) {
            error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path());
          }
        });
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "UP");
    body.put("service", "dashboard");
    body.put("components", components());
    ctx.json(body);
  }

  private void series(Context ctx) {
    String name = ctx.queryParam("name");
    String key = ctx.queryParam("key");
    if (name == null || name.isBlank() || key == null || key.isBlank()) {
      throw new HistoryQuery.BadRequestException(
          "parameters 'name' and 'key' are required, e.g. /api/series?name=sps10&key=US;"
              + " series now: "
              + store.series().keySet());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("key", key);
    body.put("points", store.series(name, key));
    ctx.json(body);
  }

  private void history(Context ctx) {
    HistoryQuery q =
        HistoryQuery.parse(
            queryParams(ctx),
            clock.instant(),
            options.historyMaxRange(),
            options.historyMaxPoints());
    Timer.Sample sample = Timer.start(registry);
    String outcome = "ok";
    try {
      ctx.json(history.query(q));
    } catch (RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      sample.stop(
          Timer.builder("playstream.dashboard.history.queries")
              .description("History queries to Elasticsearch")
              .tag("metric", q.metric().id())
              .tag("outcome", outcome)
              .register(registry));
    }
  }

  private void historyAlerts(Context ctx) {
    Map<String, String> params = queryParams(ctx);
    params.put("metric", HistoryMetric.SPS.id()); // only the range is used
    HistoryQuery q =
        HistoryQuery.parse(
            params, clock.instant(), options.historyMaxRange(), options.historyMaxPoints());
    ctx.json(history.alerts(q.from(), q.to()));
  }

  private List<Map<String, Object>> historyMetrics() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (HistoryMetric m : HistoryMetric.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", m.id());
      row.put("title", m.title());
      row.put("unit", m.unit());
      row.put("by", new ArrayList<>(m.groupings().keySet()));
      out.add(row);
    }
    return out;
  }

  private static Map<String, String> queryParams(Context ctx) {
    Map<String, String> params = new LinkedHashMap<>();
    ctx.queryParamMap()
        .forEach(
            (k, v) -> {
              if (!v.isEmpty()) {
                params.put(k, v.get(0));
              }
            });
    return params;
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message));
  }

  // ------------------------------------------------------------------ what the pages get

  /** Everything a new page needs: series, tables, router and jobs panels, component status. */
  Map<String, Object> summary() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("generated_at", clock.millis());
    body.put("live_window_ms", options.liveWindow().toMillis());
    body.put("series", store.series());
    body.putAll(panels());
    return body;
  }

  /** The tables, router and jobs panels and component status (pushed every interval). */
  Map<String, Object> panels() {
    Map<String, Object> body = new LinkedHashMap<>();
    Tables tables = store.tables();
    body.put("tables", tables);
    body.put("routes", routes.view());
    body.put("jobs", flink.view());
    body.put("components", components());
    return body;
  }

  private Map<String, Object> components() {
    Map<String, Object> c = new LinkedHashMap<>();
    RoutesView r = routes.view();
    String kafkaError = consumer.error() != null ? consumer.error() : r.kafkaError();
    c.put(
        "kafka",
        component(
            kafkaError == null,
            options.bootstrapServers(),
            kafkaError,
            consumer.assignedPartitions() + " partitions read"));
    FlinkStatus.JobsView j = flink.view();
    c.put(
        "flink",
        component(
            j.reachable(),
            j.url(),
            j.error(),
            j.cluster() == null ? null : j.cluster().jobsRunning() + " jobs running"));
    c.put(
        "router",
        component(
            r.router().reachable(), r.router().url(), r.router().error(), r.router().state()));
    c.put(
        "elasticsearch",
        component(
            elasticsearchError == null,
            options.elasticsearchUrl().toString(),
            elasticsearchError,
            elasticsearchStatus));
    return c;
  }

  private static Map<String, Object> component(
      boolean up, String address, String error, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("up", up);
    m.put("address", address);
    m.put("error", error);
    m.put("detail", detail);
    return m;
  }

  // ------------------------------------------------------------------ background work

  /** A scheduled task that logs a failure instead of ending its schedule. */
  private static Runnable quietly(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("poll failed", e);
      }
    };
  }

  private void pollElasticsearch() {
    URI health =
        URI.create(
            options.elasticsearchUrl().toString().replaceAll("/+$", "") + "/_cluster/health");
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        elasticsearchStatus = json.readTree(r.body()).path("status").asText("unknown");
        elasticsearchError = null;
      } else {
        elasticsearchError = "answered " + r.statusCode();
      }
    } catch (java.io.IOException e) {
      elasticsearchError = "not reachable (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pushQuietly() {
    try {
      feed.push();
    } catch (RuntimeException e) {
      LOG.warn("pushing live updates failed", e);
    }
  }

  private void bindMetrics() {
    registry.config().commonTags("service", "dashboard");
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("playstream.dashboard.live.clients", feed, LiveFeed::clients)
        .description("Pages connected to the live event stream")
        .register(registry);
    FunctionCounter.builder("playstream.dashboard.records.read", store, LiveStore::recordsRead)
        .description("Records read from the metric, alert, session, dead-letter and catalog topics")
        .register(registry);
    FunctionCounter.builder(
            "playstream.dashboard.records.undecodable", store, LiveStore::undecodableRecords)
        .description("Records skipped because they did not decode")
        .register(registry);
    Gauge.builder(
            "playstream.dashboard.kafka.partitions", consumer, MetricConsumer::assignedPartitions)
        .description("Partitions the metric consumer reads")
        .register(registry);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Stops the server, the pollers and the consumer. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.closeAll();
    if (javalin != null) {
      javalin.stop();
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
    routes.close();
    registry.close();
    LOG.info("dashboard stopped at {}", Instant.now(clock));
  }
}
