package io.playstream.services.catalog;

import io.playstream.services.recommendations.RecommendationsConfig;
import java.time.Duration;

/**
 * Immutable configuration of the catalog service, built from {@link CatalogOptions}.
 *
 * @param port HTTP port (0 = any free port)
 * @param instanceId instance id in event headers
 * @param authSecret HMAC secret of bearer tokens
 * @param jdbcUrl title store
 * @param jdbcUser store user
 * @param jdbcPassword store password
 * @param seed seed the MovieLens titles when the store is empty
 * @param outboxBatchSize outbox rows sent per round
 * @param outboxPollInterval how often an idle relay looks at the outbox
 * @param outboxRetryBackoff wait after a failed send before trying again
 * @param recommendations {@code GET /recommendations}: Cassandra, timeouts, breaker
 */
public record CatalogConfig(
    int port,
    String instanceId,
    byte[] authSecret,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    boolean seed,
    int outboxBatchSize,
    Duration outboxPollInterval,
    Duration outboxRetryBackoff,
    RecommendationsConfig recommendations) {

  /** A configuration without Cassandra: recommendations are served from the fallback only. */
  public CatalogConfig(
      int port,
      String instanceId,
      byte[] authSecret,
      String jdbcUrl,
      String jdbcUser,
      String jdbcPassword,
      boolean seed,
      int outboxBatchSize,
      Duration outboxPollInterval,
      Duration outboxRetryBackoff) {
    this(
        port,
        instanceId,
        authSecret,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        seed,
        outboxBatchSize,
        outboxPollInterval,
        outboxRetryBackoff,
        RecommendationsConfig.disabled());
  }

  /** The same configuration on another port. */
  public CatalogConfig withPort(int newPort) {
    return new CatalogConfig(
        newPort,
        instanceId,
        authSecret,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        seed,
        outboxBatchSize,
        outboxPollInterval,
        outboxRetryBackoff,
        recommendations);
  }

  /** The same configuration with other recommendation settings. */
  public CatalogConfig withRecommendations(RecommendationsConfig newRecommendations) {
    return new CatalogConfig(
        port,
        instanceId,
        authSecret,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        seed,
        outboxBatchSize,
        outboxPollInterval,
        outboxRetryBackoff,
        newRecommendations);
  }
}
