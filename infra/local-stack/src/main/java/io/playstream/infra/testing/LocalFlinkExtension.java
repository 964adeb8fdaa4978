package io.playstream.infra.testing;

import io.playstream.infra.FlinkCluster;
import io.playstream.infra.FlinkLauncher;
import io.playstream.infra.StateLayout;
import io.playstream.infra.flink.FlinkRestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real local Flink session cluster (JobManager and TaskManager, each its own JVM, see {@link
 * FlinkLauncher}) for integration tests, started once per test JVM and shared by every test class
 * that registers the extension:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalFlinkExtension FLINK = LocalFlinkExtension.shared();
 * }</pre>
 *
 * <p>The cluster binds free ports on 127.0.0.1 (REST, RPC, blob, TaskManager RPC and data), keeps
 * checkpoints, savepoints and uploads in a temporary state folder and is stopped, and its folder
 * deleted, when the test run ends (through the root extension store, with a JVM shutdown hook as a
 * backstop). Sized for a shared 2-core box: JobManager {@value #TEST_JOBMANAGER_MEMORY},
 * TaskManager {@value #TEST_TASKMANAGER_MEMORY} with {@value #TEST_SLOTS} slots. Operator metrics
 * are fetched every second (not every 10 s) and a killed TaskManager is noticed within seconds.
 *
 * <p>Tests share the cluster: cancel the jobs you submit. If a test killed the TaskManager with
 * {@link #killTaskManager()} and did not start it again, the next test class or method gets one
 * started before it runs.
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath ({@code local-stack} declares it {@code
 * provided}).
 */
public final class LocalFlinkExtension implements BeforeAllCallback, BeforeEachCallback {
  /** Process memory of the test JobManager. */
  public static final String TEST_JOBMANAGER_MEMORY = "768m";

  /** Process memory of the test TaskManager. */
  public static final String TEST_TASKMANAGER_MEMORY = "1280m";

  /** Task slots of the test TaskManager. */
  public static final int TEST_SLOTS = 4;

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkExtension.class);
  private static final LocalFlinkExtension SHARED = new LocalFlinkExtension();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalFlinkExtension.class);

  /** Config for tests: quick metrics and quick failure detection. */
  private static final Map<String, String> TEST_CONFIG =
      Map.of(
          "metrics.fetcher.update-interval", "1000",
          "heartbeat.interval", "2000",
          "heartbeat.timeout", "20000");

  private Path stateDir;
  private FlinkLauncher launcher;
  private FlinkCluster cluster;
  private boolean closed;

  private LocalFlinkExtension() {}

  /** The one cluster of this test JVM. */
  public static LocalFlinkExtension shared() {
    return SHARED;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ensureStarted(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    ensureStarted(context);
  }

  /** {@code http://127.0.0.1:<port>}: the cluster's REST API and web UI. */
  public synchronized URI restUrl() {
    requireLauncher();
    return launcher.restUrl();
  }

  /** A REST client of the cluster. */
  public FlinkRestClient rest() {
    return new FlinkRestClient(restUrl());
  }

  /** The running cluster (pids, logs, TaskManager kill and restart). */
  public synchronized FlinkCluster cluster() {
    requireLauncher();
    return cluster;
  }

  /**
   * The launcher (for tests of the launcher itself: a second {@code start()} reuses the cluster).
   */
  public synchronized FlinkLauncher launcher() {
    requireLauncher();
    return launcher;
  }

  /** The cluster's state folder (a temporary directory). */
  public synchronized StateLayout stateLayout() {
    requireLauncher();
    return new StateLayout(stateDir);
  }

  /** {@code execution.checkpointing.savepoint-dir} of the cluster (a {@code file:} URI). */
  public synchronized String savepointDir() {
    requireLauncher();
    return launcher.settings().savepointDir();
  }

  /** Kills the TaskManager (SIGKILL), as a crash would; the JobManager keeps running. */
  public synchronized void killTaskManager() {
    requireLauncher();
    cluster.killTaskManager();
  }

  /** Starts a TaskManager again and waits until it is registered; a no-op while one runs. */
  public synchronized void startTaskManager() throws InterruptedException {
    requireLauncher();
    cluster.startTaskManager();
  }

  private synchronized void ensureStarted(ExtensionContext context) throws Exception {
    if (closed) {
      throw new IllegalStateException("the shared Flink cluster was already shut down");
    }
    if (launcher == null) {
      stateDir = Files.createTempDirectory("playstream-flink-test-");
      StateLayout layout = new StateLayout(stateDir);
      launcher =
          new FlinkLauncher(
              layout,
              FlinkLauncher.Settings.onFreePorts(
                      layout, TEST_SLOTS, TEST_JOBMANAGER_MEMORY, TEST_TASKMANAGER_MEMORY)
                  .withExtraConfig(TEST_CONFIG));
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::shutdown, "playstream-flink-test-shutdown"));
      context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent("cluster", k -> (AutoCloseable) this::shutdown);
    }
    if (cluster == null || !cluster.isAlive()) {
      cluster = launcher.start();
    } else if (!cluster.isTaskManagerAlive()) {
      cluster.startTaskManager();
    }
  }

  private void requireLauncher() {
    if (launcher == null) {
      throw new IllegalStateException(
          "the Flink cluster is not started yet: register the extension with @RegisterExtension"
              + " on a static field");
    }
  }

  private synchronized void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    if (cluster != null) {
      cluster.stop();
    }
    deleteTree(stateDir);
    LOG.info("test Flink cluster stopped and {} deleted", stateDir);
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.toString());
    }
  }
}
