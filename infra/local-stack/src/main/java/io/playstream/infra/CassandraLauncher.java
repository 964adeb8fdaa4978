package io.playstream.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real Cassandra node (single node, {@code org.apache.cassandra:cassandra-all}) as its own
 * JVM, from the classpath shipped by {@code infra/cassandra-runtime}.
 *
 * <p>{@link #start()} renders {@code conf/cassandra/cassandra.yaml} and the node's logback config,
 * starts {@code org.apache.cassandra.service.CassandraDaemon} with the Java 17 flags Cassandra
 * needs, and waits until the node answers {@code SELECT release_version FROM system.local} on its
 * native port. A node that an earlier start left running for the same state folder is reported
 * instead of starting a second one. Data lives in {@code data/cassandra/} and survives restarts.
 *
 * <p>The generated configuration is sized for a developer machine: one node, no hints, no
 * auto-snapshots, small memtables, caches and thread pools, no JMX port.
 */
public final class CassandraLauncher {
  /** Component name: {@code logs/cassandra.log}, {@code pids/cassandra.pid}, {@code data/...}. */
  public static final String COMPONENT = "cassandra";

  /** The node's main class. */
  public static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

  /** Name of the runtime classpath resource ({@code playstream-runtime/cassandra.classpath}). */
  public static final String RUNTIME = "cassandra";

  /** The node's logback config, shipped by {@code infra/cassandra-runtime}. */
  public static final String LOGBACK_RESOURCE = "cassandra-logback.xml";

  /** The datacenter name {@code SimpleSnitch} reports, which drivers must name as local. */
  public static final String LOCAL_DATACENTER = "datacenter1";

  /** Cluster name written into {@code cassandra.yaml}. */
  public static final String CLUSTER_NAME = "playstream";

  /** Default wait for the node to answer CQL (a first start creates the system tables). */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  /** Default grace period after SIGTERM (a clean shutdown flushes memtables). */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(CassandraLauncher.class);
  private static final int LOG_TAIL_LINES = 30;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String INITIAL_HEAP = "64m";
  private static final String NAME = "the Cassandra node";

  /**
   * What the launcher starts.
   *
   * @param nativePort CQL native transport port
   * @param storagePort inter-node storage port (bound, though a single node talks to nobody)
   * @param heap maximum heap, as {@code -Xmx} takes it
   * @param startTimeout how long to wait for the node to answer CQL
   * @param stopTimeout grace period after SIGTERM
   * @param extraYaml top-level {@code cassandra.yaml} settings added to (or replacing) the
   *     generated ones
   */
  public record Settings(
      int nativePort,
      int storagePort,
      String heap,
      Duration startTimeout,
      Duration stopTimeout,
      Map<String, Object> extraYaml) {
    public Settings {
      if (nativePort == storagePort) {
        throw new IllegalArgumentException("native and storage ports must differ: " + nativePort);
      }
      Objects.requireNonNull(heap, "heap");
      Objects.requireNonNull(startTimeout, "startTimeout");
      Objects.requireNonNull(stopTimeout, "stopTimeout");
      extraYaml = Map.copyOf(extraYaml);
    }

    /** The settings the platform config asks for (cassandra.local.* options). */
    public static Settings from(PlatformConfig config) {
      return new Settings(
          config.get(PlatformOptions.CASSANDRA_LOCAL_PORT),
          config.get(PlatformOptions.CASSANDRA_LOCAL_STORAGE_PORT),
          config.get(PlatformOptions.CASSANDRA_LOCAL_HEAP),
          DEFAULT_START_TIMEOUT,
          DEFAULT_STOP_TIMEOUT,
          Map.of());
    }

    /** Settings for tests: two free ports on 127.0.0.1, 512m heap, default timeouts. */
    public static Settings forTest() {
      List<Integer> ports = Ports.freePorts(2);
      return forTest(ports.get(0), ports.get(1));
    }

    /** Settings for tests: the given ports, 512m heap, default timeouts. */
    public static Settings forTest(int nativePort, int storagePort) {
      return new Settings(
          nativePort, storagePort, "512m", DEFAULT_START_TIMEOUT, Duration.ofSeconds(20), Map.of());
    }

    /** The same settings with other {@code cassandra.yaml} settings added. */
    public Settings withExtraYaml(Map<String, Object> settings) {
      Map<String, Object> merged = new LinkedHashMap<>(extraYaml);
      merged.putAll(settings);
      return new Settings(nativePort, storagePort, heap, startTimeout, stopTimeout, merged);
    }

    /** {@code 127.0.0.1:<native port>}, the driver's contact point. */
    public String contactPoint() {
      return Ports.LOOPBACK + ":" + nativePort;
    }
  }

  private final StateLayout layout;
  private final Settings settings;
  private final LauncherSupport support;

  /** A launcher for the node of one state folder. */
  public CassandraLauncher(StateLayout layout, Settings settings) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.support = new LauncherSupport(layout, LOG, LOG_TAIL_LINES, POLL);
  }

  /** A launcher configured by the platform config (its state folder and cassandra.* options). */
  public static CassandraLauncher of(PlatformConfig config) {
    return new CassandraLauncher(config.stateLayout(), Settings.from(config));
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** {@code 127.0.0.1:<native port>}. */
  public String contactPoint() {
    return settings.contactPoint();
  }

  /** The node's storage root ({@code cassandra.storagedir}): data, commit log, hints, caches. */
  public Path dataDir() {
    return layout.dataDir(COMPONENT);
  }

  /** The generated {@code cassandra.yaml}. */
  public Path yamlFile() {
    return layout.confDir(COMPONENT).resolve("cassandra.yaml");
  }

  /**
   * Starts the node, or reports the one still running from an earlier start, and waits until it
   * answers CQL.
   *
   * @throws IllegalStateException when a port is taken by something else, or the node dies or does
   *     not answer within the start timeout (the message carries the end of its log)
   */
  public CassandraNode start() throws InterruptedException {
    return support.startOrAttach(COMPONENT, this::attach, this::launch);
  }

  /** The node left running by an earlier start, if any (no readiness check). */
  public Optional<CassandraNode> findRunning() {
    return support.find(COMPONENT).map(p -> new CassandraNode(p, settings, null, true));
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
   * The {@code cassandra.yaml} settings of a single local node whose storage lives under {@code
   * storageDir}: the generated ones, then {@code extraYaml} on top. Ordered as written.
   */
  public static Map<String, Object> yaml(Path storageDir, Settings settings) {
    Path dir = storageDir.toAbsolutePath();
    String host = Ports.LOOPBACK;
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("cluster_name", CLUSTER_NAME);
    y.put("num_tokens", 16);
    y.put("allocate_tokens_for_local_replication_factor", 1);
    y.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
    y.put("data_file_directories", List.of(dir.resolve("data").toString()));
    y.put("commitlog_directory", dir.resolve("commitlog").toString());
    y.put("saved_caches_directory", dir.resolve("saved_caches").toString());
    y.put("hints_directory", dir.resolve("hints").toString());
    y.put("cdc_raw_directory", dir.resolve("cdc_raw").toString());
    y.put("commitlog_sync", "periodic");
    y.put("commitlog_sync_period", "10000ms");
    y.put(
        "seed_provider",
        List.of(
            Map.of(
                "class_name",
                "org.apache.cassandra.locator.SimpleSeedProvider",
                "parameters",
                List.of(Map.of("seeds", host + ":" + settings.storagePort())))));
    y.put("listen_address", host);
    y.put("rpc_address", host);
    y.put("storage_port", settings.storagePort());
    y.put("native_transport_port", settings.nativePort());
    y.put("start_native_transport", true);
    y.put("endpoint_snitch", "SimpleSnitch");
    // a single node on a developer machine: nothing to hint to, no snapshot on every DROP or
    // TRUNCATE (tests drop tables), small pools and caches so the node stays near its heap size
    y.put("hinted_handoff_enabled", false);
    y.put("auto_snapshot", false);
    y.put("dynamic_snitch", false);
    y.put("concurrent_reads", 8);
    y.put("concurrent_writes", 16);
    y.put("concurrent_counter_writes", 4);
    y.put("concurrent_materialized_view_writes", 2);
    y.put("concurrent_compactors", 1);
    y.put("native_transport_max_threads", 32);
    y.put("memtable_heap_space", "64MiB");
    y.put("memtable_offheap_space", "64MiB");
    y.put("commitlog_segment_size", "16MiB");
    y.put("commitlog_total_space", "256MiB");
    y.put("key_cache_size", "16MiB");
    y.put("counter_cache_size", "0MiB");
    y.put("prepared_statements_cache_size", "8MiB");
    y.put("file_cache_size", "32MiB");
    y.put("networking_cache_size", "16MiB");
    y.put("index_summary_capacity", "8MiB");
    y.putAll(settings.extraYaml());
    return y;
  }

  /** Renders {@code cassandra.yaml} text, in map order, with a header saying it is generated. */
  public static String render(Map<String, Object> yaml) {
    YAMLMapper mapper =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    try {
      return "# Generated by Playstream's CassandraLauncher on every start; edits are overwritten.\n"
          + "# Add settings through CassandraLauncher.Settings#withExtraYaml.\n"
          + mapper.writeValueAsString(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render cassandra.yaml", e);
    }
  }

  /**
   * The node's JVM flags: heap, the Java 17 module openings Cassandra needs (its {@code
   * conf/jvm17-server.options}), where its config, storage and logback config are, and the system
   * properties that make a single node start fast (no ring delay, no waiting for gossip).
   */
  public static List<String> jvmArgs(Settings settings, Path yaml, Path storageDir, Path logback) {
    List<String> a = new ArrayList<>();
    // a small initial heap keeps an idle node near 500 MB RSS instead of committing all of -Xmx
    a.add("-Xms" + initialHeap(settings.heap()));
    a.add("-Xmx" + settings.heap());
    a.add("-Xss256k");
    a.add("-XX:+UseG1GC");
    a.add("-XX:MaxGCPauseMillis=300");
    a.add("-XX:+ParallelRefProcEnabled");
    a.add("-XX:+PerfDisableSharedMem");
    a.add("-XX:+HeapDumpOnOutOfMemoryError");
    a.add("-XX:HeapDumpPath=" + storageDir.toAbsolutePath());
    a.add("-Djava.awt.headless=true");
    a.add("-Djava.net.preferIPv4Stack=true");
    a.add("-Djdk.attach.allowAttachSelf=true");
    a.add("-Dcassandra.config=" + yaml.toAbsolutePath().toUri());
    a.add("-Dcassandra.storagedir=" + storageDir.toAbsolutePath());
    a.add("-Dcassandra.logdir=" + storageDir.toAbsolutePath());
    a.add("-Dcassandra-foreground=yes");
    a.add("-Dcassandra.ring_delay_ms=100");
    a.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    a.add("-Dcassandra.disable_auth_caches_remote_configuration=true");
    // skips a ~3 s measurement at every start; 180 bytes is what 5.0 measures on a 64-bit JVM
    a.add("-Dcassandra.memtable.row_overhead_size=180");
    // a schema change is made durable by the commit log like any write; without this every
    // CREATE TABLE also flushes the schema tables to disk (about a second each on a laptop)
    a.add("-Dcassandra.test.flush_local_schema_changes=false");
    a.add("-Dlogback.configurationFile=" + logback.toAbsolutePath());
    for (String p :
        List.of("jdk.internal.misc", "jdk.internal.ref", "sun.nio.ch", "java.lang.ref")) {
      a.add("--add-exports=java.base/" + p + "=ALL-UNNAMED");
    }
    for (String p :
        List.of(
            "java.management.rmi/com.sun.jmx.remote.internal.rmi",
            "java.rmi/sun.rmi.registry",
            "java.rmi/sun.rmi.server",
            "java.sql/java.sql",
            "jdk.unsupported/sun.misc")) {
      a.add("--add-exports=" + p + "=ALL-UNNAMED");
    }
    for (String p :
        List.of(
            "java.lang.module",
            "jdk.internal.loader",
            "jdk.internal.ref",
            "jdk.internal.reflect",
            "jdk.internal.math",
            "jdk.internal.module",
            "jdk.internal.util.jar",
            "sun.nio.ch",
            "java.io",
            "java.nio",
            "java.util.concurrent",
            "java.util",
            "java.util.concurrent.atomic",
            "java.lang",
            "java.math",
            "java.lang.reflect",
            "java.net")) {
      a.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    a.add("--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");
    return a;
  }

  /** {@code 64m}, or the heap itself when it is smaller. */
  static String initialHeap(String heap) {
    return bytes(heap) < bytes(INITIAL_HEAP) ? heap : INITIAL_HEAP;
  }

  private static long bytes(String size) {
    String s = size.trim().toLowerCase(java.util.Locale.ROOT);
    char unit = s.charAt(s.length() - 1);
    long factor =
        switch (unit) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          case 't' -> 1L << 40;
          default -> 1L;
        };
    String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
    return Long.parseLong(digits) * factor;
  }

  private CassandraNode launch() throws InterruptedException {
    support.prepare(
        COMPONENT,
        "other ports (cassandra.local.port, cassandra.local.storage-port)",
        settings.nativePort(),
        settings.storagePort());
    List<Path> classpath = RuntimeClasspath.load(RUNTIME);
    Path logback = layout.confDir(COMPONENT).resolve("logback.xml");
    LauncherSupport.writeResource(logback, LOGBACK_RESOURCE);
    LauncherSupport.write(yamlFile(), render(yaml(dataDir(), settings)));
    JavaProcess spec =
        JavaProcess.builder(COMPONENT, MAIN_CLASS)
            .classpath(classpath)
            .jvmArgs(jvmArgs(settings, yamlFile(), dataDir(), logback))
            .build();
    LOG.info(
        "starting Cassandra on {} (storage port {}, heap {}), data {}, log {}",
        settings.contactPoint(),
        settings.storagePort(),
        settings.heap(),
        dataDir(),
        layout.logFile(COMPONENT));
    LauncherSupport.Started<String> started = support.start(spec, NAME, readiness());
    LOG.info(
        "Cassandra {} ready on {} after {} ms (pid {})",
        started.answer(),
        settings.contactPoint(),
        started.millis(),
        started.process().pid());
    return new CassandraNode(started.process(), settings, started.answer(), false);
  }

  private CassandraNode attach(ManagedProcess running) throws InterruptedException {
    String expected = "native_transport_port: " + settings.nativePort();
    LauncherSupport.requireStartedWith(
        running,
        yamlFile(),
        expected,
        "a Cassandra node",
        "with another native port than configured (" + expected + ")");
    LOG.info(
        "Cassandra already running on {} (pid {}); using it",
        settings.contactPoint(),
        running.pid());
    String version = support.awaitReady(readiness(), Map.of(NAME, running));
    return new CassandraNode(running, settings, version, true);
  }

  /** Ready once the node answers a CQL query: its {@code release_version}. */
  private LauncherSupport.Readiness<String> readiness() {
    return new LauncherSupport.Readiness<>(
        settings.nativePort(),
        settings.startTimeout(),
        "native port not open yet",
        NAME + " on " + settings.contactPoint() + " did not answer CQL",
        () -> {
          try {
            return LauncherSupport.Attempt.ready(
                CqlProbe.releaseVersion(Ports.LOOPBACK, settings.nativePort(), PROBE_TIMEOUT));
          } catch (IOException e) {
            return LauncherSupport.Attempt.notYet(e.toString());
          }
        });
  }

  /** Whether the node of these settings answers CQL now (for {@code playstream status}). */
  public boolean isAnswering() {
    try {
      CqlProbe.releaseVersion(Ports.LOOPBACK, settings.nativePort(), PROBE_TIMEOUT);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
