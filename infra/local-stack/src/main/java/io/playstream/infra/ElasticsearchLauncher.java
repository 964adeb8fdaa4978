package io.playstream.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real Elasticsearch 8 node (single node, HTTP on 127.0.0.1) as its own JVM, from the jars
 * named by {@code infra/elasticsearch-runtime}.
 *
 * <p>{@link #start()} prepares the node's home folder {@code data/elasticsearch/home}: {@code
 * config/elasticsearch.yml} (see {@link #nodeSettings}), {@code config/log4j2.properties} and
 * {@code modules/transport-netty4/} (the netty transport's jars plus the {@code
 * plugin-descriptor.properties} found inside its jar). It then starts {@code
 * io.playstream.infra.es.ElasticsearchNodeMain <home>} with the server's jars on the module path
 * and waits until {@code GET /_cluster/health?wait_for_status=yellow} answers 200 ({@code GET /}
 * does not exist on this node: the module that serves it is not published). Index data lives in
 * {@code data/elasticsearch/data} and survives restarts. A node that an earlier start left running
 * for the same state folder is reported instead of starting a second one.
 *
 * <p>What the node lacks, because those modules are not on Maven Central: x-pack (no security, no
 * ILM, no data streams), painless, analysis-common, mapper-extras, the aggregations module and
 * {@code GET /}. Mappings, composable index templates, aliases, bulk indexing and terms / sum /
 * date_histogram aggregations work.
 */
public final class ElasticsearchLauncher {
  /** Component name: {@code logs/elasticsearch.log}, {@code pids/elasticsearch.pid}, ... */
  public static final String COMPONENT = "elasticsearch";

  /** The node's main class, shipped in the {@code elasticsearch-runtime} jar. */
  public static final String MAIN_CLASS = "io.playstream.infra.es.ElasticsearchNodeMain";

  /** Runtime resource naming the server's jars (they go on the module path). */
  public static final String RUNTIME = "elasticsearch";

  /** Runtime resource naming the jars of the {@code transport-netty4} module. */
  public static final String TRANSPORT_RUNTIME = "elasticsearch-transport";

  /** The node's log4j2 config, shipped by {@code infra/elasticsearch-runtime}. */
  public static final String LOG4J_RESOURCE = "elasticsearch-log4j2.properties";

  /** Name of the transport module (its folder under {@code <home>/modules/}). */
  public static final String TRANSPORT_MODULE = "transport-netty4";

  /** Cluster name of the local node. */
  public static final String CLUSTER_NAME = "playstream";

  /** Node name of the local node. */
  public static final String NODE_NAME = "playstream-local";

  /** How long {@link Settings#from} waits for the node: JIT-cold on a busy 2-core box is slow. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

  /** Grace period after SIGTERM before {@link Settings#from}'s node is killed. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchLauncher.class);
  private static final int LOG_TAIL_LINES = 40;
  private static final String DESCRIPTOR_DIR = "META-INF/es-plugins/" + TRANSPORT_MODULE + "/";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String NAME = "the Elasticsearch node";

  /**
   * What the launcher starts.
   *
   * @param httpPort HTTP port (bound to 127.0.0.1)
   * @param transportPort transport port (bound to 127.0.0.1; nothing else joins, but the node binds
   *     it)
   * @param heap maximum (and initial) heap, as {@code -Xmx} takes it
   * @param startTimeout how long to wait for the node to answer
   * @param stopTimeout grace period after SIGTERM
   * @param extraSettings node settings added to (or replacing) the generated ones
   */
  public record Settings(
      int httpPort,
      int transportPort,
      String heap,
      Duration startTimeout,
      Duration stopTimeout,
      Map<String, String> extraSettings) {
    public Settings {
      if (httpPort == transportPort) {
        throw new IllegalArgumentException("HTTP and transport ports must differ: " + httpPort);
      }
      Objects.requireNonNull(heap, "heap");
      Objects.requireNonNull(startTimeout, "startTimeout");
      Objects.requireNonNull(stopTimeout, "stopTimeout");
      extraSettings = Map.copyOf(extraSettings);
    }

    /** The settings the platform config asks for ({@code elasticsearch.local.*}). */
    public static Settings from(PlatformConfig config) {
      return new Settings(
          config.get(PlatformOptions.ELASTICSEARCH_LOCAL_PORT),
          config.get(PlatformOptions.ELASTICSEARCH_LOCAL_TRANSPORT_PORT),
          config.get(PlatformOptions.ELASTICSEARCH_LOCAL_HEAP),
          DEFAULT_START_TIMEOUT,
          DEFAULT_STOP_TIMEOUT,
          Map.of());
    }

    /** Settings for tests: two free ports, the given heap, default timeouts. */
    public static Settings onFreePorts(String heap) {
      List<Integer> ports = Ports.freePorts(2);
      return new Settings(
          ports.get(0), ports.get(1), heap, DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT, Map.of());
    }

    /** The same settings with other node settings added. */
    public Settings withExtraSettings(Map<String, String> settings) {
      Map<String, String> merged = new LinkedHashMap<>(extraSettings);
      merged.putAll(settings);
      return new Settings(httpPort, transportPort, heap, startTimeout, stopTimeout, merged);
    }

    /** {@code http://127.0.0.1:<httpPort>}. */
    public URI url() {
      return URI.create("http://" + Ports.LOOPBACK + ":" + httpPort);
    }
  }

  private final StateLayout layout;
  private final Settings settings;
  private final LauncherSupport support;

  /** A launcher for the node of one state folder. */
  public ElasticsearchLauncher(StateLayout layout, Settings settings) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.support = new LauncherSupport(layout, LOG, LOG_TAIL_LINES, POLL);
  }

  /** A launcher configured by the platform config (its state folder, elasticsearch.local.*). */
  public static ElasticsearchLauncher of(PlatformConfig config) {
    return new ElasticsearchLauncher(config.stateLayout(), Settings.from(config));
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI url() {
    return settings.url();
  }

  /** The node's home folder ({@code data/elasticsearch/home}). */
  public Path homeDir() {
    return layout.dataDir(COMPONENT).resolve("home");
  }

  /** The node's index data ({@code path.data}: {@code data/elasticsearch/data}). */
  public Path indexDataDir() {
    return layout.dataDir(COMPONENT).resolve("data");
  }

  /** The generated {@code elasticsearch.yml}. */
  public Path configFile() {
    return homeDir().resolve("config").resolve("elasticsearch.yml");
  }

  /**
   * Starts the node, or reports the one still running from an earlier start, and waits until it
   * answers.
   *
   * @throws IllegalStateException when a port is taken by something else, or the node dies or does
   *     not answer within the start timeout (the message carries the end of its log)
   */
  public ElasticsearchNode start() throws InterruptedException {
    return support.startOrAttach(COMPONENT, this::attach, this::launch);
  }

  /** The node left running by an earlier start, if any (no readiness check). */
  public Optional<ElasticsearchNode> findRunning() {
    return support.find(COMPONENT).map(p -> node(p, true));
  }

  /**
   * Stops the node of this state folder, whichever JVM started it (for {@code playstream down}).
   *
   * @return true when a running node was found and stopped
   */
  public boolean stopRunning() {
    return support.stop(COMPONENT, settings.stopTimeout());
  }

  /**
   * The node settings written to {@code elasticsearch.yml}: the generated ones, then {@code
   * extraSettings} on top. Ordered as written.
   */
  public static Map<String, String> nodeSettings(Path home, Path data, Settings settings) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("cluster.name", CLUSTER_NAME);
    s.put("node.name", NODE_NAME);
    s.put("path.data", data.toAbsolutePath().toString());
    s.put("path.logs", home.resolve("logs").toAbsolutePath().toString());
    // loopback only: also keeps the node in development mode (bootstrap checks only warn)
    s.put("network.host", Ports.LOOPBACK);
    s.put("http.port", Integer.toString(settings.httpPort()));
    s.put("transport.port", Integer.toString(settings.transportPort()));
    s.put("discovery.type", "single-node");
    // a nearly full dev disk must not turn every index read-only
    s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
    // retention deletes indices by name; wildcard deletes stay forbidden
    s.put("action.destructive_requires_name", "true");
    s.putAll(settings.extraSettings());
    return s;
  }

  /** Renders settings in {@code elasticsearch.yml} syntax (flat keys, quoted values). */
  public static String render(Map<String, String> settings) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Generated by Playstream's ElasticsearchLauncher on every start; edits are");
    sb.append(" overwritten.\n# Add node settings through ElasticsearchLauncher.Settings");
    sb.append("#withExtraSettings.\n");
    settings.forEach((k, v) -> sb.append(k).append(": ").append(quote(v)).append('\n'));
    return sb.toString();
  }

  /** The JVM flags of the node: heap, the module path and what Elasticsearch's jvm.options set. */
  List<String> jvmArgs(List<Path> modulePath) {
    Path tmp = layout.dataDir(COMPONENT).resolve("tmp");
    createDirectories(tmp);
    List<String> args = new ArrayList<>();
    args.add("-Xms" + settings.heap());
    args.add("-Xmx" + settings.heap());
    args.add("-XX:+UseG1GC");
    args.add("-Xss1m");
    args.add("-XX:-OmitStackTraceInFastThrow");
    args.add("-Djava.awt.headless=true");
    args.add("-Dfile.encoding=UTF-8");
    args.add("-Djava.io.tmpdir=" + tmp);
    args.add("-Djna.nosys=true");
    args.add("-Des.networkaddress.cache.ttl=60");
    args.add("-Des.networkaddress.cache.negative.ttl=10");
    args.add("-Dio.netty.noUnsafe=true");
    args.add("-Dio.netty.noKeySetOptimization=true");
    args.add("-Dio.netty.recycler.maxCapacityPerThread=0");
    // the node closes itself in its own shutdown hook and still logs while doing so
    args.add("-Dlog4j.shutdownHookEnabled=false");
    args.add("-Dlog4j2.disable.jmx=true");
    args.add("-Dlog4j2.formatMsgNoLookups=true");
    // on the class path the plugin loader fails (Module.getDescriptor() of the unnamed module)
    args.add("--module-path");
    args.add(
        modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    args.add("--add-modules=ALL-MODULE-PATH");
    return args;
  }

  /**
   * Writes the home folder: config files, and the transport module folder rebuilt from {@code
   * transportJars} (so it always matches the runtime that was built).
   */
  void prepareHome(List<Path> transportJars) {
    Path config = homeDir().resolve("config");
    Path module = homeDir().resolve("modules").resolve(TRANSPORT_MODULE);
    deleteTree(homeDir().resolve("modules"));
    createDirectories(config);
    createDirectories(module);
    createDirectories(homeDir().resolve("plugins"));
    createDirectories(homeDir().resolve("logs"));
    createDirectories(indexDataDir());
    LauncherSupport.write(configFile(), render(nodeSettings(homeDir(), indexDataDir(), settings)));
    LauncherSupport.writeResource(config.resolve("log4j2.properties"), LOG4J_RESOURCE);
    boolean descriptor = false;
    for (Path jar : transportJars) {
      try {
        Files.copy(jar, module.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        descriptor |= extractPluginFiles(jar, module);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + jar + " to " + module, e);
      }
    }
    if (!descriptor) {
      throw new IllegalStateException(
          "no "
              + DESCRIPTOR_DIR
              + "plugin-descriptor.properties in the transport jars "
              + transportJars
              + "; rebuild infra/elasticsearch-runtime");
    }
  }

  /** Copies the files under {@code META-INF/es-plugins/transport-netty4/} into the module dir. */
  private static boolean extractPluginFiles(Path jar, Path module) throws IOException {
    boolean found = false;
    try (JarFile jf = new JarFile(jar.toFile())) {
      for (JarEntry e : (Iterable<JarEntry>) jf.stream()::iterator) {
        String name = e.getName();
        if (e.isDirectory() || !name.startsWith(DESCRIPTOR_DIR)) {
          continue;
        }
        String file = name.substring(DESCRIPTOR_DIR.length());
        if (file.isEmpty() || file.contains("/")) {
          continue;
        }
        try (InputStream in = jf.getInputStream(e)) {
          Files.copy(in, module.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        found |= file.equals("plugin-descriptor.properties");
      }
    }
    return found;
  }

  private ElasticsearchNode launch() throws InterruptedException {
    support.prepare(
        COMPONENT,
        "other ports (elasticsearch.local.port, elasticsearch.local.transport-port)",
        settings.httpPort(),
        settings.transportPort());
    List<Path> runtime = RuntimeClasspath.loadTool(RUNTIME);
    Path runtimeJar = runtime.get(0);
    List<Path> modulePath = runtime.subList(1, runtime.size());
    prepareHome(RuntimeClasspath.load(TRANSPORT_RUNTIME));

    JavaProcess spec =
        JavaProcess.builder(COMPONENT, MAIN_CLASS)
            .classpath(List.of(runtimeJar))
            .jvmArgs(jvmArgs(modulePath))
            .args(homeDir().toString())
            .build();
    LOG.info(
        "starting Elasticsearch on {} (transport port {}, heap {}), data {}, log {}",
        settings.url(),
        settings.transportPort(),
        settings.heap(),
        indexDataDir(),
        layout.logFile(COMPONENT));
    LauncherSupport.Started<Void> started = support.start(spec, NAME, readiness());
    LOG.info(
        "Elasticsearch ready on {} after {} ms (pid {})",
        settings.url(),
        started.millis(),
        started.process().pid());
    return node(started.process(), false);
  }

  private ElasticsearchNode attach(ManagedProcess running) throws InterruptedException {
    LauncherSupport.requireStartedWith(
        running,
        configFile(),
        "http.port: " + quote(Integer.toString(settings.httpPort())),
        "an Elasticsearch node",
        "with another HTTP port than configured (" + settings.httpPort() + ")");
    LOG.info(
        "Elasticsearch already running on {} (pid {}); using it", settings.url(), running.pid());
    support.awaitReady(readiness(), Map.of(NAME, running));
    return node(running, true);
  }

  private ElasticsearchNode node(ManagedProcess process, boolean reused) {
    return new ElasticsearchNode(process, settings.url(), reused, settings.stopTimeout());
  }

  /** Ready once the cluster health answers 200 (yellow or green). */
  private LauncherSupport.Readiness<Void> readiness() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest health =
        HttpRequest.newBuilder(
                settings.url().resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
            .timeout(PROBE_TIMEOUT)
            .GET()
            .build();
    return new LauncherSupport.Readiness<>(
        settings.httpPort(),
        settings.startTimeout(),
        "port not open yet",
        NAME + " on " + settings.url() + " did not answer",
        () -> {
          try {
            HttpResponse<String> r = client.send(health, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200
                ? LauncherSupport.Attempt.ready(null)
                : LauncherSupport.Attempt.notYet(
                    "cluster health " + r.statusCode() + ": " + r.body());
          } catch (IOException e) {
            return LauncherSupport.Attempt.notYet(e.toString());
          }
        });
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
