package io.playstream.infra.testing;

import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real local Kafka broker (its own JVM, see {@link KafkaLauncher}) for integration tests, started
 * once per test JVM and shared by every test class that registers the extension:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();
 * }</pre>
 *
 * <p>The broker binds free ports on 127.0.0.1, keeps its data in a temporary state folder and is
 * stopped, and its folder deleted, when the test run ends (through the root extension store, with a
 * JVM shutdown hook as a backstop). If a test stopped the broker with {@link #stopBroker()} and did
 * not start it again, the next test class or method gets it started before it runs.
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath ({@code local-stack} declares it {@code
 * provided}).
 */
public final class LocalKafkaExtension implements BeforeAllCallback, BeforeEachCallback {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaExtension.class);
  private static final LocalKafkaExtension SHARED = new LocalKafkaExtension();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalKafkaExtension.class);
  private static final String TEST_HEAP = "512m";

  private Path stateDir;
  private KafkaLauncher launcher;
  private KafkaBroker broker;
  private Admin admin;
  private boolean closed;

  private LocalKafkaExtension() {}

  /** The one broker of this test JVM. */
  public static LocalKafkaExtension shared() {
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

  /** {@code 127.0.0.1:<port>} of the broker. */
  public synchronized String bootstrapServers() {
    requireLauncher();
    return launcher.bootstrapServers();
  }

  /** {@code bootstrap.servers} as a client config map, to start a producer or consumer config. */
  public Map<String, Object> clientConfig() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** The broker's state folder (a temporary directory). */
  public synchronized StateLayout stateLayout() {
    requireLauncher();
    return new StateLayout(stateDir);
  }

  /** The broker's process id. */
  public synchronized long brokerPid() {
    requireLauncher();
    return broker.pid();
  }

  /**
   * An admin client for the broker, shared and closed by the extension: do not close it. It
   * reconnects by itself after {@link #stopBroker()} and {@link #startBroker()}.
   */
  public synchronized Admin adminClient() {
    requireLauncher();
    if (admin == null) {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, launcher.bootstrapServers());
      p.put(AdminClientConfig.CLIENT_ID_CONFIG, "playstream-test-admin");
      admin = Admin.create(p);
    }
    return admin;
  }

  /**
   * Creates every catalog topic ({@link Topics#all()}) that does not exist yet, replication 1.
   *
   * @return the topics this call created
   */
  public List<String> createCatalogTopics() throws InterruptedException {
    return TopicAdmin.ensureTopics(adminClient(), Topics.all(), (short) 1);
  }

  /** Stops the broker cleanly; its data and ports are kept for {@link #startBroker()}. */
  public synchronized void stopBroker() {
    requireLauncher();
    if (broker != null && broker.isAlive()) {
      broker.stop();
    }
  }

  /** Starts the broker again on the same data folder and ports; a no-op while it runs. */
  public synchronized void startBroker() throws InterruptedException {
    requireLauncher();
    if (broker == null || !broker.isAlive()) {
      broker = launcher.start();
    }
  }

  /** Whether the broker process is running. */
  public synchronized boolean isBrokerAlive() {
    return broker != null && broker.isAlive();
  }

  private synchronized void ensureStarted(ExtensionContext context) throws Exception {
    if (closed) {
      throw new IllegalStateException("the shared Kafka broker was already shut down");
    }
    if (launcher == null) {
      stateDir = Files.createTempDirectory("playstream-kafka-test-");
      List<Integer> ports = Ports.freePorts(2);
      launcher =
          new KafkaLauncher(
              new StateLayout(stateDir),
              new KafkaLauncher.Settings(
                  ports.get(0),
                  ports.get(1),
                  TEST_HEAP,
                  Duration.ofSeconds(180),
                  Duration.ofSeconds(20),
                  Map.of()));
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::shutdown, "playstream-kafka-test-shutdown"));
      context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent("broker", k -> (AutoCloseable) this::shutdown);
    }
    startBroker();
  }

  private void requireLauncher() {
    if (launcher == null) {
      throw new IllegalStateException(
          "the Kafka broker is not started yet: register the extension with @RegisterExtension on"
              + " a static field");
    }
  }

  private synchronized void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
    if (broker != null && broker.isAlive()) {
      broker.stop();
    }
    deleteTree(stateDir);
    LOG.info("test Kafka broker stopped and {} deleted", stateDir);
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
