package io.playstream.infra;

import io.playstream.infra.flink.FlinkRestClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A running local Flink cluster, as returned by {@link FlinkLauncher#start()}: one JobManager and
 * one TaskManager process, either started just now or found running from an earlier start ({@link
 * #reused()}). Jobs are submitted through {@link #rest()}.
 */
public final class FlinkCluster {
  private final FlinkLauncher launcher;
  private final ManagedProcess jobManager;
  private ManagedProcess taskManager;
  private final boolean reused;
  private final long readyMillis;

  FlinkCluster(
      FlinkLauncher launcher,
      ManagedProcess jobManager,
      ManagedProcess taskManager,
      boolean reused,
      long readyMillis) {
    this.launcher = launcher;
    this.jobManager = jobManager;
    this.taskManager = taskManager;
    this.reused = reused;
    this.readyMillis = readyMillis;
  }

  /** {@code http://127.0.0.1:<rest port>}: REST API and web UI. */
  public URI restUrl() {
    return launcher.restUrl();
  }

  /** A REST client of this cluster. */
  public FlinkRestClient rest() {
    return new FlinkRestClient(restUrl());
  }

  /** The cluster overview (TaskManagers, slots, job counts) from the REST API. */
  public FlinkRestClient.ClusterOverview status() {
    return rest().overview();
  }

  /** {@code execution.checkpointing.dir}. */
  public String checkpointDir() {
    return launcher.settings().checkpointDir();
  }

  /** {@code execution.checkpointing.savepoint-dir}. */
  public String savepointDir() {
    return launcher.settings().savepointDir();
  }

  /** True when the cluster was already running (from an earlier start) and was not started now. */
  public boolean reused() {
    return reused;
  }

  /** Milliseconds from {@link FlinkLauncher#start()} until the cluster was ready. */
  public long readyMillis() {
    return readyMillis;
  }

  /** The JobManager's process id. */
  public long jobManagerPid() {
    return jobManager.pid();
  }

  /** The TaskManager's process id, if one runs. */
  public synchronized OptionalLong taskManagerPid() {
    return taskManager != null && taskManager.isAlive()
        ? OptionalLong.of(taskManager.pid())
        : OptionalLong.empty();
  }

  /** Whether the JobManager process runs. */
  public boolean isAlive() {
    return jobManager.isAlive();
  }

  /** Whether the TaskManager process runs. */
  public synchronized boolean isTaskManagerAlive() {
    return taskManager != null && taskManager.isAlive();
  }

  /** The JobManager's log file. */
  public Path jobManagerLog() {
    return jobManager.logFile();
  }

  /** The TaskManager's log file. */
  public Path taskManagerLog() {
    return launcher.supervisor().layout().logFile(FlinkLauncher.TASKMANAGER);
  }

  /** The JobManager process. */
  public ManagedProcess jobManager() {
    return jobManager;
  }

  /** The TaskManager process, if one was started or found. */
  public synchronized Optional<ManagedProcess> taskManager() {
    return Optional.ofNullable(taskManager);
  }

  /**
   * Kills the TaskManager at once (SIGKILL), as a crash would. Its jobs fail over once the
   * JobManager notices (heartbeat timeout) and wait for slots; {@link #startTaskManager()} brings
   * slots back.
   */
  public synchronized void killTaskManager() {
    if (taskManager != null && taskManager.isAlive()) {
      taskManager.kill();
    }
  }

  /** Stops the TaskManager cleanly (SIGTERM). */
  public synchronized boolean stopTaskManager() {
    return taskManager == null || taskManager.stop(launcher.settings().stopTimeout());
  }

  /** Starts a TaskManager again (no-op while one runs) and waits until it is registered. */
  public synchronized void startTaskManager() throws InterruptedException {
    if (taskManager == null || !taskManager.isAlive()) {
      taskManager = launcher.startTaskManager(jobManager);
    }
  }

  /**
   * Stops the cluster: TaskManager, then JobManager (SIGTERM, SIGKILL after the stop timeout).
   * Running jobs end with it; take savepoints first to keep their state.
   *
   * @return true when both shut down within the timeout
   */
  public synchronized boolean stop() {
    boolean ok = stopTaskManager();
    return jobManager.stop(launcher.settings().stopTimeout()) && ok;
  }

  @Override
  public String toString() {
    return "Flink cluster at "
        + restUrl()
        + " (JobManager "
        + jobManager
        + ", TaskManager "
        + taskManager
        + ")";
  }
}
