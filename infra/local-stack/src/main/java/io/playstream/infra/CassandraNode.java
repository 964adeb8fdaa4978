package io.playstream.infra;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A running local Cassandra node, as returned by {@link CassandraLauncher#start()}: either started
 * just now or found running from an earlier start ({@link #reused()}).
 */
public final class CassandraNode {
  private final ManagedProcess process;
  private final CassandraLauncher.Settings settings;
  private final String releaseVersion;
  private final boolean reused;

  CassandraNode(
      ManagedProcess process,
      CassandraLauncher.Settings settings,
      String releaseVersion,
      boolean reused) {
    this.process = process;
    this.settings = settings;
    this.releaseVersion = releaseVersion;
    this.reused = reused;
  }

  /** The CQL native endpoint, {@code 127.0.0.1:<port>}, for the driver's contact points. */
  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(Ports.LOOPBACK, settings.nativePort());
  }

  /** {@code 127.0.0.1:<port>}, as the {@code cassandra.contact-points} option spells it. */
  public String contactPoints() {
    return settings.contactPoint();
  }

  /** The CQL native port. */
  public int nativePort() {
    return settings.nativePort();
  }

  /** The datacenter the driver must name as local ({@code datacenter1}). */
  public String localDatacenter() {
    return CassandraLauncher.LOCAL_DATACENTER;
  }

  /**
   * The node's {@code release_version} as it answered the readiness query (such as {@code 5.0.4});
   * null for a node found by {@link CassandraLauncher#findRunning()} without a check.
   */
  public String releaseVersion() {
    return releaseVersion;
  }

  /** The node's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the node process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** True when the node was already running (from an earlier start) and was not started now. */
  public boolean reused() {
    return reused;
  }

  /** The node's log file. */
  public Path logFile() {
    return process.logFile();
  }

  /** The underlying process. */
  public ManagedProcess process() {
    return process;
  }

  /**
   * Stops the node cleanly (SIGTERM: it flushes memtables and closes; SIGKILL after the stop
   * timeout). Data stays; a later {@link CassandraLauncher#start()} continues from it.
   *
   * @return true when it shut down within the timeout
   */
  public boolean stop() {
    return process.stop(settings.stopTimeout());
  }

  /** Stops the node with the given grace period before SIGKILL. */
  public boolean stop(Duration grace) {
    return process.stop(grace);
  }

  /** Kills the node at once (SIGKILL), as a crash would; the commit log replays on next start. */
  public void kill() {
    process.kill();
  }

  @Override
  public String toString() {
    return "Cassandra node at " + settings.contactPoint() + " (" + process + ")";
  }
}
