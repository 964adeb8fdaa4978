package io.playstream.services.catalog;

import io.playstream.services.common.CommonOptions;
import io.playstream.services.common.EnvDefaults;
import io.playstream.services.common.ServiceMain;
import io.playstream.services.recommendations.RecommendationsConfig;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the catalog service. Each is also read from {@code PLAYSTREAM_<NAME>} (see {@link
 * EnvDefaults}); the module README's table lists the same.
 */
public final class CatalogOptions {
  public static final String SERVICE = "catalog";

  @Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--port", defaultValue = "8091", description = "HTTP port on 127.0.0.1.")
  int port;

  @Option(
      names = "--jdbc-url",
      defaultValue = "jdbc:h2:file:./data/catalog/titles",
      description = "JDBC URL of the title store (an H2 file by default).")
  String jdbcUrl;

  @Option(
      names = "--jdbc-user",
      defaultValue = "sa",
      description = "Title store user; the password comes from PLAYSTREAM_JDBC_PASSWORD.")
  String jdbcUser;

  @Option(
      names = "--seed",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Seed the MovieLens titles when the store is empty (--no-seed: do not).")
  boolean seed;

  @Option(
      names = "--outbox-batch-size",
      defaultValue = "500",
      description = "Outbox rows sent per relay round.")
  int outboxBatchSize;

  @Option(
      names = "--outbox-poll-ms",
      defaultValue = "500",
      description = "How often an idle relay polls the outbox, milliseconds.")
  long outboxPollMs;

  @Option(
      names = "--outbox-retry-ms",
      defaultValue = "1000",
      description = "Wait after a failed send before the relay tries again, milliseconds.")
  long outboxRetryMs;

  @Option(
      names = "--cassandra-contact-points",
      defaultValue = "",
      description =
          "Cassandra contact points (host:port,...) GET /recommendations reads recs_by_profile"
              + " from. Empty: no Cassandra, the endpoint serves its fallback only.")
  String cassandraContactPoints;

  @Option(
      names = "--cassandra-local-datacenter",
      defaultValue = "datacenter1",
      description = "Datacenter the Cassandra driver treats as local.")
  String cassandraLocalDatacenter;

  @Option(
      names = "--cassandra-keyspace",
      defaultValue = "playstream",
      description = "Keyspace of recs_by_profile.")
  String cassandraKeyspace;

  @Option(
      names = "--recs-timeout-ms",
      defaultValue = "300",
      description = "Time limit of one recommendations read, milliseconds (then the fallback).")
  long recsTimeoutMs;

  @Option(
      names = "--recs-breaker-failure-rate",
      defaultValue = "50",
      description = "Failure percentage of recommendations reads that opens the circuit.")
  int recsBreakerFailureRate;

  @Option(
      names = "--recs-breaker-window",
      defaultValue = "20",
      description = "Number of recent reads the failure rate is computed over.")
  int recsBreakerWindow;

  @Option(
      names = "--recs-breaker-minimum-calls",
      defaultValue = "5",
      description = "Reads needed before the failure rate can open the circuit.")
  int recsBreakerMinimumCalls;

  @Option(
      names = "--recs-breaker-open-ms",
      defaultValue = "10000",
      description = "How long an open circuit skips Cassandra before probing it, milliseconds.")
  long recsBreakerOpenMs;

  @Option(
      names = "--recs-trending-refresh-ms",
      defaultValue = "30000",
      description =
          "How often the cached trending lists (the fallback) are re-read while the circuit is"
              + " closed, milliseconds.")
  long recsTrendingRefreshMs;

  @Option(
      names = "--recs-reconnect-ms",
      defaultValue = "5000",
      description =
          "Wait before the next connection attempt while Cassandra cannot be reached,"
              + " milliseconds; doubles per failed attempt, at most a minute.")
  long recsReconnectMs;

  /** Parses options as the main does, with {@code env} as the environment. */
  public static CatalogOptions parse(Map<String, String> env, String... args) {
    CatalogOptions options = new CatalogOptions();
    ServiceMain.commandLine(options, env).parseArgs(args);
    return options;
  }

  public String kafkaBootstrap() {
    return common.kafkaBootstrap();
  }

  /** The configuration; the auth secret and JDBC password are read from files or {@code env}. */
  public CatalogConfig toConfig(Map<String, String> env) {
    if (outboxBatchSize < 1) {
      throw new IllegalArgumentException("--outbox-batch-size must be >= 1");
    }
    return new CatalogConfig(
        port,
        common.instanceId(SERVICE),
        common.authSecret(env),
        jdbcUrl,
        jdbcUser,
        env.getOrDefault("PLAYSTREAM_JDBC_PASSWORD", ""),
        seed,
        outboxBatchSize,
        Duration.ofMillis(outboxPollMs),
        Duration.ofMillis(outboxRetryMs),
        recommendations());
  }

  /** The {@code GET /recommendations} part of the configuration. */
  RecommendationsConfig recommendations() {
    return new RecommendationsConfig(
        RecommendationsConfig.parseContactPoints(cassandraContactPoints),
        cassandraLocalDatacenter,
        cassandraKeyspace,
        Duration.ofMillis(recsTimeoutMs),
        recsBreakerFailureRate,
        recsBreakerWindow,
        recsBreakerMinimumCalls,
        Duration.ofMillis(recsBreakerOpenMs),
        Duration.ofMillis(recsTrendingRefreshMs),
        Duration.ofMillis(recsReconnectMs));
  }
}
