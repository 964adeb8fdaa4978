package io.playstream.infra.testing;

import io.playstream.infra.CassandraLauncher;
import io.playstream.infra.CassandraNode;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class LocalCassandraExtension implements BeforeAllCallback, BeforeEachCallback {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCassandraExtension.class);
  private static final LocalCassandraExtension SHARED = new LocalCassandraExtension();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalCassandraExtension.class);

  private Path stateDir;
  private CassandraLauncher launcher;
  private CassandraNode node;
  private boolean closed;

  private LocalCassandraExtension() {}

  /** The one node of this test JVM. */
  public static LocalCassandraExtension shared() {
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

  /** The CQL endpoint ({@code 127.0.0.1:<free port>}) for the driver's contact points. */
  public synchronized InetSocketAddress contactPoint() {
    requireLauncher();
    return new InetSocketAddress(Ports.LOOPBACK, launcher.settings().nativePort());
  }

  /** {@code 127.0.0.1:<port>}, as the {@code cassandra.contact-points} option spells it. */
  public synchronized String contactPoints() {
    requireLauncher();
    return launcher.contactPoint();
  }

  /** The datacenter the driver must name as local. */
  public String localDatacenter() {
    return CassandraLauncher.LOCAL_DATACENTER;
  }

  /** The node's state folder (a temporary directory). */
  public synchronized StateLayout stateLayout() {
    requireLauncher();
    return new StateLayout(stateDir);
  }

  /** The node's process id. */
  public synchronized long nodePid() {
    requireLauncher();
    return node.pid();
  }

  /** The node's {@code release_version}, as it answered the readiness query. */
  public synchronized String releaseVersion() {
    requireLauncher();
    return node.releaseVersion();
  }

  /** Stops the node cleanly; its data and ports are kept for {@link #startNode()}. */
  public synchronized void stopNode() {
    requireLauncher();
    if (node != null && node.isAlive()) {
      node.stop();
    }
  }

  /** Starts the node again on the same data folder and ports; a no-op while it runs. */
  public synchronized void startNode() throws InterruptedException {
    requireLauncher();
    if (node == null || !node.isAlive()) {
      node = launcher.start();
    }
  }

  /** Whether the node process is running. */
  public synchronized boolean isNodeAlive() {
    return node != null && node.isAlive();
  }

  private synchronized void ensureStarted(ExtensionContext context) throws Exception {
    if (closed) {
      throw new IllegalStateException("the shared Cassandra node was already shut down");
    }
    if (launcher == null) {
      stateDir = Files.createTempDirectory("playstream-cassandra-test-");
      launcher =
          new CassandraLauncher(new StateLayout(stateDir), CassandraLauncher.Settings.forTest());
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::shutdown, "playstream-cassandra-test-shutdown"));
      context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent("node", k -> (AutoCloseable) this::shutdown);
    }
    startNode();
  }

  private void requireLauncher() {
    if (launcher == null) {
      throw new IllegalStateException(
          "the Cassandra node is not started yet: register the extension with @RegisterExtension"
              + " on a static field");
    }
  }

  private synchronized void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    if (node != null && node.isAlive()) {
      node.stop();
    }
    deleteTree(stateDir);
    LOG.info("test Cassandra node stopped and {} deleted", stateDir);
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
