package io.playstream.services.catalog;

import io.playstream.services.testing.TestTokens;
import java.time.Duration;
import java.util.UUID;

/** Catalog configurations for tests: an in-memory H2 database of its own, a random port. */
final class CatalogTestSupport {
  private CatalogTestSupport() {}

  /** A fresh in-memory database URL (kept while the JVM lives, so a restart sees the data). */
  static String memoryDb() {
    return "jdbc:h2:mem:catalog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  static CatalogConfig config(String jdbcUrl, boolean seed) {
    return new CatalogConfig(
        0,
        "catalog-test",
        TestTokens.SECRET_BYTES,
        jdbcUrl,
        "sa",
        "",
        seed,
        500,
        Duration.ofMillis(50),
        Duration.ofMillis(50));
  }
}
