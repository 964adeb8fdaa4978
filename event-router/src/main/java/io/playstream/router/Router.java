package io.playstream.router;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running router instance: the topology in a {@link KafkaStreams} (exactly-once v2), its
 * metrics registry and its HTTP server. {@link RouterMain} runs one per JVM; tests run several in
 * one JVM.
 */
public final class Router implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final RouterOptions options;
  private final PrometheusMeterRegistry registry;
  private final RouterMetrics metrics;
  private final RouteRegistry routes;
  private final KafkaStreams streams;
  private final RouterServer server;
  private final KafkaStreamsMetrics streamsMetrics;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Router(RouterOptions options, HashKey hashKey) throws IOException {
    this.options = options;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("instance", options.instanceId());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    this.metrics = new RouterMetrics(registry);
    RouterConfig config = options.toConfig(hashKey);
    this.routes = new RouteRegistry(config.routeCompiler(), config.clock());
    this.streams =
        new KafkaStreams(
            RouterTopology.build(config, metrics, routes),
            RouterStreamsConfig.properties(options, metrics));
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("stream thread failed; replacing it", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener(
        (now, before) -> {
          LOG.info("streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.RUNNING) {
            loadRoutesForStatus();
            running.countDown();
          }
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    this.server =
        RouterServer.start(
            options.httpPort(),
            () -> {
              KafkaStreams.State s = streams.state();
              return Map.entry(s.isRunningOrRebalancing(), s.name());
            },
            registry::scrape,
            this::status);
  }

  /**
   * Loads the restored routes into the registry even when this instance has no stream task yet
   * (more instances than partitions), so its status shows every route.
   */
  private void loadRoutesForStatus() {
    try {
      routes.loadOnce(
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  RouterTopology.ROUTES_STORE, QueryableStoreTypes.keyValueStore())));
    } catch (RuntimeException e) {
      LOG.warn("cannot read the routes store yet: {}", e.toString());
    }
  }

  /**
   * Creates missing catalog topics (when the options say so), starts the instance and its HTTP
   * server, and returns without waiting for RUNNING (see {@link #awaitRunning}).
   */
  public static Router start(RouterOptions options, HashKey hashKey) {
    if (options.createTopics()) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
        TopicAdmin.ensureTopics(admin, Topics.all(), options.replicationFactor());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topics", e);
      }
    }
    try {
      Router router = new Router(options, hashKey);
      router.streams.start();
      return router;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the router's HTTP server", e);
    }
  }

  /** Waits until the Streams instance first reaches RUNNING; false on timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Calls back with the READY line once RUNNING (on a Streams thread). */
  void onRunning(Consumer<String> callback) {
    Thread t =
        new Thread(
            () -> {
              try {
                running.await();
                callback.accept("READY router " + url());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "router-ready");
    t.setDaemon(true);
    t.start();
  }

  /** Blocks until the Streams instance stops (closed, or failed). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public int httpPort() {
    return server.port();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public RouterMetrics metrics() {
    return metrics;
  }

  public RouteRegistry routes() {
    return routes;
  }

  public RouterOptions options() {
    return options;
  }

  /** The {@code /v1/routes/status} document. */
  public Map<String, Object> status() {
    return RouterStatus.of(options.instanceId(), streams.state().name(), routes, metrics);
  }

  /** Stops cleanly: the open transaction commits, then the HTTP server stops. */
  @Override
  public void close() {
    boolean clean = streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
    server.close();
    registry.close();
    LOG.info(clean ? "router stopped cleanly" : "router stopped; Streams did not close in 30 s");
    stopped.countDown();
  }
}
