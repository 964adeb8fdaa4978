package io.playstream.services.playback;

import io.playstream.schemas.Events;
import io.playstream.services.catalog.CatalogConfig;
import io.playstream.services.catalog.CatalogService;
import io.playstream.services.catalog.Title;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.steering.Fleet;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Configurations and fixtures shared by the playback tests. */
final class PlaybackTestSupport {
  /** Licensed in the US and GB. */
  static final String US_TITLE = "1";

  /** Licensed only in JP. */
  static final String JP_TITLE = "2";

  private PlaybackTestSupport() {}

  static PlaybackConfig config(String catalogUrl, String steeringUrl) {
    return new PlaybackConfig(
        0,
        "playback-test",
        TestTokens.SECRET_BYTES,
        catalogUrl,
        steeringUrl,
        Duration.ofSeconds(2),
        Duration.ofMillis(300),
        50,
        10,
        5,
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        10_000,
        Fleet.defaultFleet());
  }

  /** A catalog on an in-memory store holding {@link #US_TITLE} and {@link #JP_TITLE}. */
  static CatalogService catalog(RecordingEmitter emitter, TestClock clock) {
    CatalogService catalog =
        CatalogService.start(
            new CatalogConfig(
                0,
                "catalog-test",
                TestTokens.SECRET_BYTES,
                "jdbc:h2:mem:playback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa",
                "",
                false,
                100,
                Duration.ofMillis(100),
                Duration.ofMillis(100)),
            emitter,
            clock);
    Instant now = clock.instant();
    catalog
        .store()
        .upsert(
            new Title(
                US_TITLE,
                "Toy Story (1995)",
                List.of("Animation"),
                1995,
                List.of("US", "GB"),
                "G",
                4860),
            Events.newHeader("catalog", "test", now, null));
    catalog
        .store()
        .upsert(
            new Title(JP_TITLE, "Jumanji (1995)", List.of(), 1995, List.of("JP"), "PG", 6240),
            Events.newHeader("catalog", "test", now, null));
    return catalog;
  }

  /** Reports every us-east server healthy to a steering service. */
  static void reportUsEastHealthy(String steeringUrl) {
    for (int i = 1; i <= 3; i++) {
      TestHttp.postJson(
          steeringUrl + "/v1/cdn/health",
          null,
          Map.of(
              "server_id",
              "oca-us-east-" + i,
              "region",
              "us-east",
              "load",
              0.1 * i,
              "healthy",
              true,
              "capacity_mbps",
              40000,
              "active_sessions",
              5));
    }
  }

  /** A play request body for a US client of {@code profile}. */
  static Map<String, Object> playBody(String profile, String title) {
    return Map.of(
        "profile_id", profile,
        "title_id", title,
        "device_type", "tv",
        "country", "US",
        "region", "us-east",
        "isp", "Comcast",
        "client_ip", "10.9.8.7");
  }
}
