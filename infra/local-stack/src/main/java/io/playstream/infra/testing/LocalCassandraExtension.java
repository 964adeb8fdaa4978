package io.playstream.infra.testing;

import io.playstream.infra.CassandraLauncher;
import io.playstream.infra.CassandraNode;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import java.net.InetSocketAddress;

/**
 * A real local Cassandra node (its own JVM, see {@link CassandraLauncher}) for integration tests,
 * started once per test JVM and shared by every test class that registers the extension:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();
 * }</pre>
 *
 * <p>The node binds free ports on 127.0.0.1, keeps its data in a temporary state folder and is
 * stopped, and its folder deleted, when the test run ends (through the root extension store, with a
 * JVM shutdown hook as a backstop). If a test stopped the node with {@link #stopNode()} and did not
 * start it again, the next test class or method gets it started before it runs.
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath ({@code local-stack} declares it {@code
 * provided}). Tests create their own keyspaces (or use the platform's schema) on the node.
 */
public final class LocalCassandraExtension
    extends SharedComponentExtension<CassandraLauncher, CassandraNode> {
  private static final LocalCassandraExtension SHARED = new LocalCassandraExtension();

  private LocalCassandraExtension() {
    super(
        "Cassandra node",
        "cassandra",
        CassandraLauncher::start,
        CassandraNode::isAlive,
        CassandraNode::stop);
  }

  /** The one node of this test JVM. */
  public static LocalCassandraExtension shared() {
    return SHARED;
  }

  /** The CQL endpoint ({@code 127.0.0.1:<free port>}) for the driver's contact points. */
  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(Ports.LOOPBACK, launcher().settings().nativePort());
  }

  /** {@code 127.0.0.1:<port>}, as the {@code cassandra.contact-points} option spells it. */
  public String contactPoints() {
    return launcher().contactPoint();
  }

  /** The datacenter the driver must name as local. */
  public String localDatacenter() {
    return CassandraLauncher.LOCAL_DATACENTER;
  }

  /** The node's process id. */
  public long nodePid() {
    return component().pid();
  }

  /** The node's {@code release_version}, as it answered the readiness query. */
  public String releaseVersion() {
    return component().releaseVersion();
  }

  /** Stops the node cleanly; its data and ports are kept for {@link #startNode()}. */
  public void stopNode() {
    stopComponent();
  }

  /** Starts the node again on the same data folder and ports; a no-op while it runs. */
  public void startNode() throws InterruptedException {
    startComponent();
  }

  /** Whether the node process is running. */
  public boolean isNodeAlive() {
    return isComponentAlive();
  }

  @Override
  CassandraLauncher newLauncher(StateLayout layout) {
    return new CassandraLauncher(layout, CassandraLauncher.Settings.forTest());
  }
}
