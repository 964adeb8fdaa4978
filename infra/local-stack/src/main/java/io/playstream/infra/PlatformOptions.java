package io.playstream.infra;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every platform-wide option, declared once: key, type, default and description. {@link
 * PlatformConfig} reads them; {@link #markdownTable()} renders them for the README.
 *
 * <p>Defaults may refer to other options as {@code ${key}}. Paths are resolved against the platform
 * root directory given to {@link PlatformConfig#builder(Path)}.
 */
public final class PlatformOptions {
  private PlatformOptions() {}

  /** Where the local stack keeps data, logs and pid files. */
  public static final ConfigOption<Path> STATE_DIR =
      ConfigOption.of(
          "state.dir",
          ConfigType.PATH,
          ".playstream",
          "State folder of the local stack (data/, logs/, pids/, conf/); relative to the"
              + " platform root directory.");

  /** Kafka bootstrap servers every component connects to. */
  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
      ConfigOption.of(
          "kafka.bootstrap-servers",
          ConfigType.STRING,
          "127.0.0.1:${kafka.local.port}",
          "Kafka bootstrap servers the components use (host:port, comma-separated).");

  /** Whether the launcher starts a local broker. */
  public static final ConfigOption<Boolean> KAFKA_LOCAL_ENABLED =
      ConfigOption.of(
          "kafka.local.enabled",
          ConfigType.BOOLEAN,
          "true",
          "true: `playstream up` starts a local single-node KRaft broker; false: use an external"
              + " cluster at kafka.bootstrap-servers.");

  /** Client port of the local broker. */
  public static final ConfigOption<Integer> KAFKA_LOCAL_PORT =
      ConfigOption.of(
          "kafka.local.port",
          ConfigType.PORT,
          "9092",
          "PLAINTEXT listener port of the local broker (bound to 127.0.0.1).");

  /** KRaft controller port of the local broker. */
  public static final ConfigOption<Integer> KAFKA_LOCAL_CONTROLLER_PORT =
      ConfigOption.of(
          "kafka.local.controller-port",
          ConfigType.PORT,
          "9093",
          "KRaft controller listener port of the local broker (bound to 127.0.0.1).");

  /** Heap of the local broker JVM. */
  public static final ConfigOption<String> KAFKA_LOCAL_HEAP =
      ConfigOption.of(
          "kafka.local.heap",
          ConfigType.MEMORY_SIZE,
          "1g",
          "Maximum heap (-Xmx) of the local broker.");

  /** How long the launcher waits for the local broker to answer. */
  public static final ConfigOption<Duration> KAFKA_LOCAL_START_TIMEOUT =
      ConfigOption.of(
          "kafka.local.start-timeout",
          ConfigType.DURATION,
          "60s",
          "How long the launcher waits for the local broker to answer before giving up.");

  /** How long the launcher waits for the local broker to shut down before killing it. */
  public static final ConfigOption<Duration> KAFKA_LOCAL_STOP_TIMEOUT =
      ConfigOption.of(
          "kafka.local.stop-timeout",
          ConfigType.DURATION,
          "30s",
          "Grace period after SIGTERM before the local broker is killed.");

  /** Replication factor of the platform's topics. */
  public static final ConfigOption<Integer> KAFKA_REPLICATION_FACTOR =
      ConfigOption.of(
          "kafka.replication-factor",
          ConfigType.INT,
          "1",
          "Replication factor for topics the platform creates (1 on the local broker).");

  /** Playback service (Play API) port. */
  public static final ConfigOption<Integer> SERVICES_PLAYBACK_PORT =
      ConfigOption.of(
          "services.playback.port", ConfigType.PORT, "8090", "HTTP port of the playback service.");

  /** Catalog service port. */
  public static final ConfigOption<Integer> SERVICES_CATALOG_PORT =
      ConfigOption.of(
          "services.catalog.port", ConfigType.PORT, "8091", "HTTP port of the catalog service.");

  /** Steering service port. */
  public static final ConfigOption<Integer> SERVICES_STEERING_PORT =
      ConfigOption.of(
          "services.steering.port", ConfigType.PORT, "8092", "HTTP port of the steering service.");

  /** Where clients reach the playback service. */
  public static final ConfigOption<URI> SERVICES_PLAYBACK_URL =
      ConfigOption.of(
          "services.playback.url",
          ConfigType.URL,
          "http://127.0.0.1:${services.playback.port}",
          "Base URL clients use to reach the playback service.");

  /** Where clients reach the catalog service. */
  public static final ConfigOption<URI> SERVICES_CATALOG_URL =
      ConfigOption.of(
          "services.catalog.url",
          ConfigType.URL,
          "http://127.0.0.1:${services.catalog.port}",
          "Base URL clients use to reach the catalog service.");

  /** Where clients reach the steering service. */
  public static final ConfigOption<URI> SERVICES_STEERING_URL =
      ConfigOption.of(
          "services.steering.url",
          ConfigType.URL,
          "http://127.0.0.1:${services.steering.port}",
          "Base URL clients use to reach the steering service.");

  /** The catalog service's database. */
  public static final ConfigOption<String> SERVICES_CATALOG_JDBC_URL =
      ConfigOption.of(
          "services.catalog.jdbc-url",
          ConfigType.STRING,
          "jdbc:h2:file:${state.dir}/data/catalog/catalog",
          "JDBC URL of the catalog service's database (an H2 file in the state folder by"
              + " default).");

  /** The HMAC secret the services sign and check tokens with. */
  public static final ConfigOption<Path> AUTH_SECRET_FILE =
      ConfigOption.of(
          "auth.secret-file",
          ConfigType.PATH,
          "${state.dir}/secrets/auth.key",
          "File holding the token signing secret (its raw bytes); created with 48 random bytes"
              + " and mode 0600 when missing.");

  /** Router HTTP port (/health, /metrics, /v1/routes/status). */
  public static final ConfigOption<Integer> ROUTER_HTTP_PORT =
      ConfigOption.of(
          "router.http-port",
          ConfigType.PORT,
          "8093",
          "HTTP port of the event router (/health, /metrics, /v1/routes/status).");

  /** Key for hashing personal fields in route projections. */
  public static final ConfigOption<Path> ROUTER_HASH_KEY_FILE =
      ConfigOption.of(
          "router.hash-key-file",
          ConfigType.PATH,
          "${state.dir}/secrets/router-hash.key",
          "File holding the HMAC key route projections hash personal fields with; created with"
              + " 48 random bytes and mode 0600 when missing.");

  /** Dashboard port. */
  public static final ConfigOption<Integer> DASHBOARD_PORT =
      ConfigOption.of("dashboard.port", ConfigType.PORT, "8080", "HTTP port of the dashboard.");

  private static final List<ConfigOption<?>> ALL =
      List.of(
          STATE_DIR,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_LOCAL_ENABLED,
          KAFKA_LOCAL_PORT,
          KAFKA_LOCAL_CONTROLLER_PORT,
          KAFKA_LOCAL_HEAP,
          KAFKA_LOCAL_START_TIMEOUT,
          KAFKA_LOCAL_STOP_TIMEOUT,
          KAFKA_REPLICATION_FACTOR,
          SERVICES_PLAYBACK_PORT,
          SERVICES_CATALOG_PORT,
          SERVICES_STEERING_PORT,
          SERVICES_PLAYBACK_URL,
          SERVICES_CATALOG_URL,
          SERVICES_STEERING_URL,
          SERVICES_CATALOG_JDBC_URL,
          AUTH_SECRET_FILE,
          ROUTER_HTTP_PORT,
          ROUTER_HASH_KEY_FILE,
          DASHBOARD_PORT);

  /** Every platform option, in the order of the README table. */
  public static List<ConfigOption<?>> all() {
    return ALL;
  }

  /** The options as a Markdown table, as embedded in {@code infra/local-stack/README.md}. */
  public static String markdownTable() {
    return ConfigOption.markdownTable(ALL);
  }
}
