package io.playstream.cli;

import io.playstream.infra.AuthSecret;
import io.playstream.infra.CassandraLauncher;
import io.playstream.infra.CassandraNode;
import io.playstream.infra.ElasticsearchLauncher;
import io.playstream.infra.ElasticsearchNode;
import io.playstream.infra.FlinkCluster;
import io.playstream.infra.FlinkLauncher;
import io.playstream.infra.JavaProcess;
import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.infra.LogTail;
import io.playstream.infra.ManagedProcess;
import io.playstream.infra.PlatformConfig;
import io.playstream.infra.PlatformOptions;
import io.playstream.infra.Ports;
import io.playstream.infra.ProcessSupervisor;
import io.playstream.infra.RuntimeClasspath;
import io.playstream.infra.S3ProxyLauncher;
import io.playstream.infra.S3Server;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.flink.FlinkRestException;
import io.playstream.router.DefaultRoutes;
import io.playstream.router.RouteValidator;
import io.playstream.router.RoutesClient;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The local platform: starts (or finds already running) the Kafka broker, the Flink cluster and the
 * three services, submits the catalog's Flink jobs, reports their health and stops what it started.
 * Used by {@code up}, {@code demo}, {@code status} and {@code down}, and by the end-to-end tests.
 */
public final class Platform implements AutoCloseable {
  public static final String KAFKA = "kafka";
  public static final String CATALOG = "catalog";
  public static final String STEERING = "steering";
  public static final String PLAYBACK = "playback";
  public static final String ROUTER = "router";
  public static final String SIMULATOR = "simulator";

  /** The Flink cluster (JobManager and TaskManager processes, see {@link FlinkLauncher}). */
  public static final String FLINK = "flink";

  /** The local Elasticsearch node (see {@link ElasticsearchLauncher}). */
  public static final String ELASTICSEARCH = ElasticsearchLauncher.COMPONENT;

  /** The local Cassandra node (see {@link CassandraLauncher}). */
  public static final String CASSANDRA = CassandraLauncher.COMPONENT;

  /** The local S3 API server (see {@link S3ProxyLauncher}), only with {@code s3.local.enabled}. */
  public static final String S3 = S3ProxyLauncher.COMPONENT;

  /** The live operational dashboard (infra/dashboard), its own JVM. */
  public static final String DASHBOARD = "dashboard";

  /** Components in start order; {@code down} stops them in reverse. */
  public static final List<String> COMPONENTS =
      List.of(
          KAFKA,
          S3,
          ELASTICSEARCH,
          CASSANDRA,
          ROUTER,
          FLINK,
          CATALOG,
          STEERING,
          PLAYBACK,
          SIMULATOR,
          DASHBOARD);

  private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** Health of one component. */
  public record ComponentStatus(String name, boolean healthy, String where, String detail) {}

  /** One service: component name, main class, URL option, JVM heap. */
  private record ServiceSpec(String name, String mainClass, URI url, String heap) {}

  private final PlatformConfig config;
  private final ProcessSupervisor supervisor;
  private final PrintStream progress;
  private final List<Runnable> stopActions = Collections.synchronizedList(new ArrayList<>());
  private KafkaBroker broker;
  private FlinkCluster flinkCluster;
  private volatile ElasticsearchNode elasticsearch;
  private volatile CassandraNode cassandra;
  private boolean servicesStartedHere;

  public Platform(PlatformConfig config, PrintStream progress) {
    this.config = config;
    this.supervisor = new ProcessSupervisor(config.stateLayout());
    this.progress = progress;
  }

  public PlatformConfig config() {
    return config;
  }

  public String bootstrapServers() {
    return broker != null
        ? broker.bootstrapServers()
        : config.get(PlatformOptions.KAFKA_BOOTSTRAP_SERVERS);
  }

  public URI playbackUrl() {
    return config.get(PlatformOptions.SERVICES_PLAYBACK_URL);
  }

  public URI catalogUrl() {
    return config.get(PlatformOptions.SERVICES_CATALOG_URL);
  }

  public URI steeringUrl() {
    return config.get(PlatformOptions.SERVICES_STEERING_URL);
  }

  /** The token signing key (created on first use). */
  public byte[] authSecret() {
    return AuthSecret.loadOrCreate(config);
  }

  /** The local broker this object started or found, if any. */
  public Optional<KafkaBroker> broker() {
    return Optional.ofNullable(broker);
  }

  /** True when this object started at least one service (rather than finding them running). */
  public boolean servicesStartedHere() {
    return servicesStartedHere;
  }

  /** Starts the local broker, or finds it running; with an external cluster, just checks it. */
  public void startKafka() throws InterruptedException {
    if (!config.get(PlatformOptions.KAFKA_LOCAL_ENABLED)) {
      step("kafka", "using external cluster " + bootstrapServers());
      return;
    }
    long t0 = System.nanoTime();
    KafkaLauncher launcher = KafkaLauncher.of(config);
    broker = launcher.start();
    started("kafka", broker, broker.bootstrapServers(), t0);
  }

  /**
   * Reports a component a launcher returned: reused from an earlier start, or started now (then
   * stopped again by {@link #close()}).
   */
  private void started(
      String name, io.playstream.infra.ProcessComponent component, Object where, long t0) {
    if (component.reused()) {
      step(name, "already running at " + where + " (pid " + component.pid() + ")");
      return;
    }
    stopActions.add(component::stop);
    step(
        name,
        "started at "
            + where
            + " (pid "
            + component.pid()
            + ", ready in "
            + millisSince(t0)
            + " ms, log "
            + component.logFile()
            + ")");
  }

  /** The REST address (and web UI) of the Flink cluster jobs are submitted to. */
  public URI flinkRestUrl() {
    return flinkCluster != null
        ? flinkCluster.restUrl()
        : config.get(PlatformOptions.FLINK_REST_URL);
  }

  /** The local Flink cluster this object started or found, if any. */
  public Optional<FlinkCluster> flinkCluster() {
    return Optional.ofNullable(flinkCluster);
  }

  /**
   * Starts the local Flink cluster (JobManager and TaskManager), or finds it running; with {@code
   * flink.local.enabled=false}, checks that the cluster at {@code flink.rest-url} answers.
   */
  public void startFlink() throws InterruptedException {
    if (!config.get(PlatformOptions.FLINK_LOCAL_ENABLED)) {
      FlinkRestClient rest = new FlinkRestClient(flinkRestUrl());
      try {
        FlinkRestClient.ClusterOverview o = rest.overview();
        step(
            FLINK,
            "using external cluster "
                + flinkRestUrl()
                + " ("
                + o.taskManagers()
                + " TaskManager(s), "
                + o.slotsAvailable()
                + " free slots)");
      } catch (FlinkRestException e) {
        step(FLINK, "warning: external cluster not answering: " + e.getMessage());
      }
      return;
    }
    FlinkLauncher launcher = FlinkLauncher.of(config);
    flinkCluster = launcher.start();
    String pids =
        "JobManager pid "
            + flinkCluster.jobManagerPid()
            + ", TaskManager pid "
            + flinkCluster.taskManagerPid().orElse(-1);
    if (flinkCluster.reused()) {
      step(FLINK, "already running at " + flinkCluster.restUrl() + " (" + pids + ")");
    } else {
      FlinkCluster started = flinkCluster;
      stopActions.add(
          () -> {
            savepointAllJobs(started.restUrl());
            started.stop();
          });
      step(
          FLINK,
          "started at "
              + flinkCluster.restUrl()
              + " ("
              + pids
              + ", ready in "
              + flinkCluster.readyMillis()
              + " ms, logs "
              + flinkCluster.jobManagerLog().getParent()
              + ")");
    }
  }

  /** Where Elasticsearch answers. */
  public URI elasticsearchUrl() {
    return elasticsearch != null
        ? elasticsearch.url()
        : config.get(PlatformOptions.ELASTICSEARCH_URL);
  }

  /** Cassandra contact points (host:port, comma-separated). */
  public String cassandraContactPoints() {
    return cassandra != null
        ? cassandra.contactPoints()
        : config.get(PlatformOptions.CASSANDRA_CONTACT_POINTS);
  }

  /** Starts the local Elasticsearch node, or finds it running (unless disabled). */
  public void startElasticsearch() throws InterruptedException {
    if (!config.get(PlatformOptions.ELASTICSEARCH_LOCAL_ENABLED)) {
      step(ELASTICSEARCH, "using " + elasticsearchUrl());
      return;
    }
    long t0 = System.nanoTime();
    ElasticsearchNode node = ElasticsearchLauncher.of(config).start();
    elasticsearch = node;
    started(ELASTICSEARCH, node, node.url(), t0);
  }

  /** Starts the local Cassandra node, or finds it running (unless disabled). */
  public void startCassandra() throws InterruptedException {
    if (!config.get(PlatformOptions.CASSANDRA_LOCAL_ENABLED)) {
      step(CASSANDRA, "using " + cassandraContactPoints());
      return;
    }
    long t0 = System.nanoTime();
    CassandraNode node = CassandraLauncher.of(config).start();
    cassandra = node;
    started(CASSANDRA, node, node.contactPoints(), t0);
  }

  /** Starts the local S3 API server when {@code s3.local.enabled} is true. */
  public void startS3() throws InterruptedException {
    if (!config.get(PlatformOptions.S3_LOCAL_ENABLED)) {
      return;
    }
    long t0 = System.nanoTime();
    S3ProxyLauncher launcher = S3ProxyLauncher.of(config);
    S3Server server = launcher.start();
    stopActions.add(launcher::stopRunning);
    step(
        S3,
        "S3 API at "
            + server.endpoint()
            + ", bucket "
            + server.bucket()
            + " (ready in "
            + millisSince(t0)
            + " ms)");
  }

  /**
   * Starts the Flink cluster, Elasticsearch, Cassandra and (when enabled) the S3 server at the same
   * time: each is its own JVM and waits on its own start-up, so in parallel they are ready in about
   * the time of the slowest.
   */
  public void startClusterAndStores() throws InterruptedException {
    List<java.util.concurrent.Callable<Void>> starts =
        List.of(
            () -> {
              startS3();
              return null;
            },
            () -> {
              startFlink();
              return null;
            },
            () -> {
              startElasticsearch();
              return null;
            },
            () -> {
              startCassandra();
              return null;
            });
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(starts.size());
    try {
      for (java.util.concurrent.Future<Void> f : pool.invokeAll(starts)) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause.getMessage(), cause);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Submits the job catalog's {@code up: true} jobs that do not run yet, in order, resuming from
   * the savepoints {@code down} took. A job that cannot be submitted (say, its jar is not built) is
   * reported and skipped.
   */
  public void submitJobs() {
    prepareLocalIcebergCatalog();
    new FlinkJobs(config, JobCatalog.load(), new FlinkRestClient(flinkRestUrl()))
        .submitUpJobs(progress);
  }

  /**
   * Creates the folders of a local Iceberg catalog (the SQLite file's folder and a file:
   * warehouse), which the sink job on the local cluster expects to exist.
   */
  void prepareLocalIcebergCatalog() {
    io.playstream.infra.IcebergCatalogSettings iceberg =
        io.playstream.infra.IcebergCatalogSettings.from(config);
    try {
      if (iceberg.sqliteFile().isPresent() && iceberg.sqliteFile().get().getParent() != null) {
        java.nio.file.Files.createDirectories(iceberg.sqliteFile().get().getParent());
      }
      if (iceberg.warehouse().startsWith("file:")) {
        java.nio.file.Files.createDirectories(
            java.nio.file.Path.of(URI.create(iceberg.warehouse())));
      }
    } catch (java.io.IOException | RuntimeException e) {
      step("iceberg", "warning: cannot create the local catalog folders: " + e.getMessage());
    }
  }

  /** Creates every catalog topic that does not exist yet. */
  public void ensureTopics() throws InterruptedException {
    try (Admin admin = admin()) {
      List<String> created =
          TopicAdmin.ensureTopics(
              admin,
              Topics.all(),
              config.get(PlatformOptions.KAFKA_REPLICATION_FACTOR).shortValue());
      step(
          "topics",
          created.isEmpty()
              ? "all " + Topics.all().size() + " catalog topics exist"
              : "created " + String.join(", ", created));
    }
  }

  /** An admin client on the platform's cluster; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Starts catalog, steering and playback (each its own JVM) unless they already answer. */
  public void startServices() throws InterruptedException {
    String secretFile = config.get(PlatformOptions.AUTH_SECRET_FILE).toString();
    authSecret();
    String bootstrap = bootstrapServers();
    for (ServiceSpec s : services()) {
      List<String> args = new ArrayList<>();
      args.addAll(
          List.of(
              "--port",
              Integer.toString(s.url().getPort()),
              "--kafka-bootstrap",
              bootstrap,
              "--auth-secret-file",
              secretFile));
      switch (s.name()) {
        case CATALOG -> {
          args.add("--jdbc-url");
          args.add(config.get(PlatformOptions.SERVICES_CATALOG_JDBC_URL));
          // GET /recommendations reads recs_by_profile; the catalog connects in the background,
          // so it starts (and serves fallbacks) whether or not Cassandra is up yet
          args.addAll(
              List.of(
                  "--cassandra-contact-points",
                  cassandraContactPoints(),
                  "--cassandra-local-datacenter",
                  config.get(PlatformOptions.CASSANDRA_LOCAL_DATACENTER),
                  "--cassandra-keyspace",
                  config.get(PlatformOptions.CASSANDRA_KEYSPACE)));
        }
        case PLAYBACK -> {
          args.addAll(
              List.of(
                  "--catalog-url",
                  catalogUrl().toString(),
                  "--steering-url",
                  steeringUrl().toString()));
        }
        default -> {}
      }
      startJvm(s.name(), s.mainClass(), s.url(), s.heap(), args);
    }
  }

  /** The dashboard's address. */
  public URI dashboardUrl() {
    return URI.create("http://127.0.0.1:" + config.get(PlatformOptions.DASHBOARD_PORT) + "/");
  }

  /**
   * Starts the live dashboard (infra/dashboard) as its own JVM unless it answers: metric topics
   * over server-sent events, history from Elasticsearch, job status from Flink, router counters.
   */
  public void startDashboard() throws InterruptedException {
    URI url = dashboardUrl();
    startJvm(
        DASHBOARD,
        "io.playstream.dashboard.DashboardMain",
        url,
        "384m",
        List.of(
            "--port",
            Integer.toString(url.getPort()),
            "--bootstrap-servers",
            bootstrapServers(),
            "--es-url",
            elasticsearchUrl().toString(),
            "--flink-url",
            flinkRestUrl().toString(),
            "--router-url",
            routerUrl().toString()),
        RuntimeClasspath.loadTool("dashboard"));
  }

  private void startJvm(String name, String mainClass, URI url, String heap, List<String> args)
      throws InterruptedException {
    startJvm(name, mainClass, url, heap, args, RuntimeClasspath.ofCurrentJvm());
  }

  private void startJvm(
      String name,
      String mainClass,
      URI url,
      String heap,
      List<String> args,
      List<java.nio.file.Path> classpath)
      throws InterruptedException {
    URI health = url.resolve("/health");
    if (answers(health)) {
      step(name, "already running at " + url);
      return;
    }
    if (!Ports.isFree(url.getPort())) {
      throw new IllegalStateException(
          "port "
              + url.getPort()
              + " for "
              + name
              + " is taken by another program; free it or set services."
              + name
              + ".port");
    }
    long t0 = System.nanoTime();
    JavaProcess spec =
        JavaProcess.builder(name, mainClass)
            .classpath(classpath)
            .jvmArgs("-Xmx" + heap, "-XX:+UseSerialGC")
            .args(args)
            .build();
    ManagedProcess process = supervisor.start(spec);
    stopActions.add(() -> process.stop(STOP_GRACE));
    servicesStartedHere = true;
    waitHealthy(name, process, health);
    step(
        name,
        "started at " + url + " (pid " + process.pid() + ", ready in " + millisSince(t0) + " ms)");
  }

  private void waitHealthy(String name, ManagedProcess process, URI health)
      throws InterruptedException {
    long deadline = System.nanoTime() + SERVICE_START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited during start-up; last lines of "
                + process.logFile()
                + ":\n"
                + String.join("\n", process.logTail(30)));
      }
      if (answers(health)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        name
            + " did not answer "
            + health
            + " within "
            + SERVICE_START_TIMEOUT.toSeconds()
            + " s; see "
            + process.logFile());
  }

  /** The router's HTTP endpoint (/health, /metrics, /v1/routes/status). */
  public URI routerUrl() {
    return URI.create("http://127.0.0.1:" + config.get(PlatformOptions.ROUTER_HTTP_PORT));
  }

  /**
   * Applies the routes the platform ships (idempotent: unchanged routes are not rewritten).
   *
   * @return what changed
   */
  public RoutesClient.ApplyResult applyDefaultRoutes() throws InterruptedException {
    try (RoutesClient routes =
        new RoutesClient(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
            RouteValidator.standard(),
            config.get(PlatformOptions.KAFKA_REPLICATION_FACTOR).shortValue())) {
      RoutesClient.ApplyResult r = routes.apply(DefaultRoutes.load());
      step(
          "routes",
          "default routes: added "
              + r.added()
              + ", changed "
              + r.changed()
              + ", unchanged "
              + r.unchanged().size());
      return r;
    }
  }

  /** Starts the event router (Kafka Streams, exactly-once) as its own JVM unless it answers. */
  public void startRouter() throws InterruptedException {
    Path hashKey = config.get(PlatformOptions.ROUTER_HASH_KEY_FILE);
    AuthSecret.loadOrCreate(hashKey);
    URI url = routerUrl();
    startJvm(
        ROUTER,
        "io.playstream.router.RouterMain",
        url,
        "512m",
        List.of(
            "--bootstrap-servers",
            bootstrapServers(),
            "--http-port",
            Integer.toString(url.getPort()),
            "--hash-key-file",
            hashKey.toString(),
            "--state-dir",
            config.stateLayout().dataDir(ROUTER).toString(),
            "--instance-id",
            "router-1"));
  }

  /** Starts the simulator as its own JVM (for {@code up}); extra args go to SimulatorMain. */
  public ManagedProcess startSimulator(List<String> extraArgs) {
    List<String> args = new ArrayList<>(simulatorArgs());
    args.addAll(extraArgs);
    JavaProcess spec =
        JavaProcess.builder(SIMULATOR, "io.playstream.simulator.SimulatorMain")
            .classpath(RuntimeClasspath.ofCurrentJvm())
            .jvmArgs("-Xmx384m")
            .args(args)
            .build();
    ManagedProcess process = supervisor.start(spec);
    stopActions.add(() -> process.stop(STOP_GRACE));
    step(SIMULATOR, "started (pid " + process.pid() + ", log " + process.logFile() + ")");
    return process;
  }

  /** Simulator arguments pointing at this platform. */
  public List<String> simulatorArgs() {
    return List.of(
        "--playback-url",
        playbackUrl().toString(),
        "--catalog-url",
        catalogUrl().toString(),
        "--steering-url",
        steeringUrl().toString(),
        "--bootstrap-servers",
        bootstrapServers(),
        "--auth-secret-file",
        config.get(PlatformOptions.AUTH_SECRET_FILE).toString());
  }

  /** Health of every component. */
  public List<ComponentStatus> status() {
    List<ComponentStatus> result = new ArrayList<>();
    String bootstrap = bootstrapServers();
    String[] hostPort = bootstrap.split(",")[0].split(":");
    boolean kafkaUp = Ports.isOpen(hostPort[0], Integer.parseInt(hostPort[1]));
    String kafkaDetail = kafkaUp ? "accepting connections" : "not reachable";
    if (kafkaUp) {
      try (Admin admin = admin()) {
        int nodes =
            admin.describeCluster().nodes().get(10, java.util.concurrent.TimeUnit.SECONDS).size();
        int topics =
            admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS).size();
        kafkaDetail = nodes + " broker(s), " + topics + " topics";
      } catch (Exception e) {
        kafkaUp = false;
        kafkaDetail = "port open but cluster not answering: " + e.getMessage();
      }
    }
    result.add(new ComponentStatus(KAFKA, kafkaUp, bootstrap, kafkaDetail + pidNote(KAFKA)));
    boolean routerUp = answers(routerUrl().resolve("/health"));
    result.add(
        new ComponentStatus(
            ROUTER,
            routerUp,
            routerUrl().toString(),
            (routerUp ? "health UP" : "not answering") + pidNote(ROUTER)));
    for (ServiceSpec s : services()) {
      boolean up = answers(s.url().resolve("/health"));
      result.add(
          new ComponentStatus(
              s.name(),
              up,
              s.url().toString(),
              (up ? "health UP" : "not answering") + pidNote(s.name())));
    }
    result.add(flinkStatus());
    URI es = elasticsearchUrl();
    boolean esUp = answers(es.resolve("/_cluster/health"));
    result.add(
        new ComponentStatus(
            ELASTICSEARCH,
            esUp,
            es.toString(),
            (esUp ? "cluster health answering" : "not reachable") + pidNote(ELASTICSEARCH)));
    String cassandraPoint = cassandraContactPoints().split(",")[0].trim();
    int colon = cassandraPoint.lastIndexOf(':');
    boolean cassandraUp =
        colon > 0
            && Ports.isOpen(
                cassandraPoint.substring(0, colon),
                Integer.parseInt(cassandraPoint.substring(colon + 1)));
    result.add(
        new ComponentStatus(
            CASSANDRA,
            cassandraUp,
            cassandraPoint,
            (cassandraUp ? "CQL port open" : "not reachable") + pidNote(CASSANDRA)));
    if (config.get(PlatformOptions.S3_LOCAL_ENABLED)) {
      URI s3 = config.get(PlatformOptions.S3_ENDPOINT);
      boolean s3Up = Ports.isOpen(s3.getHost(), s3.getPort());
      result.add(
          new ComponentStatus(
              S3, s3Up, s3.toString(), (s3Up ? "answering" : "not reachable") + pidNote(S3)));
    }
    boolean dashboardUp = answers(dashboardUrl().resolve("/health"));
    result.add(
        new ComponentStatus(
            DASHBOARD,
            dashboardUp,
            dashboardUrl().toString(),
            (dashboardUp ? "health UP" : "not answering") + pidNote(DASHBOARD)));
    Optional<ManagedProcess> sim = supervisor.find(SIMULATOR);
    result.add(
        new ComponentStatus(
            SIMULATOR,
            sim.isPresent(),
            sim.map(p -> "pid " + p.pid()).orElse("-"),
            sim.isPresent() ? "running, log " + sim.get().logFile() : "not running"));
    return result;
  }

  private ComponentStatus flinkStatus() {
    URI url = flinkRestUrl();
    FlinkRestClient rest = new FlinkRestClient(url, Duration.ofSeconds(5));
    String pids =
        supervisor
            .find(FlinkLauncher.JOBMANAGER)
            .map(
                jm ->
                    " (JobManager pid "
                        + jm.pid()
                        + supervisor
                            .find(FlinkLauncher.TASKMANAGER)
                            .map(tm -> ", TaskManager pid " + tm.pid())
                            .orElse(", no TaskManager process")
                        + ")")
            .orElse("");
    try {
      FlinkRestClient.ClusterOverview o = rest.overview();
      boolean up = o.taskManagers() > 0;
      return new ComponentStatus(
          FLINK,
          up,
          url.toString(),
          o.taskManagers()
              + " TaskManager(s), "
              + o.slotsAvailable()
              + "/"
              + o.slotsTotal()
              + " slots free, "
              + o.jobsRunning()
              + " running job(s)"
              + pids);
    } catch (FlinkRestException e) {
      return new ComponentStatus(
          FLINK, false, url.toString(), (e.status() < 0 ? "not reachable" : e.getMessage()) + pids);
    }
  }

  private String pidNote(String component) {
    return supervisor.find(component).map(p -> " (pid " + p.pid() + ")").orElse("");
  }

  /** Stops everything recorded in the state folder's pid files, newest component first. */
  public List<String> down() {
    List<String> stopped = new ArrayList<>();
    List<String> order = new ArrayList<>(COMPONENTS);
    Collections.reverse(order);
    for (String c : order) {
      if (FLINK.equals(c)) {
        if (stopFlink()) {
          stopped.add(c);
        }
      } else if (KAFKA.equals(c)) {
        if (KafkaLauncher.of(config).stopRunning()) {
          stopped.add(c);
        }
      } else if (ELASTICSEARCH.equals(c)) {
        if (ElasticsearchLauncher.of(config).stopRunning()) {
          stopped.add(c);
        }
      } else if (CASSANDRA.equals(c)) {
        if (CassandraLauncher.of(config).stopRunning()) {
          stopped.add(c);
        }
      } else if (S3.equals(c)) {
        if (S3ProxyLauncher.of(config).stopRunning()) {
          stopped.add(c);
        }
      } else if (supervisor.stop(c, STOP_GRACE)) {
        stopped.add(c);
      }
    }
    return stopped;
  }

  /**
   * Stops the local Flink cluster of the state folder: first every running job with a savepoint
   * (recorded, so the next {@code up} resumes the jobs from them), then TaskManager and JobManager.
   */
  private boolean stopFlink() {
    FlinkLauncher launcher = FlinkLauncher.of(config);
    if (launcher.findRunning().isEmpty()) {
      return launcher.stopRunning();
    }
    savepointAllJobs(launcher.restUrl());
    return launcher.stopRunning();
  }

  private void savepointAllJobs(URI restUrl) {
    try {
      new FlinkJobs(config, JobCatalog.load(), new FlinkRestClient(restUrl))
          .stopAllWithSavepoints(progress);
    } catch (FlinkRestException e) {
      progress.println("  warning: could not savepoint the Flink jobs: " + e.getMessage());
    }
  }

  /** Stops what this object started, in reverse order. */
  @Override
  public void close() {
    List<Runnable> actions = new ArrayList<>(stopActions);
    Collections.reverse(actions);
    stopActions.clear();
    for (Runnable r : actions) {
      try {
        r.run();
      } catch (RuntimeException e) {
        progress.println("  warning: stop failed: " + e.getMessage());
      }
    }
  }

  private List<ServiceSpec> services() {
    return List.of(
        new ServiceSpec(
            CATALOG, "io.playstream.services.catalog.CatalogMain", catalogUrl(), "384m"),
        new ServiceSpec(
            STEERING, "io.playstream.services.steering.SteeringMain", steeringUrl(), "256m"),
        new ServiceSpec(
            PLAYBACK, "io.playstream.services.playback.PlaybackMain", playbackUrl(), "256m"));
  }

  static boolean answers(URI url) {
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      int code = c.getResponseCode();
      c.disconnect();
      return code >= 200 && code < 300;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private void step(String component, String message) {
    progress.printf("  %-10s %s%n", component, message);
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Last lines of a component's log (for error messages). */
  public List<String> logTail(String component, int lines) {
    return LogTail.lastLines(config.stateLayout().logFile(component), lines);
  }
}
