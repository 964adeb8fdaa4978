package io.playstream.infra.testing;

import io.playstream.infra.ElasticsearchLauncher;
import io.playstream.infra.ElasticsearchNode;
import io.playstream.infra.StateLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * A real local Elasticsearch node (its own JVM, see {@link ElasticsearchLauncher}) for integration
 * tests, started once per test JVM and shared by every test class that registers the extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalElasticsearchExtension ES = LocalElasticsearchExtension.shared();
 * }</pre>
 *
 * <p>The node binds free ports on 127.0.0.1, keeps its data in a temporary state folder and is
 * stopped, and its folder deleted, when the test run ends (through the root extension store, with a
 * JVM shutdown hook as a backstop). Tests share the node: use index names of their own. If a test
 * stopped the node with {@link #stopNode()} and did not start it again, the next test class or
 * method gets it started before it runs.
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath ({@code local-stack} declares it {@code
 * provided}).
 */
public final class LocalElasticsearchExtension implements BeforeAllCallback, BeforeEachCallback {
  private static final Logger LOG = LoggerFactory.getLogger(LocalElasticsearchExtension.class);
  private static final LocalElasticsearchExtension SHARED = new LocalElasticsearchExtension();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalElasticsearchExtension.class);
  private static final String TEST_HEAP = "512m";

  private Path stateDir;
  private ElasticsearchLauncher launcher;
  private ElasticsearchNode node;
  private boolean closed;

  private LocalElasticsearchExtension() {}

  /** The one node of this test JVM. */
  public static LocalElasticsearchExtension shared() {
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

  /** {@code http://127.0.0.1:<port>} of the node. */
  public synchronized URI url() {
    requireLauncher();
    return launcher.url();
  }

  /** The node's HTTP port. */
  public synchronized int httpPort() {
    requireLauncher();
    return launcher.settings().httpPort();
  }

  /** The node's state folder (a temporary directory). */
  public synchronized StateLayout stateLayout() {
    requireLauncher();
    return new StateLayout(stateDir);
  }

  /** The launcher (for tests of the launcher itself: a second {@code start()} reuses the node). */
  public synchronized ElasticsearchLauncher launcher() {
    requireLauncher();
    return launcher;
  }

  /** The node's process id. */
  public synchronized long nodePid() {
    requireLauncher();
    return node.pid();
  }

  /** Whether the node process is running. */
  public synchronized boolean isNodeAlive() {
    return node != null && node.isAlive();
  }

  /**
   * Stops the node cleanly (for outage tests); its data and ports are kept for {@link
   * #startNode()}.
   */
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

  private synchronized void ensureStarted(ExtensionContext context) throws Exception {
    if (closed) {
      throw new IllegalStateException("the shared Elasticsearch node was already shut down");
    }
    if (launcher == null) {
      stateDir = Files.createTempDirectory("playstream-es-test-");
      launcher =
          new ElasticsearchLauncher(
              new StateLayout(stateDir), ElasticsearchLauncher.Settings.onFreePorts(TEST_HEAP));
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::shutdown, "playstream-es-test-shutdown"));
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
          "the Elasticsearch node is not started yet: register the extension with"
              + " @RegisterExtension on a static field");
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
    LOG.info("test Elasticsearch node stopped and {} deleted", stateDir);
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
