package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real Kafka broker (KRaft, one combined broker + controller node) as its own JVM, from
 * the classpath shipped by {@code infra/kafka-runtime}.
 *
 * <p>{@link #start()} writes {@code conf/kafka/server.properties} and the broker's log4j2 config,
 * formats {@code data/kafka} once (skipped when {@code meta.properties} exists), starts {@code
 * kafka.Kafka}, and waits until an admin client can describe the cluster and list topics. A broker
 * that an earlier start left running for the same state folder is reported instead of starting a
 * second one. Starting again after a stop reuses the same data folder and ports, so records
 * survive.
 */
public final class KafkaLauncher {
  /** Component name: {@code logs/kafka.log}, {@code pids/kafka.pid}, {@code data/kafka/}. */
  public static final String COMPONENT = "kafka";

  /** The broker's main class. */
  public static final String MAIN_CLASS = "kafka.Kafka";

  /** The storage formatting tool's main class. */
  public static final String FORMAT_MAIN_CLASS = "kafka.tools.StorageTool";

  /** Name of the runtime classpath resource ({@code playstream-runtime/kafka.classpath}). */
  public static final String RUNTIME = "kafka";

  /** The broker's log4j2 config, shipped by {@code infra/kafka-runtime}. */
  public static final String LOG4J_RESOURCE = "kafka-log4j2.properties";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaLauncher.class);
  private static final int NODE_ID = 1;
  private static final int LOG_TAIL_LINES = 30;
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final String NAME = "the Kafka broker";

  /**
   * What the launcher starts.
   *
   * @param port PLAINTEXT listener port
   * @param controllerPort KRaft controller listener port
   * @param heap maximum heap, as {@code -Xmx} takes it
   * @param startTimeout how long to wait for the broker to answer
   * @param stopTimeout grace period after SIGTERM
   * @param extraProperties broker properties added to (or replacing) the generated ones
   */
  public record Settings(
      int port,
      int controllerPort,
      String heap,
      Duration startTimeout,
      Duration stopTimeout,
      Map<String, String> extraProperties) {
    public Settings {
      if (port == controllerPort) {
        throw new IllegalArgumentException("broker and controller ports must differ: " + port);
      }
      Objects.requireNonNull(heap, "heap");
      Objects.requireNonNull(startTimeout, "startTimeout");
      Objects.requireNonNull(stopTimeout, "stopTimeout");
      extraProperties = Map.copyOf(extraProperties);
    }

    /** The settings the platform config asks for. */
    public static Settings from(PlatformConfig config) {
      return new Settings(
          config.get(PlatformOptions.KAFKA_LOCAL_PORT),
          config.get(PlatformOptions.KAFKA_LOCAL_CONTROLLER_PORT),
          config.get(PlatformOptions.KAFKA_LOCAL_HEAP),
          config.get(PlatformOptions.KAFKA_LOCAL_START_TIMEOUT),
          config.get(PlatformOptions.KAFKA_LOCAL_STOP_TIMEOUT),
          Map.of());
    }

    /** The same settings with other broker properties added. */
    public Settings withExtraProperties(Map<String, String> properties) {
      Map<String, String> merged = new LinkedHashMap<>(extraProperties);
      merged.putAll(properties);
      return new Settings(port, controllerPort, heap, startTimeout, stopTimeout, merged);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
      return Ports.LOOPBACK + ":" + port;
    }
  }

  private final StateLayout layout;
  private final Settings settings;
  private final LauncherSupport support;

  /** A launcher for the broker of one state folder. */
  public KafkaLauncher(StateLayout layout, Settings settings) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.support = new LauncherSupport(layout, LOG, LOG_TAIL_LINES, POLL);
  }

  /** A launcher configured by the platform config (its state folder and kafka.local.* options). */
  public static KafkaLauncher of(PlatformConfig config) {
    return new KafkaLauncher(config.stateLayout(), Settings.from(config));
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  /** The broker's data folder ({@code log.dirs}). */
  public Path dataDir() {
    return layout.dataDir(COMPONENT);
  }

  /** The generated {@code server.properties}. */
  public Path serverPropertiesFile() {
    return layout.confDir(COMPONENT).resolve("server.properties");
  }

  /**
   * Starts the broker, or reports the one still running from an earlier start, and waits until it
   * answers.
   *
   * @throws IllegalStateException when the port is taken by something else, or the broker dies or
   *     does not answer within the start timeout (the message carries the end of its log)
   */
  public KafkaBroker start() throws InterruptedException {
    return support.startOrAttach(COMPONENT, this::attach, this::launch);
  }

  /** The broker left running by an earlier start, if any (no readiness check). */
  public Optional<KafkaBroker> findRunning() {
    return support.find(COMPONENT).map(p -> broker(p, true));
  }

  /**
   * Stops the broker of this state folder, whichever JVM started it (for {@code playstream down}).
   *
   * @return true when a running broker was found and stopped
   */
  public boolean stopRunning() {
    return support.stop(COMPONENT, settings.stopTimeout());
  }

  /**
   * The broker properties for a single combined KRaft node: the generated ones, then {@code
   * extraProperties} on top. Ordered as written.
   */
  public static Map<String, String> serverProperties(Path logDir, Settings settings) {
    String host = Ports.LOOPBACK;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + settings.controllerPort());
    p.put(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + settings.port()
            + ",CONTROLLER://"
            + host
            + ":"
            + settings.controllerPort());
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.port());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    // one node: every internal topic must live with a single replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "8");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "8");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    // topics come from the catalog only (TopicAdmin), never from a typo in a producer
    p.put("auto.create.topics.enable", "false");
    // no point waiting for more group members on a dev box; makes consumers start at once
    p.put("group.initial.rebalance.delay.ms", "0");
    p.putAll(settings.extraProperties());
    return p;
  }

  /** Renders properties in {@code server.properties} syntax, in map order. */
  public static String render(Map<String, String> properties) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Generated by Playstream's KafkaLauncher on every start; edits are overwritten.\n");
    sb.append("# Add broker properties through KafkaLauncher.Settings#withExtraProperties.\n");
    properties.forEach((k, v) -> sb.append(k).append('=').append(escape(v)).append('\n'));
    return sb.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }

  private KafkaBroker launch() throws InterruptedException {
    support.prepare(
        COMPONENT,
        "other ports (kafka.local.port, kafka.local.controller-port)",
        settings.port(),
        settings.controllerPort());
    List<Path> classpath = RuntimeClasspath.load(RUNTIME);
    Path log4j = layout.confDir(COMPONENT).resolve("log4j2.properties");
    LauncherSupport.writeResource(log4j, LOG4J_RESOURCE);
    LauncherSupport.write(serverPropertiesFile(), render(serverProperties(dataDir(), settings)));
    if (!Files.exists(dataDir().resolve("meta.properties"))) {
      format(classpath, log4j);
    }
    JavaProcess spec =
        JavaProcess.builder(COMPONENT, MAIN_CLASS)
            .classpath(classpath)
            .jvmArgs(
                "-Xmx" + settings.heap(),
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-XX:+ExplicitGCInvokesConcurrent",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri())
            .args(serverPropertiesFile().toString())
            .build();
    LOG.info(
        "starting Kafka broker on {} (controller port {}, heap {}), data {}, log {}",
        settings.bootstrapServers(),
        settings.controllerPort(),
        settings.heap(),
        dataDir(),
        layout.logFile(COMPONENT));
    LauncherSupport.Started<Void> started = support.start(spec, NAME, readiness());
    LOG.info(
        "Kafka broker ready on {} after {} ms (pid {})",
        settings.bootstrapServers(),
        started.millis(),
        started.process().pid());
    return broker(started.process(), false);
  }

  private void format(List<Path> classpath, Path log4j) throws InterruptedException {
    String clusterId = Uuid.randomUuid().toString();
    LOG.info("formatting Kafka storage in {} (cluster id {})", dataDir(), clusterId);
    JavaProcess spec =
        JavaProcess.builder(COMPONENT, FORMAT_MAIN_CLASS)
            .classpath(classpath)
            .jvmArgs("-Xmx256m", "-Dlog4j2.configurationFile=" + log4j.toUri())
            .args("format", "-t", clusterId, "-c", serverPropertiesFile().toString())
            .build();
    Path log = layout.logFile(COMPONENT);
    long start = System.nanoTime();
    try {
      Files.writeString(
          log,
          "---- formatting storage: " + spec.summary(layout) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process process = ProcessSupervisor.processBuilder(spec, layout).start();
      if (!process.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "formatting Kafka storage took over "
                + FORMAT_TIMEOUT.toSeconds()
                + " s; end of "
                + log
                + ":\n"
                + LogTail.excerpt(log, LOG_TAIL_LINES));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "formatting Kafka storage failed (exit code "
                + process.exitValue()
                + "); end of "
                + log
                + ":\n"
                + LogTail.excerpt(log, LOG_TAIL_LINES));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the Kafka storage tool", e);
    }
    LOG.info(
        "formatted Kafka storage in {} ms",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private KafkaBroker attach(ManagedProcess running) throws InterruptedException {
    String expected = "listeners=" + serverProperties(dataDir(), settings).get("listeners");
    LauncherSupport.requireStartedWith(
        running,
        serverPropertiesFile(),
        expected,
        "a Kafka broker",
        "with other ports than configured (" + expected + ")");
    LOG.info(
        "Kafka broker already running on {} (pid {}); using it",
        settings.bootstrapServers(),
        running.pid());
    support.awaitReady(readiness(), Map.of(NAME, running));
    return broker(running, true);
  }

  private KafkaBroker broker(ManagedProcess process, boolean reused) {
    return new KafkaBroker(process, settings.bootstrapServers(), reused, settings.stopTimeout());
  }

  /** Ready once the broker lists topics. */
  private LauncherSupport.Readiness<Void> readiness() {
    return new LauncherSupport.Readiness<>(
        settings.port(),
        settings.startTimeout(),
        "port not open yet",
        NAME + " on " + settings.bootstrapServers() + " did not answer",
        new BrokerProbe());
  }

  /** Asks an admin client, made on the first look, to describe the cluster and list topics. */
  private final class BrokerProbe implements LauncherSupport.Probe<Void> {
    private Admin admin;

    @Override
    public LauncherSupport.Attempt<Void> attempt() throws InterruptedException {
      if (admin == null) {
        admin = Admin.create(probeConfig());
      }
      try {
        Collection<Node> nodes =
            admin.describeCluster().nodes().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (nodes.isEmpty()) {
          return LauncherSupport.Attempt.notYet("no broker registered yet");
        }
        admin.listTopics().names().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return LauncherSupport.Attempt.ready(null);
      } catch (ExecutionException | TimeoutException e) {
        return LauncherSupport.Attempt.notYet(
            String.valueOf(e.getCause() != null ? e.getCause() : e));
      }
    }

    @Override
    public void close() {
      if (admin != null) {
        admin.close(Duration.ofSeconds(1));
      }
    }
  }

  private Properties probeConfig() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "playstream-launcher-probe");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    return p;
  }
}
