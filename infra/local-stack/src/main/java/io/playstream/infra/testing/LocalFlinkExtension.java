package io.playstream.infra.testing;

import io.playstream.infra.FlinkCluster;
import io.playstream.infra.FlinkLauncher;
import io.playstream.infra.StateLayout;
import io.playstream.infra.flink.FlinkRestClient;
import java.net.URI;
import java.util.Map;

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
public final class LocalFlinkExtension
    extends SharedComponentExtension<FlinkLauncher, FlinkCluster> {
  /** Process memory of the test JobManager. */
  public static final String TEST_JOBMANAGER_MEMORY = "768m";

  /** Process memory of the test TaskManager. */
  public static final String TEST_TASKMANAGER_MEMORY = "1280m";

  /** Task slots of the test TaskManager. */
  public static final int TEST_SLOTS = 4;

  private static final LocalFlinkExtension SHARED = new LocalFlinkExtension();

  /** Config for tests: quick metrics and quick failure detection. */
  private static final Map<String, String> TEST_CONFIG =
      Map.of(
          "metrics.fetcher.update-interval", "1000",
          "heartbeat.interval", "2000",
          "heartbeat.timeout", "20000");

  private LocalFlinkExtension() {
    super(
        "Flink cluster", "flink", FlinkLauncher::start, FlinkCluster::isAlive, FlinkCluster::stop);
  }

  /** The one cluster of this test JVM. */
  public static LocalFlinkExtension shared() {
    return SHARED;
  }

  /** {@code http://127.0.0.1:<port>}: the cluster's REST API and web UI. */
  public URI restUrl() {
    return launcher().restUrl();
  }

  /** A REST client of the cluster. */
  public FlinkRestClient rest() {
    return new FlinkRestClient(restUrl());
  }

  /** The running cluster (pids, logs, TaskManager kill and restart). */
  public FlinkCluster cluster() {
    return component();
  }

  /**
   * The launcher (for tests of the launcher itself: a second {@code start()} reuses the cluster).
   */
  @Override
  public FlinkLauncher launcher() {
    return super.launcher();
  }

  /** {@code execution.checkpointing.savepoint-dir} of the cluster (a {@code file:} URI). */
  public String savepointDir() {
    return launcher().settings().savepointDir();
  }

  /** Kills the TaskManager (SIGKILL), as a crash would; the JobManager keeps running. */
  public synchronized void killTaskManager() {
    cluster().killTaskManager();
  }

  /** Starts a TaskManager again and waits until it is registered; a no-op while one runs. */
  public synchronized void startTaskManager() throws InterruptedException {
    cluster().startTaskManager();
  }

  @Override
  FlinkLauncher newLauncher(StateLayout layout) {
    return new FlinkLauncher(
        layout,
        FlinkLauncher.Settings.onFreePorts(
                layout, TEST_SLOTS, TEST_JOBMANAGER_MEMORY, TEST_TASKMANAGER_MEMORY)
            .withExtraConfig(TEST_CONFIG));
  }

  /** Also brings back a TaskManager a test killed (a no-op when one runs). */
  @Override
  synchronized void ensureRunning() throws InterruptedException {
    startComponent();
    cluster().startTaskManager();
  }

  /** Stops the TaskManager even when the JobManager is gone. */
  @Override
  synchronized void stopAtEnd() {
    FlinkCluster cluster = componentOrNull();
    if (cluster != null) {
      cluster.stop();
    }
  }
}
