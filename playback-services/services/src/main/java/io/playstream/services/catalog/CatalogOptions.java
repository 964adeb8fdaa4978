package io.playstream.services.catalog;

import io.playstream.services.common.CommonOptions;
import io.playstream.services.common.EnvDefaults;
import io.playstream.services.common.ServiceMain;
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
        Duration.ofMillis(outboxRetryMs));
  }
}
