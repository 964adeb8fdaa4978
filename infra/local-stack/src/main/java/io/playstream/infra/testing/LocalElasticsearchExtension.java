package io.playstream.infra.testing;

import io.playstream.infra.ElasticsearchLauncher;
import io.playstream.infra.ElasticsearchNode;
import io.playstream.infra.StateLayout;
import java.net.URI;

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
public final class LocalElasticsearchExtension
    extends SharedComponentExtension<ElasticsearchLauncher, ElasticsearchNode> {
  private static final LocalElasticsearchExtension SHARED = new LocalElasticsearchExtension();
  private static final String TEST_HEAP = "512m";

  private LocalElasticsearchExtension() {
    super(
        "Elasticsearch node",
        "es",
        ElasticsearchLauncher::start,
        ElasticsearchNode::isAlive,
        ElasticsearchNode::stop);
  }

  /** The one node of this test JVM. */
  public static LocalElasticsearchExtension shared() {
    return SHARED;
  }

  /** {@code http://127.0.0.1:<port>} of the node. */
  public URI url() {
    return launcher().url();
  }

  /** The node's HTTP port. */
  public int httpPort() {
    return launcher().settings().httpPort();
  }

  /** The launcher (for tests of the launcher itself: a second {@code start()} reuses the node). */
  @Override
  public ElasticsearchLauncher launcher() {
    return super.launcher();
  }

  /** The node's process id. */
  public long nodePid() {
    return component().pid();
  }

  /** Whether the node process is running. */
  public boolean isNodeAlive() {
    return isComponentAlive();
  }

  /**
   * Stops the node cleanly (for outage tests); its data and ports are kept for {@link
   * #startNode()}.
   */
  public void stopNode() {
    stopComponent();
  }

  /** Starts the node again on the same data folder and ports; a no-op while it runs. */
  public void startNode() throws InterruptedException {
    startComponent();
  }

  @Override
  ElasticsearchLauncher newLauncher(StateLayout layout) {
    return new ElasticsearchLauncher(layout, ElasticsearchLauncher.Settings.onFreePorts(TEST_HEAP));
  }
}
