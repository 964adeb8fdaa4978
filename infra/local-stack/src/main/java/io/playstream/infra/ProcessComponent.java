package io.playstream.infra;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the handles of a running one-process component share ({@link KafkaBroker}, {@link
 * ElasticsearchNode}, {@link CassandraNode}, {@link S3Server}): its process, whether an earlier
 * start left it running, and stopping it. Each handle adds the addresses of its component.
 */
public abstract class ProcessComponent {
  private final ManagedProcess process;
  private final boolean reused;
  private final Duration stopTimeout;

  ProcessComponent(ManagedProcess process, boolean reused, Duration stopTimeout) {
    this.process = process;
    this.reused = reused;
    this.stopTimeout = stopTimeout;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * True when the component was already running (from an earlier start) and was not started now.
   */
  public boolean reused() {
    return reused;
  }

  /** The process's log file. */
  public Path logFile() {
    return process.logFile();
  }

  /** The underlying process. */
  public ManagedProcess process() {
    return process;
  }

  /**
   * Stops the component cleanly (SIGTERM; SIGKILL after the launcher's stop timeout). Its data
   * stays; a later {@code start()} of its launcher continues from it.
   *
   * @return true when it shut down within the timeout
   */
  public boolean stop() {
    return process.stop(stopTimeout);
  }

  /** Stops the component with the given grace period before SIGKILL. */
  public boolean stop(Duration grace) {
    return process.stop(grace);
  }

  /** Kills the process at once (SIGKILL), as a crash would. */
  public void kill() {
    process.kill();
  }
}
