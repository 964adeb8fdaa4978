package io.playstream.infra.testing;

import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

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
public final class LocalKafkaExtension
    extends SharedComponentExtension<KafkaLauncher, KafkaBroker> {
  private static final LocalKafkaExtension SHARED = new LocalKafkaExtension();
  private static final String TEST_HEAP = "512m";

  private Admin admin;

  private LocalKafkaExtension() {
    super("Kafka broker", "kafka", KafkaLauncher::start, KafkaBroker::isAlive, KafkaBroker::stop);
  }

  /** The one broker of this test JVM. */
  public static LocalKafkaExtension shared() {
    return SHARED;
  }

  /** {@code 127.0.0.1:<port>} of the broker. */
  public String bootstrapServers() {
    return launcher().bootstrapServers();
  }

  /** {@code bootstrap.servers} as a client config map, to start a producer or consumer config. */
  public Map<String, Object> clientConfig() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** The broker's process id. */
  public long brokerPid() {
    return component().pid();
  }

  /**
   * An admin client for the broker, shared and closed by the extension: do not close it. It
   * reconnects by itself after {@link #stopBroker()} and {@link #startBroker()}.
   */
  public synchronized Admin adminClient() {
    String bootstrapServers = bootstrapServers();
    if (admin == null) {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
  public void stopBroker() {
    stopComponent();
  }

  /** Starts the broker again on the same data folder and ports; a no-op while it runs. */
  public void startBroker() throws InterruptedException {
    startComponent();
  }

  /** Whether the broker process is running. */
  public boolean isBrokerAlive() {
    return isComponentAlive();
  }

  @Override
  KafkaLauncher newLauncher(StateLayout layout) {
    List<Integer> ports = Ports.freePorts(2);
    return new KafkaLauncher(
        layout,
        new KafkaLauncher.Settings(
            ports.get(0),
            ports.get(1),
            TEST_HEAP,
            Duration.ofSeconds(180),
            Duration.ofSeconds(20),
            Map.of()));
  }

  @Override
  synchronized void stopAtEnd() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
    super.stopAtEnd();
  }
}
