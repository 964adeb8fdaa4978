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

  /**
   * true: `playstream up` starts a local standalone Flink cluster (one JobManager, one
   * TaskManager).
   */
  public static final ConfigOption<Boolean> FLINK_LOCAL_ENABLED =
      ConfigOption.of(
          "flink.local.enabled",
          ConfigType.BOOLEAN,
          "true",
          "true: `playstream up` starts a local standalone Flink cluster (one JobManager, one TaskManager); false: use the cluster at flink.rest-url.");

  /** REST address (and web UI) of the Flink cluster jobs are submitted to. */
  public static final ConfigOption<URI> FLINK_REST_URL =
      ConfigOption.of(
          "flink.rest-url",
          ConfigType.URL,
          "http://127.0.0.1:${flink.local.rest-port}",
          "REST address (and web UI) of the Flink cluster jobs are submitted to.");

  /** REST/web UI port of the local JobManager. */
  public static final ConfigOption<Integer> FLINK_LOCAL_REST_PORT =
      ConfigOption.of(
          "flink.local.rest-port",
          ConfigType.PORT,
          "8081",
          "REST/web UI port of the local JobManager.");

  /** Task slots of the local TaskManager. */
  public static final ConfigOption<Integer> FLINK_LOCAL_TASK_SLOTS =
      ConfigOption.of(
          "flink.local.task-slots", ConfigType.INT, "8", "Task slots of the local TaskManager.");

  /** Total process memory of the local JobManager (jobmanager.memory.process.size). */
  public static final ConfigOption<String> FLINK_LOCAL_JOBMANAGER_MEMORY =
      ConfigOption.of(
          "flink.local.jobmanager-memory",
          ConfigType.MEMORY_SIZE,
          "1g",
          "Total process memory of the local JobManager (jobmanager.memory.process.size).");

  /** Total process memory of the local TaskManager (taskmanager.memory.process.size). */
  public static final ConfigOption<String> FLINK_LOCAL_TASKMANAGER_MEMORY =
      ConfigOption.of(
          "flink.local.taskmanager-memory",
          ConfigType.MEMORY_SIZE,
          "3g",
          "Total process memory of the local TaskManager (taskmanager.memory.process.size).");

  /** Where jobs write checkpoints and savepoints (a file: or s3: URI). */
  public static final ConfigOption<String> FLINK_CHECKPOINT_DIR =
      ConfigOption.of(
          "flink.checkpoint-dir",
          ConfigType.STRING,
          "file://${state.dir}/data/flink/checkpoints",
          "Where jobs write checkpoints and savepoints (a file: or s3: URI).");

  /** Checkpoint interval of the platform's jobs (exactly-once sinks commit on checkpoints). */
  public static final ConfigOption<Duration> FLINK_CHECKPOINT_INTERVAL =
      ConfigOption.of(
          "flink.checkpoint-interval",
          ConfigType.DURATION,
          "5s",
          "Checkpoint interval of the platform's jobs (exactly-once sinks commit on checkpoints).");

  /** true: `playstream up` starts a local single-node Elasticsearch. */
  public static final ConfigOption<Boolean> ELASTICSEARCH_LOCAL_ENABLED =
      ConfigOption.of(
          "elasticsearch.local.enabled",
          ConfigType.BOOLEAN,
          "true",
          "true: `playstream up` starts a local single-node Elasticsearch; false: use elasticsearch.url.");

  /** HTTP address of Elasticsearch. */
  public static final ConfigOption<URI> ELASTICSEARCH_URL =
      ConfigOption.of(
          "elasticsearch.url",
          ConfigType.URL,
          "http://127.0.0.1:${elasticsearch.local.port}",
          "HTTP address of Elasticsearch.");

  /** HTTP port of the local Elasticsearch node. */
  public static final ConfigOption<Integer> ELASTICSEARCH_LOCAL_PORT =
      ConfigOption.of(
          "elasticsearch.local.port",
          ConfigType.PORT,
          "9200",
          "HTTP port of the local Elasticsearch node.");

  /** Transport port of the local Elasticsearch node. */
  public static final ConfigOption<Integer> ELASTICSEARCH_LOCAL_TRANSPORT_PORT =
      ConfigOption.of(
          "elasticsearch.local.transport-port",
          ConfigType.PORT,
          "9300",
          "Transport port of the local Elasticsearch node.");

  /** Maximum heap (-Xmx) of the local Elasticsearch node. */
  public static final ConfigOption<String> ELASTICSEARCH_LOCAL_HEAP =
      ConfigOption.of(
          "elasticsearch.local.heap",
          ConfigType.MEMORY_SIZE,
          "512m",
          "Maximum heap (-Xmx) of the local Elasticsearch node.");

  /** How long daily metric indices are kept before the cleanup task deletes them. */
  public static final ConfigOption<Duration> ELASTICSEARCH_RETENTION =
      ConfigOption.of(
          "elasticsearch.retention",
          ConfigType.DURATION,
          "7d",
          "How long daily metric indices are kept before the cleanup task deletes them.");

  /** true: `playstream up` starts a local single-node Cassandra. */
  public static final ConfigOption<Boolean> CASSANDRA_LOCAL_ENABLED =
      ConfigOption.of(
          "cassandra.local.enabled",
          ConfigType.BOOLEAN,
          "true",
          "true: `playstream up` starts a local single-node Cassandra; false: use cassandra.contact-points.");

  /** Cassandra contact points (host:port, comma-separated). */
  public static final ConfigOption<String> CASSANDRA_CONTACT_POINTS =
      ConfigOption.of(
          "cassandra.contact-points",
          ConfigType.STRING,
          "127.0.0.1:${cassandra.local.port}",
          "Cassandra contact points (host:port, comma-separated).");

  /** Local datacenter name the driver routes requests to. */
  public static final ConfigOption<String> CASSANDRA_LOCAL_DATACENTER =
      ConfigOption.of(
          "cassandra.local-datacenter",
          ConfigType.STRING,
          "datacenter1",
          "Local datacenter name the driver routes requests to.");

  /** Keyspace of the platform's serving tables. */
  public static final ConfigOption<String> CASSANDRA_KEYSPACE =
      ConfigOption.of(
          "cassandra.keyspace",
          ConfigType.STRING,
          "playstream",
          "Keyspace of the platform's serving tables.");

  /** CQL native port of the local Cassandra node. */
  public static final ConfigOption<Integer> CASSANDRA_LOCAL_PORT =
      ConfigOption.of(
          "cassandra.local.port",
          ConfigType.PORT,
          "9042",
          "CQL native port of the local Cassandra node.");

  /** Inter-node storage port of the local Cassandra node. */
  public static final ConfigOption<Integer> CASSANDRA_LOCAL_STORAGE_PORT =
      ConfigOption.of(
          "cassandra.local.storage-port",
          ConfigType.PORT,
          "7000",
          "Inter-node storage port of the local Cassandra node.");

  /** Maximum heap (-Xmx) of the local Cassandra node. */
  public static final ConfigOption<String> CASSANDRA_LOCAL_HEAP =
      ConfigOption.of(
          "cassandra.local.heap",
          ConfigType.MEMORY_SIZE,
          "512m",
          "Maximum heap (-Xmx) of the local Cassandra node.");

  /** Iceberg catalog name. */
  public static final ConfigOption<String> ICEBERG_CATALOG_NAME =
      ConfigOption.of(
          "iceberg.catalog-name",
          ConfigType.STRING,
          "playstream",
          "Iceberg catalog name; Flink and Spark must use the same one (the JDBC catalog keys its rows by it).");

  /** JDBC URL of the Iceberg catalog (SQLite file locally. */
  public static final ConfigOption<String> ICEBERG_CATALOG_URI =
      ConfigOption.of(
          "iceberg.catalog-uri",
          ConfigType.STRING,
          "jdbc:sqlite:${state.dir}/data/iceberg/catalog.db",
          "JDBC URL of the Iceberg catalog (SQLite file locally; a jdbc:postgresql: URL in production).");

  /** Warehouse location of the Iceberg tables (file: URI locally, s3://bucket/path on S3). */
  public static final ConfigOption<String> ICEBERG_WAREHOUSE =
      ConfigOption.of(
          "iceberg.warehouse",
          ConfigType.STRING,
          "file://${state.dir}/data/iceberg/warehouse",
          "Warehouse location of the Iceberg tables (file: URI locally, s3://bucket/path on S3).");

  /** Namespace of the platform's Iceberg tables. */
  public static final ConfigOption<String> ICEBERG_NAMESPACE =
      ConfigOption.of(
          "iceberg.namespace",
          ConfigType.STRING,
          "playstream",
          "Namespace of the platform's Iceberg tables.");

  /**
   * true: `playstream up` starts a local S3 API server (s3proxy) and keeps the Iceberg warehouse in
   * it.
   */
  public static final ConfigOption<Boolean> S3_LOCAL_ENABLED =
      ConfigOption.of(
          "s3.local.enabled",
          ConfigType.BOOLEAN,
          "false",
          "true: `playstream up` starts a local S3 API server (s3proxy) and keeps the Iceberg warehouse in it.");

  /** S3 API endpoint (leave as is for AWS S3 by setting it to the regional endpoint). */
  public static final ConfigOption<URI> S3_ENDPOINT =
      ConfigOption.of(
          "s3.endpoint",
          ConfigType.URL,
          "http://127.0.0.1:${s3.local.port}",
          "S3 API endpoint: the local S3 server by default; for AWS S3 the regional endpoint, e.g. https://s3.eu-west-1.amazonaws.com.");

  /** Port of the local S3 API server. */
  public static final ConfigOption<Integer> S3_LOCAL_PORT =
      ConfigOption.of("s3.local.port", ConfigType.PORT, "9000", "Port of the local S3 API server.");

  /** Bucket of the Iceberg warehouse when it is on S3. */
  public static final ConfigOption<String> S3_BUCKET =
      ConfigOption.of(
          "s3.bucket",
          ConfigType.STRING,
          "playstream-warehouse",
          "Bucket of the Iceberg warehouse when it is on S3.");

  /** S3 region. */
  public static final ConfigOption<String> S3_REGION =
      ConfigOption.of("s3.region", ConfigType.STRING, "us-east-1", "S3 region.");

  /** S3 access key id (the local S3 server accepts this one). */
  public static final ConfigOption<String> S3_ACCESS_KEY =
      ConfigOption.of(
          "s3.access-key",
          ConfigType.STRING,
          "playstream",
          "S3 access key id (the local S3 server accepts this one).");

  /** File holding the S3 secret key. */
  public static final ConfigOption<Path> S3_SECRET_KEY_FILE =
      ConfigOption.of(
          "s3.secret-key-file",
          ConfigType.PATH,
          "${state.dir}/secrets/s3.key",
          "File holding the S3 secret key; created with random text and mode 0600 when missing.");

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
          FLINK_LOCAL_ENABLED,
          FLINK_REST_URL,
          FLINK_LOCAL_REST_PORT,
          FLINK_LOCAL_TASK_SLOTS,
          FLINK_LOCAL_JOBMANAGER_MEMORY,
          FLINK_LOCAL_TASKMANAGER_MEMORY,
          FLINK_CHECKPOINT_DIR,
          FLINK_CHECKPOINT_INTERVAL,
          ELASTICSEARCH_LOCAL_ENABLED,
          ELASTICSEARCH_URL,
          ELASTICSEARCH_LOCAL_PORT,
          ELASTICSEARCH_LOCAL_TRANSPORT_PORT,
          ELASTICSEARCH_LOCAL_HEAP,
          ELASTICSEARCH_RETENTION,
          CASSANDRA_LOCAL_ENABLED,
          CASSANDRA_CONTACT_POINTS,
          CASSANDRA_LOCAL_DATACENTER,
          CASSANDRA_KEYSPACE,
          CASSANDRA_LOCAL_PORT,
          CASSANDRA_LOCAL_STORAGE_PORT,
          CASSANDRA_LOCAL_HEAP,
          ICEBERG_CATALOG_NAME,
          ICEBERG_CATALOG_URI,
          ICEBERG_WAREHOUSE,
          ICEBERG_NAMESPACE,
          S3_LOCAL_ENABLED,
          S3_ENDPOINT,
          S3_LOCAL_PORT,
          S3_BUCKET,
          S3_REGION,
          S3_ACCESS_KEY,
          S3_SECRET_KEY_FILE,
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
