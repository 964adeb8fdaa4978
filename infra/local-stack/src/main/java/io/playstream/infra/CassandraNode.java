package io.playstream.infra;

import java.net.InetSocketAddress;

/**
 * A running local Cassandra node, as returned by {@link CassandraLauncher#start()}: either started
 * just now or found running from an earlier start ({@link #reused()}). On {@link #stop()} (SIGTERM)
 * it flushes memtables and closes; after {@link #kill()} the commit log replays on the next start.
 */
public final class CassandraNode extends ProcessComponent {
  private final CassandraLauncher.Settings settings;
  private final String releaseVersion;

  CassandraNode(
      ManagedProcess process,
      CassandraLauncher.Settings settings,
      String releaseVersion,
      boolean reused) {
    super(process, reused, settings.stopTimeout());
    this.settings = settings;
    this.releaseVersion = releaseVersion;
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

  @Override
  public String toString() {
    return "Cassandra node at " + settings.contactPoint() + " (" + process() + ")";
  }
}
