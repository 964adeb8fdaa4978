package io.playstream.simulator;

import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import io.playstream.services.common.TokenIssuer;
import io.playstream.simulator.http.HttpDriver;
import io.playstream.simulator.http.ServiceLookups;
import io.playstream.simulator.http.TokenSource;
import io.playstream.simulator.kafka.EventFactory;
import io.playstream.simulator.kafka.KafkaEventSink;
import io.playstream.simulator.kafka.ProducerSettings;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.ModelConfig;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulation: builds the model (titles from the catalog service or the bundled MovieLens
 * titles, the CDN fleet from steering or the built-in one), then takes the model's actions in
 * simulated-time order and hands each to the sink when the wall clock reaches {@code start +
 * simulated time / time-compression}. The sink (HTTP driver or Kafka producer) works
 * asynchronously; its answers only feed the counters, never the model, so the actions are the same
 * whatever the services' timing.
 *
 * <p>The run ends after {@code --duration} of wall time, or when {@link #stop()} is called (from
 * any thread, e.g. a shutdown hook); then open sessions are stopped (unless {@code
 * --stop-sessions-at-end=false}), outstanding calls are awaited up to {@code --drain-timeout}, and
 * the report is returned. A simulator runs once.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private static final long BEHIND_WARNING_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final SimulatorOptions options;
  private final ProgressListener listener;
  private final Wiring wiring;
  private final ReportCounter counter = new ReportCounter();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final AtomicBoolean started = new AtomicBoolean();

  private volatile long startNanos;
  private volatile long simNowMs;
  private volatile int activeSessions;
  private long lastProgressNanos;
  private long lastProgressRequests;

  /** How a mode builds its model and sink; tests plug their own. */
  interface Wiring {
    SimulationModel model(ModelConfig config) throws IOException, InterruptedException;

    ActionSink sink(SimulationModel model, ReportCounter counter)
        throws IOException, InterruptedException;
  }

  public Simulator(SimulatorOptions options) {
    this(options, ProgressListener.none());
  }

  public Simulator(SimulatorOptions options, ProgressListener listener) {
    this(
        options,
        listener,
        options.mode() == Mode.HTTP ? new HttpWiring(options) : new KafkaWiring(options));
  }

  Simulator(SimulatorOptions options, ProgressListener listener, Wiring wiring) {
    options.validate();
    this.options = options;
    this.listener = listener;
    this.wiring = wiring;
  }

  /** Runs a simulation with these options to its end and returns the report. */
  public static SimulationReport run(SimulatorOptions options)
      throws IOException, InterruptedException {
    return new Simulator(options).run();
  }

  /**
   * Runs until {@code --duration} has passed or {@link #stop()} is called.
   *
   * @throws IOException when the services cannot be read (http mode) or the ground truth written
   * @throws IllegalStateException when called twice, or the secret is missing (http mode)
   */
  public SimulationReport run() throws IOException, InterruptedException {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a Simulator runs once");
    }
    SimulationModel model = wiring.model(options.modelConfig());
    if (options.groundTruth() != null) {
      GroundTruth.write(model, options.groundTruth());
    }
    try (ActionSink sink = wiring.sink(model, counter)) {
      return loop(model, sink);
    }
  }

  /** Ends the run early; the report still covers everything up to now. Idempotent. */
  public void stop() {
    stopSignal.countDown();
  }

  /** A snapshot of the run so far (its request rate is 0: the listener's snapshots carry it). */
  public Progress progress() {
    long elapsed = startNanos == 0 ? 0 : System.nanoTime() - startNanos;
    return new Progress(
        Duration.ofNanos(elapsed),
        Duration.ofMillis(simNowMs),
        activeSessions,
        0,
        counter.expectedEvents(),
        counter.totalRejected(),
        counter.totalFailed());
  }

  private SimulationReport loop(SimulationModel model, ActionSink sink)
      throws InterruptedException {
    double compression = options.timeCompression();
    long horizon =
        options.duration().isZero()
            ? Long.MAX_VALUE
            : (long) Math.min(Long.MAX_VALUE / 2.0, options.duration().toMillis() * compression);
    startNanos = System.nanoTime();
    lastProgressNanos = startNanos;
    ScheduledExecutorService ticker = startTicker();
    long actions = 0;
    long endSim;
    boolean warnedBehind = false;
    try {
      boolean stopped = false;
      Action next;
      while ((next = model.next(horizon)) != null) {
        long due = startNanos + wallNanos(next.atMs(), compression);
        if (!warnedBehind && System.nanoTime() - due > BEHIND_WARNING_NANOS) {
          warnedBehind = true;
          LOG.warn(
              "the simulator runs more than 5 s behind its schedule ({} requests outstanding):"
                  + " lower --rate or raise --max-in-flight",
              sink.outstanding());
        }
        if (!waitUntil(due)) {
          stopped = true;
          // hand over what the model already decided, so no session is left half-announced
          sink.submit(next);
          actions++;
          for (Action a : model.takeReady()) {
            sink.submit(a);
            actions++;
          }
          break;
        }
        simNowMs = next.atMs();
        sink.submit(next);
        actions++;
        activeSessions = model.activeSessions();
      }
      if (!stopped && horizon != Long.MAX_VALUE) {
        stopped = !waitUntil(startNanos + wallNanos(horizon, compression));
      }
      long reached = (long) ((System.nanoTime() - startNanos) / 1e6 * compression);
      endSim = stopped ? Math.min(horizon, Math.max(reached, simNowMs)) : horizon;
      endSim = Math.max(endSim, model.nowMs());
      if (options.stopSessionsAtEnd()) {
        for (Action a : model.closeAll(endSim)) {
          sink.submit(a);
          actions++;
        }
      }
      simNowMs = endSim;
      activeSessions = model.activeSessions();
      if (!sink.drain(options.drainTimeout())) {
        LOG.warn(
            "{} calls were still outstanding after the drain timeout of {}",
            sink.outstanding(),
            options.drainTimeout());
      }
    } finally {
      ticker.shutdownNow();
    }
    double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
    tick();
    return new SimulationReport(
        options.mode().wireName(),
        options.seed(),
        counter.expectedEvents(),
        counter.rejectedByStatus(),
        counter.failedByReason(),
        wallSeconds,
        endSim / 1000.0,
        actions,
        counter.skippedActions(),
        counter.requests(),
        model.visits(),
        model.visitsWithoutIdleProfile(),
        model.sessions(),
        counter.steeringFallbacks());
  }

  private static long wallNanos(long simMs, double compression) {
    return (long) (simMs * 1e6 / compression);
  }

  /** Waits until the wall clock reaches {@code dueNanos}; false when stopped meanwhile. */
  private boolean waitUntil(long dueNanos) throws InterruptedException {
    long delay = dueNanos - System.nanoTime();
    if (delay <= 0) {
      return stopSignal.getCount() > 0;
    }
    return !stopSignal.await(delay, TimeUnit.NANOSECONDS);
  }

  private ScheduledExecutorService startTicker() {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simulator-progress");
              t.setDaemon(true);
              return t;
            });
    long every = options.progressInterval().toNanos();
    if (every > 0) {
      ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.NANOSECONDS);
    }
    return ticker;
  }

  private synchronized void tick() {
    try {
      long now = System.nanoTime();
      long requests = counter.requests();
      double seconds = (now - lastProgressNanos) / 1e9;
      double rate = seconds <= 0 ? 0 : (requests - lastProgressRequests) / seconds;
      lastProgressNanos = now;
      lastProgressRequests = requests;
      listener.onProgress(
          new Progress(
              Duration.ofNanos(now - startNanos),
              Duration.ofMillis(simNowMs),
              activeSessions,
              rate,
              counter.expectedEvents(),
              counter.totalRejected(),
              counter.totalFailed()));
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed", e);
    }
  }

  /** Http mode: titles from the catalog, fleet from steering, calls through {@link HttpDriver}. */
  static final class HttpWiring implements Wiring {
    private final SimulatorOptions options;
    private TokenIssuer issuer;
    private HttpClient client;

    HttpWiring(SimulatorOptions options) {
      this.options = options;
    }

    @Override
    public SimulationModel model(ModelConfig config) throws IOException, InterruptedException {
      issuer = new TokenIssuer(options.resolveAuthSecret());
      Duration timeout = options.requestTimeout();
      client =
          HttpDriver.newClient(
              timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5));
      String token =
          issuer.issue(
              TokenSource.SIMULATOR_SUBJECT,
              List.of(),
              List.of(TokenIssuer.SCOPE_PLAY),
              Duration.ofMinutes(10));
      TitleCatalog titles =
          ServiceLookups.fetchTitles(client, options.catalogUrl(), token, timeout);
      List<CdnServer> fleet =
          ServiceLookups.fetchFleet(client, options.steeringUrl(), token, timeout);
      LOG.info(
          "read {} titles from {} and {} CDN servers from {}",
          titles.size(),
          options.catalogUrl(),
          fleet.size(),
          options.steeringUrl());
      return new SimulationModel(config, titles, fleet);
    }

    @Override
    public ActionSink sink(SimulationModel model, ReportCounter counter) {
      TokenSource tokens =
          new TokenSource(issuer, model.population().accounts(), Clock.systemUTC());
      return new HttpDriver(
          client,
          options.playbackUrl(),
          options.steeringUrl(),
          tokens,
          counter,
          options.maxInFlight(),
          options.requestTimeout());
    }
  }

  /** Kafka mode: bundled titles, built-in fleet, events through {@link KafkaEventSink}. */
  static final class KafkaWiring implements Wiring {
    private final SimulatorOptions options;

    KafkaWiring(SimulatorOptions options) {
      this.options = options;
    }

    @Override
    public SimulationModel model(ModelConfig config) {
      return new SimulationModel(config, TitleCatalog.bundled(), CdnServer.defaultFleet());
    }

    @Override
    public ActionSink sink(SimulationModel model, ReportCounter counter)
        throws InterruptedException {
      if (options.createTopics()) {
        try (Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
          TopicAdmin.ensureTopics(admin, Topics.fronting(), options.replicationFactor());
        }
      }
      KafkaProducer<String, SpecificRecord> producer =
          new KafkaProducer<>(
              ProducerSettings.defaults(options.bootstrapServers(), "playstream-simulator"));
      return new KafkaEventSink(
          producer, new EventFactory(options.seed(), options.startTime()), counter);
    }
  }
}
