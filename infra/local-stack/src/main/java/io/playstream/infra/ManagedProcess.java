package io.playstream.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running component process: either a child this JVM started ({@link
 * ProcessSupervisor#start(JavaProcess)}) or one found through its pid file ({@link
 * ProcessSupervisor#find(String)}), started by an earlier JVM.
 *
 * <p>Stopping is the same in both cases: SIGTERM ({@link ProcessHandle#destroy()}), wait for the
 * grace period, then SIGKILL. Once the process has exited, its pid file is removed if it still
 * names this process.
 */
public final class ManagedProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final String component;
  private final ProcessHandle handle;
  private final Process child;
  private final Path pidFile;
  private final Path logFile;

  ManagedProcess(String component, ProcessHandle handle, Process child, StateLayout layout) {
    this.component = component;
    this.handle = handle;
    this.child = child;
    this.pidFile = layout.pidFile(component);
    this.logFile = layout.logFile(component);
  }

  /** The component name. */
  public String component() {
    return component;
  }

  /** The operating-system process id. */
  public long pid() {
    return handle.pid();
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return handle.isAlive();
  }

  /** True when this JVM started the process (then {@link #exitValue()} is known after exit). */
  public boolean isChild() {
    return child != null;
  }

  /** The log file the process's stdout and stderr are appended to. */
  public Path logFile() {
    return logFile;
  }

  /** The exit code, once a child process has exited; empty while running or for a non-child. */
  public OptionalInt exitValue() {
    if (child == null || child.isAlive()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(child.exitValue());
  }

  /** The last lines of the process's log. */
  public List<String> logTail(int lines) {
    return LogTail.lastLines(logFile, lines);
  }

  /**
   * Waits up to {@code timeout} for the process to exit.
   *
   * @return true when it has exited
   */
  public boolean waitForExit(Duration timeout) throws InterruptedException {
    if (child != null) {
      return child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    // not our child: the OS gives no exit notification, so poll (ProcessHandle.onExit polls too,
    // but with up to 5 s between looks)
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handle.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
    }
    return true;
  }

  /**
   * Stops the process: SIGTERM, wait up to {@code grace}, then SIGKILL. Removes the pid file.
   *
   * @return true when the process exited within the grace period, false when it had to be killed
   */
  public boolean stop(Duration grace) {
    if (!handle.isAlive()) {
      removePidFile();
      return true;
    }
    long start = System.nanoTime();
    LOG.info("stopping {} (pid {}), grace {} s", component, pid(), grace.toSeconds());
    handle.destroy();
    boolean graceful;
    try {
      graceful = waitForExit(grace);
      if (!graceful) {
        LOG.warn("{} (pid {}) still running after {}; killing it", component, pid(), grace);
        handle.destroyForcibly();
        waitForExit(KILL_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.destroyForcibly();
      graceful = false;
    }
    LOG.info(
        "{} (pid {}) {} after {} ms",
        component,
        pid(),
        graceful ? "stopped" : "killed",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    if (!handle.isAlive()) {
      removePidFile();
    }
    return graceful;
  }

  /** Kills the process at once (SIGKILL), waits for it to be gone and removes the pid file. */
  public void kill() {
    LOG.info("killing {} (pid {})", component, pid());
    handle.destroyForcibly();
    try {
      waitForExit(KILL_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!handle.isAlive()) {
      removePidFile();
    }
  }

  private void removePidFile() {
    try {
      if (ProcessSupervisor.readPid(pidFile) == pid()) {
        Files.deleteIfExists(pidFile);
      }
    } catch (IOException e) {
      LOG.warn("cannot remove pid file {}: {}", pidFile, e.toString());
    }
  }

  @Override
  public String toString() {
    return component + " (pid " + pid() + (isAlive() ? ", running)" : ", exited)");
  }
}
