package io.playstream.services.common;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime the three services share: a Javalin server on 127.0.0.1 with snake_case JSON, the
 * {@code /health}, {@code /metrics} and {@code /v1/stats} endpoints, request timing, and error
 * mapping so that every 4xx/5xx answer is {@code {"error":..., "field":...}}.
 *
 * <p>Usage: construct, add routes to {@link #http()}, register what must be closed with {@link
 * #onClose}, then {@link #start(int)}.
 */
public final class ServiceApp implements RunningService {
  /** Bind address of every service. */
  public static final String HOST = "127.0.0.1";

  private static final String TRACE_ATTRIBUTE = "playstream.trace-id";
  private static final Logger LOG = LoggerFactory.getLogger(ServiceApp.class);

  private final String service;
  private final String instance;
  private final EventEmitter emitter;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Supplier<?>> extraStats = new LinkedHashMap<>();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Javalin javalin;
  private volatile boolean closed;

  public ServiceApp(String service, String instance, EventEmitter emitter) {
    this.service = service;
    this.instance = instance;
    this.emitter = emitter;
    registry.config().commonTags("service", service);
    emitter.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    resources.push(gc);

    this.javalin =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.jsonMapper(new JavalinJackson(Json.mapper(), false));
              config.requestLogger.http(this::timeRequest);
            });
    javalin.before(
        ctx -> {
          String trace =
              Tracing.traceId(ctx.header(Tracing.TRACEPARENT), ctx.header(Tracing.TRACE_ID_HEADER));
          ctx.attribute(TRACE_ATTRIBUTE, trace);
          ctx.header(Tracing.TRACE_ID_HEADER, trace);
        });
    javalin.get("/health", this::health);
    javalin.get("/metrics", this::metrics);
    javalin.get("/v1/stats", this::stats);
    javalin.exception(
        ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field()));
    javalin.exception(
        HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), null));
    javalin.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null);
        });
    javalin.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path(), null);
          }
        });
  }

  /**
   * The request's trace id: from its {@code traceparent} or {@code X-Trace-Id} header, else
   * generated once per request (and echoed in the {@code X-Trace-Id} response header).
   */
  public static String traceId(Context ctx) {
    String trace = ctx.attribute(TRACE_ATTRIBUTE);
    if (trace == null) {
      trace = Tracing.traceId(ctx.header(Tracing.TRACEPARENT), ctx.header(Tracing.TRACE_ID_HEADER));
      ctx.attribute(TRACE_ATTRIBUTE, trace);
    }
    return trace;
  }

  /** Where to add the service's routes (before {@link #start}). */
  public Javalin http() {
    return javalin;
  }

  /** The service's meter registry (scraped at {@code /metrics}). */
  public MeterRegistry registry() {
    return registry;
  }

  public String service() {
    return service;
  }

  public String instance() {
    return instance;
  }

  /** Adds a field to the {@code /v1/stats} answer, computed on each request. */
  public ServiceApp stat(String name, Supplier<?> value) {
    extraStats.put(name, value);
    return this;
  }

  /** Registers something to close after the server stopped; closed in reverse order. */
  public ServiceApp onClose(AutoCloseable resource) {
    resources.push(resource);
    return this;
  }

  /** Starts serving on 127.0.0.1 ({@code port} 0 picks a free port). */
  public ServiceApp start(int port) {
    javalin.start(HOST, port);
    LOG.info("{} ({}) listening on {}", service, instance, url());
    return this;
  }

  @Override
  public int port() {
    return javalin.port();
  }

  @Override
  public String url() {
    return "http://" + HOST + ":" + port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    javalin.stop();
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", r, e);
      }
    }
    registry.close();
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "UP");
    body.put("service", service);
    body.put("instance", instance);
    ctx.json(body);
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }

  private void stats(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", service);
    body.put("instance", instance);
    body.put("emitted", emitter.emitted());
    body.put("failed", emitter.failed());
    extraStats.forEach((name, value) -> body.put(name, value.get()));
    ctx.json(body);
  }

  private void timeRequest(Context ctx, Float millis) {
    String route;
    try {
      route = ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      route = "unmatched";
    }
    Timer.builder("playstream.http.requests")
        .description("HTTP requests served")
        .tag("method", ctx.method().name())
        .tag("route", route == null || route.isEmpty() ? "unmatched" : route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  private static void error(Context ctx, int status, String message, String field) {
    ctx.status(status).json(new ErrorResponse(message, field));
  }
}
