package io.playstream.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.flink.FlinkRestException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real standalone Flink session cluster, one JobManager and one TaskManager, each its own
 * JVM, from the classpath shipped by {@code infra/flink-cluster-runtime} ({@code flink-dist} is not
 * on Maven Central, so the cluster is assembled from the separate Flink jars).
 *
 * <p>{@link #start()} does what Flink's shell scripts would:
 *
 * <ol>
 *   <li>writes {@code conf/flink/config.yaml} ({@link #configValues}) and {@code
 *       conf/flink/log4j.properties};
 *   <li>asks {@code BashJavaUtils} for each process's JVM memory flags and dynamic properties,
 *       derived from {@code jobmanager.memory.process.size} / {@code
 *       taskmanager.memory.process.size} ({@link #parseResourceParams});
 *   <li>starts {@code StandaloneSessionClusterEntrypoint} (pid file {@code flink-jobmanager}) and
 *       {@code TaskManagerRunner} ({@code flink-taskmanager}) with the Java 17 flags Flink needs;
 *       logs go to {@code logs/flink-jobmanager.log} and {@code logs/flink-taskmanager.log} (also
 *       shown in the web UI);
 *   <li>waits until the REST API answers and a TaskManager with its slots is registered.
 * </ol>
 *
 * <p>A JobManager that an earlier start left running for the same state folder is reused (and a
 * missing TaskManager started next to it) instead of starting a second cluster.
 */
public final class FlinkLauncher {
  /** Component of the shared folders: {@code conf/flink/}, {@code data/flink/}. */
  public static final String COMPONENT = "flink";

  /** Component (pid file, log) of the JobManager process. */
  public static final String JOBMANAGER = "flink-jobmanager";

  /** Component (pid file, log) of the TaskManager process. */
  public static final String TASKMANAGER = "flink-taskmanager";

  /** The JobManager's main class (a session cluster). */
  public static final String JOBMANAGER_MAIN_CLASS =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";

  /** The TaskManager's main class. */
  public static final String TASKMANAGER_MAIN_CLASS =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

  /** Computes the memory flags, as Flink's scripts do. */
  public static final String BASH_JAVA_UTILS_MAIN_CLASS =
      "org.apache.flink.runtime.util.bash.BashJavaUtils";

  /** Prefix of the result lines {@code BashJavaUtils} prints. */
  public static final String EXEC_RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

  /** Name of the runtime classpath resource ({@code playstream-runtime/flink.classpath}). */
  public static final String RUNTIME = "flink";

  /** The cluster's log4j2 config, shipped by {@code infra/flink-cluster-runtime}. */
  public static final String LOG4J_RESOURCE = "flink-log4j2.properties";

  /** JobManager RPC port of {@link Settings#from} (Flink's own default). */
  public static final int DEFAULT_RPC_PORT = 6123;

  /** How long {@link Settings#from} waits for the cluster: a busy 2-core box is slow. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

  /** Grace period after SIGTERM before a cluster process is killed. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(FlinkLauncher.class);
  private static final int LOG_TAIL_LINES = 30;
  private static final Duration RESOURCE_PARAMS_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * JVM flags Flink needs on Java 17 (its scripts pass them through {@code env.java.opts.all}),
   * beyond {@link JvmFlags#java17Opens()}.
   */
  private static final List<String> EXTRA_JAVA17_FLAGS =
      List.of(
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED");

  /**
   * What the launcher starts.
   *
   * @param restPort REST API and web UI port of the JobManager
   * @param rpcPort JobManager RPC port (the TaskManager finds the JobManager through it)
   * @param blobPort JobManager blob server port; 0 for any free port
   * @param taskManagerRpcPort TaskManager RPC port; 0 for any free port
   * @param dataPort TaskManager data (shuffle) port; 0 for any free port
   * @param taskSlots task slots of the TaskManager
   * @param jobManagerMemory {@code jobmanager.memory.process.size}, e.g. {@code 1g}
   * @param taskManagerMemory {@code taskmanager.memory.process.size}, e.g. {@code 3g}
   * @param checkpointDir {@code execution.checkpointing.dir} (a file: or s3: URI)
   * @param savepointDir {@code execution.checkpointing.savepoint-dir}
   * @param startTimeout how long to wait for the cluster to be ready
   * @param stopTimeout grace period after SIGTERM
   * @param extraConfig Flink config keys added to (or replacing) the generated ones
   */
  public record Settings(
      int restPort,
      int rpcPort,
      int blobPort,
      int taskManagerRpcPort,
      int dataPort,
      int taskSlots,
      String jobManagerMemory,
      String taskManagerMemory,
      String checkpointDir,
      String savepointDir,
      Duration startTimeout,
      Duration stopTimeout,
      Map<String, String> extraConfig) {
    public Settings {
      if (restPort <= 0 || rpcPort <= 0) {
        throw new IllegalArgumentException("REST and RPC ports must be fixed: " + restPort);
      }
      List<Integer> fixed = new ArrayList<>();
      for (int p : List.of(restPort, rpcPort, blobPort, taskManagerRpcPort, dataPort)) {
        if (p < 0 || p > 65535) {
          throw new IllegalArgumentException("not a port: " + p);
        }
        if (p != 0 && fixed.contains(p)) {
          throw new IllegalArgumentException(
              "the Flink ports must differ; " + p + " is used twice");
        }
        fixed.add(p);
      }
      if (taskSlots < 1) {
        throw new IllegalArgumentException("task slots must be at least 1: " + taskSlots);
      }
      Objects.requireNonNull(jobManagerMemory, "jobManagerMemory");
      Objects.requireNonNull(taskManagerMemory, "taskManagerMemory");
      Objects.requireNonNull(checkpointDir, "checkpointDir");
      Objects.requireNonNull(savepointDir, "savepointDir");
      Objects.requireNonNull(startTimeout, "startTimeout");
      Objects.requireNonNull(stopTimeout, "stopTimeout");
      extraConfig = Map.copyOf(extraConfig);
    }

    /**
     * The settings the platform config asks for: {@code flink.local.*} and {@code
     * flink.checkpoint-dir}; savepoints go next to the checkpoints ({@link #savepointDirFor}).
     */
    public static Settings from(PlatformConfig config) {
      String checkpoints = config.get(PlatformOptions.FLINK_CHECKPOINT_DIR);
      return new Settings(
          config.get(PlatformOptions.FLINK_LOCAL_REST_PORT),
          DEFAULT_RPC_PORT,
          0,
          0,
          0,
          config.get(PlatformOptions.FLINK_LOCAL_TASK_SLOTS),
          config.get(PlatformOptions.FLINK_LOCAL_JOBMANAGER_MEMORY),
          config.get(PlatformOptions.FLINK_LOCAL_TASKMANAGER_MEMORY),
          checkpoints,
          savepointDirFor(checkpoints),
          DEFAULT_START_TIMEOUT,
          DEFAULT_STOP_TIMEOUT,
          Map.of());
    }

    /**
     * Settings for tests: every port free on 127.0.0.1 right now, checkpoints and savepoints under
     * {@code data/flink/} of {@code layout}, a 2-minute start timeout.
     */
    public static Settings onFreePorts(
        StateLayout layout, int taskSlots, String jobManagerMemory, String taskManagerMemory) {
      List<Integer> ports = Ports.freePorts(5);
      String checkpoints = layout.dataDir(COMPONENT).resolve("checkpoints").toUri().toString();
      return new Settings(
          ports.get(0),
          ports.get(1),
          ports.get(2),
          ports.get(3),
          ports.get(4),
          taskSlots,
          jobManagerMemory,
          taskManagerMemory,
          checkpoints,
          savepointDirFor(checkpoints),
          DEFAULT_START_TIMEOUT,
          Duration.ofSeconds(20),
          Map.of());
    }

    /** The same settings with other Flink config keys added. */
    public Settings withExtraConfig(Map<String, String> config) {
      Map<String, String> merged = new LinkedHashMap<>(extraConfig);
      merged.putAll(config);
      return new Settings(
          restPort,
          rpcPort,
          blobPort,
          taskManagerRpcPort,
          dataPort,
          taskSlots,
          jobManagerMemory,
          taskManagerMemory,
          checkpointDir,
          savepointDir,
          startTimeout,
          stopTimeout,
          merged);
    }

    /** {@code http://127.0.0.1:<restPort>}. */
    public URI restUrl() {
      return URI.create("http://" + Ports.LOOPBACK + ":" + restPort);
    }

    /**
     * The savepoint folder next to a checkpoint folder: {@code .../checkpoints} becomes {@code
     * .../savepoints}; any other folder gets a {@code savepoints} child.
     */
    public static String savepointDirFor(String checkpointDir) {
      String trimmed =
          checkpointDir.endsWith("/")
              ? checkpointDir.substring(0, checkpointDir.length() - 1)
              : checkpointDir;
      if (trimmed.endsWith("/checkpoints")) {
        return trimmed.substring(0, trimmed.length() - "checkpoints".length()) + "savepoints";
      }
      return trimmed + "/savepoints";
    }
  }

  /**
   * What {@code BashJavaUtils} computed for one process.
   *
   * @param jvmArgs memory flags such as {@code -Xmx...}, {@code -XX:MaxMetaspaceSize=...}
   * @param dynamicProperties program arguments {@code -D key=value ...}, to append
   */
  public record ResourceParams(List<String> jvmArgs, List<String> dynamicProperties) {
    public ResourceParams {
      jvmArgs = List.copyOf(jvmArgs);
      dynamicProperties = List.copyOf(dynamicProperties);
    }
  }

  private final StateLayout layout;
  private final Settings settings;
  private final LauncherSupport support;

  /** A launcher for the cluster of one state folder. */
  public FlinkLauncher(StateLayout layout, Settings settings) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.support = new LauncherSupport(layout, LOG, LOG_TAIL_LINES, POLL);
  }

  /** A launcher configured by the platform config (its state folder and flink.* options). */
  public static FlinkLauncher of(PlatformConfig config) {
    return new FlinkLauncher(config.stateLayout(), Settings.from(config));
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** {@code http://127.0.0.1:<restPort>}. */
  public URI restUrl() {
    return settings.restUrl();
  }

  /** The generated {@code config.yaml}. */
  public Path configFile() {
    return confDir().resolve("config.yaml");
  }

  /** The folder of {@code config.yaml} and {@code log4j.properties} ({@code --configDir}). */
  public Path confDir() {
    return layout.confDir(COMPONENT);
  }

  /** The cluster's data folder: uploaded jars, temp files, local checkpoints and savepoints. */
  public Path dataDir() {
    return layout.dataDir(COMPONENT);
  }

  /**
   * Starts the cluster, or reports the one still running from an earlier start (starting its
   * TaskManager if that is gone), and waits until a TaskManager is registered.
   *
   * @throws IllegalStateException when a port is taken by something else, or a process dies or the
   *     cluster is not ready within the start timeout (the message carries the end of its log)
   */
  public FlinkCluster start() throws InterruptedException {
    long t0 = System.nanoTime();
    return support.startOrAttach(JOBMANAGER, jm -> attach(jm, t0), () -> launch(t0));
  }

  private FlinkCluster launch(long t0) throws InterruptedException {
    // a TaskManager without its JobManager is of no use: it would only retry connecting
    support.stop(TASKMANAGER, settings.stopTimeout());
    checkPortsFree();
    prepare();
    List<Path> classpath = RuntimeClasspath.load(RUNTIME);
    CompletableFuture<ResourceParams> tmParams =
        CompletableFuture.supplyAsync(() -> resourceParams(classpath, TASKMANAGER));
    ResourceParams jmParams = resourceParams(classpath, JOBMANAGER);
    ResourceParams tm = join(tmParams);
    LOG.info(
        "starting Flink cluster: REST {}, JobManager {} ({}), TaskManager {} ({}, {} slots), conf {}",
        restUrl(),
        settings.jobManagerMemory(),
        String.join(" ", jmParams.jvmArgs()),
        settings.taskManagerMemory(),
        String.join(" ", tm.jvmArgs()),
        settings.taskSlots(),
        configFile());
    ManagedProcess jm =
        support.supervisor().start(spec(JOBMANAGER, JOBMANAGER_MAIN_CLASS, classpath, jmParams));
    ManagedProcess tmProcess;
    try {
      // started at once: the TaskManager retries until the JobManager's RPC port answers
      tmProcess =
          support.supervisor().start(spec(TASKMANAGER, TASKMANAGER_MAIN_CLASS, classpath, tm));
    } catch (RuntimeException e) {
      jm.kill();
      throw e;
    }
    try {
      awaitReady(jm, tmProcess);
    } catch (IllegalStateException | InterruptedException e) {
      tmProcess.kill();
      jm.kill();
      throw e;
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    LOG.info(
        "Flink cluster ready at {} after {} ms (JobManager pid {}, TaskManager pid {})",
        restUrl(),
        ms,
        jm.pid(),
        tmProcess.pid());
    return new FlinkCluster(this, jm, tmProcess, false, ms);
  }

  /** The cluster left running by an earlier start, if its JobManager runs (no readiness check). */
  public Optional<FlinkCluster> findRunning() {
    return support
        .find(JOBMANAGER)
        .map(jm -> new FlinkCluster(this, jm, support.find(TASKMANAGER).orElse(null), true, 0));
  }

  /**
   * Stops the cluster of this state folder, whichever JVM started it (for {@code playstream down}):
   * the TaskManager first, then the JobManager. Running jobs end with the cluster (no savepoint).
   *
   * @return true when a cluster process was found and stopped
   */
  public boolean stopRunning() {
    boolean tm = support.stop(TASKMANAGER, settings.stopTimeout());
    boolean jm = support.stop(JOBMANAGER, settings.stopTimeout());
    return tm || jm;
  }

  /**
   * Starts a TaskManager for the running JobManager (after {@link FlinkCluster#killTaskManager()},
   * or when an earlier one died) and waits until it is registered.
   */
  ManagedProcess startTaskManager(ManagedProcess jobManager) throws InterruptedException {
    Optional<ManagedProcess> running = support.find(TASKMANAGER);
    if (running.isPresent()) {
      return running.get();
    }
    List<Path> classpath = RuntimeClasspath.load(RUNTIME);
    ManagedProcess tm =
        support
            .supervisor()
            .start(
                spec(
                    TASKMANAGER,
                    TASKMANAGER_MAIN_CLASS,
                    classpath,
                    resourceParams(classpath, TASKMANAGER)));
    try {
      awaitReady(jobManager, tm);
    } catch (IllegalStateException | InterruptedException e) {
      tm.kill();
      throw e;
    }
    return tm;
  }

  ProcessSupervisor supervisor() {
    return support.supervisor();
  }

  // ------------------------------------------------------------------ config.yaml

  /**
   * The Flink configuration of the cluster, flat keys in the order written: addresses and ports on
   * 127.0.0.1, memory, slots, RocksDB state with incremental checkpoints, checkpoint and savepoint
   * folders, checkpoints retained on cancellation, upload and temp folders; then {@code
   * extraConfig} on top.
   */
  public static Map<String, Object> configValues(StateLayout layout, Settings settings) {
    String host = Ports.LOOPBACK;
    Path data = layout.dataDir(COMPONENT);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("jobmanager.rpc.address", host);
    c.put("jobmanager.rpc.port", settings.rpcPort());
    c.put("jobmanager.bind-host", host);
    c.put("jobmanager.memory.process.size", settings.jobManagerMemory());
    c.put("taskmanager.host", host);
    c.put("taskmanager.bind-host", host);
    c.put("taskmanager.rpc.port", settings.taskManagerRpcPort());
    c.put("taskmanager.data.port", settings.dataPort());
    c.put("taskmanager.numberOfTaskSlots", settings.taskSlots());
    c.put("taskmanager.memory.process.size", settings.taskManagerMemory());
    c.put("parallelism.default", 1);
    c.put("rest.address", host);
    c.put("rest.bind-address", host);
    c.put("rest.port", settings.restPort());
    c.put("blob.server.port", Integer.toString(settings.blobPort()));
    c.put("state.backend.type", "rocksdb");
    c.put("execution.checkpointing.incremental", true);
    c.put("execution.checkpointing.dir", settings.checkpointDir());
    c.put("execution.checkpointing.savepoint-dir", settings.savepointDir());
    // a cancelled job leaves its last checkpoint, so it can still be resubmitted from it
    c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    c.put("web.upload.dir", data.resolve("uploads").toString());
    c.put("web.tmpdir", data.resolve("web").toString());
    c.put("io.tmp.dirs", data.resolve("tmp").toString());
    c.putAll(settings.extraConfig());
    return c;
  }

  /**
   * Renders flat Flink keys as the nested YAML Flink 2 reads ({@code rest: {port: 8081}}). A key
   * that cannot nest because another key is its prefix (say {@code a.b} and {@code a.b.c}) is
   * written flat at the top level, which Flink reads the same way.
   */
  public static String renderYaml(Map<String, Object> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      if (!insertNested(root, e.getKey(), e.getValue())) {
        root.put(e.getKey(), e.getValue());
      }
    }
    YAMLMapper yaml =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    try {
      return "# Generated by Playstream's FlinkLauncher on every start; edits are overwritten.\n"
          + "# Add keys through FlinkLauncher.Settings#withExtraConfig.\n"
          + yaml.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the Flink config", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean insertNested(Map<String, Object> root, String key, Object value) {
    String[] parts = key.split("\\.");
    Map<String, Object> node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      if (child == null) {
        Map<String, Object> created = new LinkedHashMap<>();
        node.put(parts[i], created);
        node = created;
      } else if (child instanceof Map) {
        node = (Map<String, Object>) child;
      } else {
        return false;
      }
    }
    String leaf = parts[parts.length - 1];
    if (node.containsKey(leaf)) {
      return false;
    }
    node.put(leaf, value);
    return true;
  }

  // ------------------------------------------------------------------ BashJavaUtils

  /**
   * Parses the output of {@code BashJavaUtils GET_JM_RESOURCE_PARAMS} or {@code
   * GET_TM_RESOURCE_PARAMS}: among log lines, two lines start with {@value #EXEC_RESULT_PREFIX};
   * the first holds the JVM flags, the second the {@code -D key=value} dynamic properties.
   *
   * @throws IllegalStateException when the output does not hold exactly two result lines
   */
  public static ResourceParams parseResourceParams(String output) {
    List<String> results = new ArrayList<>();
    for (String line : output.split("\\R")) {
      int at = line.indexOf(EXEC_RESULT_PREFIX);
      if (at >= 0) {
        results.add(line.substring(at + EXEC_RESULT_PREFIX.length()).trim());
      }
    }
    if (results.size() != 2) {
      throw new IllegalStateException(
          "expected 2 lines starting with "
              + EXEC_RESULT_PREFIX
              + " from BashJavaUtils, found "
              + results.size()
              + "; its output:\n"
              + output);
    }
    return new ResourceParams(words(results.get(0)), words(results.get(1)));
  }

  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    for (String w : line.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private ResourceParams resourceParams(List<Path> classpath, String component) {
    String command =
        JOBMANAGER.equals(component) ? "GET_JM_RESOURCE_PARAMS" : "GET_TM_RESOURCE_PARAMS";
    List<String> cmd = new ArrayList<>();
    cmd.add(JavaProcess.javaExecutable().toString());
    cmd.add("-Xmx128m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Dlog4j2.configurationFile=" + log4jFile().toUri());
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    cmd.add(BASH_JAVA_UTILS_MAIN_CLASS);
    cmd.add(command);
    cmd.add("--configDir");
    cmd.add(confDir().toString());
    Path log = layout.logFile(component);
    try {
      Process p =
          new ProcessBuilder(cmd).directory(dataDir().toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      if (!p.waitFor(RESOURCE_PARAMS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "BashJavaUtils "
                + command
                + " took over "
                + RESOURCE_PARAMS_TIMEOUT.toSeconds()
                + " s");
      }
      String output = join(out);
      Files.writeString(
          log,
          "---- " + Instant.now() + " BashJavaUtils " + command + " (memory flags)\n" + output,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "BashJavaUtils " + command + " failed (exit code " + p.exitValue() + "):\n" + output);
      }
      return parseResourceParams(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run BashJavaUtils", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing Flink memory flags", e);
    }
  }

  // ------------------------------------------------------------------ processes

  private JavaProcess spec(
      String component, String mainClass, List<Path> classpath, ResourceParams params) {
    List<String> jvm = new ArrayList<>(JvmFlags.java17Opens());
    jvm.addAll(EXTRA_JAVA17_FLAGS);
    jvm.addAll(params.jvmArgs());
    // log.file: the web UI's log tabs read it; the console appender writes the same file
    jvm.add("-Dlog.file=" + layout.logFile(component));
    jvm.add("-Dlog4j2.configurationFile=" + log4jFile().toUri());
    List<String> args = new ArrayList<>(List.of("--configDir", confDir().toString()));
    args.addAll(params.dynamicProperties());
    return JavaProcess.builder(component, mainClass)
        .classpath(classpath)
        .jvmArgs(jvm)
        .args(args)
        .env("FLINK_CONF_DIR", confDir().toString())
        .env("FLINK_PLUGINS_DIR", dataDir().resolve("plugins").toString())
        .workingDir(dataDir())
        .build();
  }

  private void prepare() {
    layout.prepare(COMPONENT);
    try {
      for (String d : List.of("uploads", "web", "tmp", "plugins")) {
        Files.createDirectories(dataDir().resolve(d));
      }
      for (String dir : List.of(settings.checkpointDir(), settings.savepointDir())) {
        if (dir.startsWith("file:")) {
          Files.createDirectories(Path.of(URI.create(dir)));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot create the Flink folders under " + dataDir(), e);
    }
    LauncherSupport.write(configFile(), renderYaml(configValues(layout, settings)));
    LauncherSupport.writeResource(log4jFile(), LOG4J_RESOURCE);
  }

  private Path log4jFile() {
    return confDir().resolve("log4j.properties");
  }

  private void checkPortsFree() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("flink.local.rest-port", settings.restPort());
    ports.put("JobManager RPC", settings.rpcPort());
    ports.put("blob server", settings.blobPort());
    ports.put("TaskManager RPC", settings.taskManagerRpcPort());
    ports.put("TaskManager data", settings.dataPort());
    ports.forEach(
        (what, p) -> {
          if (p != 0) {
            support.requireFree(p, what, "other ports");
          }
        });
  }

  private FlinkCluster attach(ManagedProcess jobManager, long t0) throws InterruptedException {
    if (writtenRestPort() != settings.restPort()) {
      throw new IllegalStateException(
          LauncherSupport.startedOtherwise(
                  "a Flink JobManager",
                  jobManager,
                  "with another configuration than this one (REST port "
                      + settings.restPort()
                      + ")")
              + " (playstream down)");
    }
    Optional<ManagedProcess> tm = support.find(TASKMANAGER);
    ManagedProcess taskManager;
    if (tm.isPresent()) {
      LOG.info(
          "Flink cluster already running at {} (JobManager pid {}, TaskManager pid {}); using it",
          restUrl(),
          jobManager.pid(),
          tm.get().pid());
      taskManager = tm.get();
      awaitReady(jobManager, taskManager);
    } else {
      LOG.info(
          "Flink JobManager already running at {} (pid {}) without a TaskManager; starting one",
          restUrl(),
          jobManager.pid());
      taskManager = startTaskManager(jobManager);
    }
    return new FlinkCluster(
        this, jobManager, taskManager, true, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  /**
   * Waits until REST answers and a TaskManager with slots is registered; fails early on a death.
   */
  private void awaitReady(ManagedProcess jm, ManagedProcess tm) throws InterruptedException {
    FlinkRestClient rest = new FlinkRestClient(restUrl(), PROBE_TIMEOUT);
    Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    processes.put("the Flink JobManager", jm);
    processes.put("the Flink TaskManager", tm);
    support.awaitReady(
        new LauncherSupport.Readiness<Void>(
            settings.restPort(),
            settings.startTimeout(),
            "REST not answering yet",
            "the Flink cluster at " + restUrl() + " was not ready",
            () -> {
              try {
                FlinkRestClient.ClusterOverview o = rest.overview();
                return o.taskManagers() >= 1 && o.slotsTotal() >= 1
                    ? LauncherSupport.Attempt.ready(null)
                    : LauncherSupport.Attempt.notYet(
                        o.taskManagers() + " TaskManager(s), " + o.slotsTotal() + " slots");
              } catch (FlinkRestException e) {
                return LauncherSupport.Attempt.notYet(e.getMessage());
              }
            }),
        processes);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** {@code rest.port} of the config.yaml the running cluster was started with; -1 if unknown. */
  private int writtenRestPort() {
    Path file = configFile();
    if (!Files.isRegularFile(file)) {
      return -1;
    }
    try {
      JsonNode root = new YAMLMapper().readTree(file.toFile());
      JsonNode nested = root.path("rest").path("port");
      return nested.isMissingNode() ? root.path("rest.port").asInt(-1) : nested.asInt(-1);
    } catch (IOException e) {
      return -1;
    }
  }
}
