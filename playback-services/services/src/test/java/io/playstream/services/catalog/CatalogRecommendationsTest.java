package io.playstream.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.schemas.Events;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.recommendations.FakeRecsStore;
import io.playstream.services.recommendations.RecommendationsConfig;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestHttp.Response;
import io.playstream.services.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /recommendations/{profile_id}} on a real catalog server with a fake store:
 * personalized rows filtered by the catalog, cold start, a slow store answered from the cache after
 * the timeout, failures opening the circuit, half-open recovery, the catalog fallback, and bad
 * input.
 */
class CatalogRecommendationsTest {
  private static final Instant GENERATED = Instant.parse("2026-01-02T03:04:05Z");
  private static final Duration TIMEOUT = Duration.ofMillis(150);
  private static final Duration OPEN_WAIT = Duration.ofSeconds(10);

  private final TestClock clock = TestClock.atNow();
  private final FakeRecsStore store = new FakeRecsStore();
  private final String viewer = TestTokens.play("acct-1", "p-1", "p-2");
  private CatalogService catalog;

  @AfterEach
  void stop() {
    if (catalog != null) {
      catalog.close();
    }
  }

  private static RecommendationsConfig recsConfig() {
    return RecommendationsConfig.disabled()
        .withTimings(TIMEOUT, OPEN_WAIT, Duration.ofHours(1), Duration.ofSeconds(5))
        .withBreaker(50, 10, 4);
  }

  /** A catalog with titles 1-5 (US and SE) and 6 (SE only) and the given store. */
  private void start(FakeRecsStore recsStore) {
    CatalogConfig config =
        CatalogTestSupport.config(CatalogTestSupport.memoryDb(), false)
            .withRecommendations(recsConfig());
    catalog = CatalogService.start(config, new RecordingEmitter(), clock, recsStore);
    for (int i = 1; i <= 6; i++) {
      List<String> countries = i == 6 ? List.of("SE") : List.of("US", "SE");
      catalog
          .store()
          .upsert(
              new Title("" + i, "Title " + i, List.of("Drama"), 2000 + i, countries, "PG", 5400),
              Events.newHeader("catalog", "test", clock.instant(), null));
    }
    if (recsStore != null) {
      // the first trending refresh runs at start; wait for it so it cannot race the test
      await().atMost(Duration.ofSeconds(10)).until(() -> catalog.recommendations().refreshes() > 0);
    }
  }

  private Response get(String profile, String query) {
    return get(profile, query, viewer);
  }

  private Response get(String profile, String query, String token) {
    return TestHttp.get(
        catalog.url() + "/recommendations/" + profile + (query.isEmpty() ? "" : "?" + query),
        token);
  }

  private static List<String> ids(Response r) {
    List<String> ids = new ArrayList<>();
    for (JsonNode t : r.json().path("titles")) {
      ids.add(t.path("title_id").asText());
    }
    return ids;
  }

  @Test
  void personalizedRowIsServedFilteredByTheCatalog() {
    store.put("p-1", "knn+als-v7", GENERATED, "2", "99", "6", "1", "3");
    start(store);

    Response us = get("p-1", "country=us");

    assertThat(us.status()).isEqualTo(200);
    JsonNode body = us.json();
    assertThat(body.path("source").asText()).isEqualTo("personalized");
    assertThat(body.path("model_version").asText()).isEqualTo("knn+als-v7");
    assertThat(body.path("generated_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(body.path("country").asText()).isEqualTo("US");
    assertThat(body.path("fallback_reason").isNull()).isTrue();
    assertThat(body.path("circuit").asText()).isEqualTo("CLOSED");
    // 99 is not in the catalog, 6 is not licensed in the US
    assertThat(ids(us)).containsExactly("2", "1", "3");
    assertThat(body.path("titles").get(0).path("name").asText()).isEqualTo("Title 2");
    assertThat(body.path("titles").get(0).path("score").asDouble()).isEqualTo(5.0);

    assertThat(ids(get("p-1", ""))).containsExactly("2", "6", "1", "3");
    assertThat(ids(get("p-1", "country=SE&limit=2"))).containsExactly("2", "6");
    // the versioned path answers the same
    assertThat(TestHttp.get(catalog.url() + "/v1/recommendations/p-1?country=US", viewer).json())
        .isEqualTo(get("p-1", "country=US").json());
  }

  @Test
  void coldStartGetsTheCountryTrendingListThenTheGlobalOne() {
    store.put("trending:US", "trending", GENERATED, "4", "5");
    store.put("trending:*", "trending", GENERATED, "6", "1");
    start(store);

    Response us = get("p-2", "country=US");
    assertThat(us.json().path("source").asText()).isEqualTo("trending");
    assertThat(us.json().path("model_version").asText()).isEqualTo("trending");
    assertThat(us.json().path("fallback_reason").isNull()).isTrue();
    assertThat(ids(us)).containsExactly("4", "5");

    Response se = get("p-2", "country=SE");
    assertThat(se.json().path("source").asText()).isEqualTo("trending");
    assertThat(ids(se)).containsExactly("6", "1");
    assertThat(catalog.recommendations().cachedTrending()).contains("US", "*");
  }

  @Test
  void slowStoreIsAnsweredFromTheCachedTrendingListAfterTheTimeout() {
    store.put("p-1", "knn", GENERATED, "1");
    store.put("trending:US", "trending", GENERATED, "3", "2");
    start(store);
    assertThat(get("p-1", "country=US").json().path("source").asText()).isEqualTo("personalized");
    catalog.recommendations().refreshTrending();
    assertThat(catalog.recommendations().cachedTrending()).contains("US");

    store.mode(FakeRecsStore.Mode.SLOW);
    long t0 = System.nanoTime();
    Response r = get("p-1", "country=US");
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("source").asText()).isEqualTo("trending-fallback");
    assertThat(r.json().path("fallback_reason").asText()).isEqualTo("timeout");
    assertThat(ids(r)).containsExactly("3", "2");
    assertThat(millis).isGreaterThanOrEqualTo(TIMEOUT.toMillis()).isLessThan(2_000);
  }

  @Test
  void failuresOpenTheCircuitAndAHalfOpenProbeClosesIt() {
    store.put("p-1", "knn", GENERATED, "1", "2");
    store.put("trending:*", "trending", GENERATED, "5");
    start(store);
    assertThat(catalog.recommendations().cachedTrending()).containsExactly("*");

    store.mode(FakeRecsStore.Mode.FAILING);
    // window of 4 reads: the start-up refresh (a success) and three failures = 75 % failed
    for (int i = 0; i < 3; i++) {
      Response r = get("p-1", "");
      assertThat(r.json().path("source").asText()).isEqualTo("trending-fallback");
      assertThat(r.json().path("fallback_reason").asText()).isEqualTo("store-error");
      assertThat(ids(r)).containsExactly("5");
    }
    assertThat(catalog.recommendations().circuitState()).isEqualTo("OPEN");

    // open: Cassandra is not asked at all
    int calls = store.calls();
    Response open = get("p-1", "");
    assertThat(open.json().path("fallback_reason").asText()).isEqualTo("circuit-open");
    assertThat(open.json().path("circuit").asText()).isEqualTo("OPEN");
    assertThat(store.calls()).isEqualTo(calls);
    assertThat(catalog.recommendations().refreshTrending()).isZero();
    assertThat(TestHttp.get(catalog.url() + "/metrics").raw())
        .contains("playstream_recommendations_circuit_open{service=\"catalog\"} 1.0")
        .contains(
            "playstream_recommendations_circuit_state{service=\"catalog\",state=\"open\"} 1.0")
        .contains(
            "playstream_recommendations_served_total{service=\"catalog\",source=\"trending-fallback\"} 4.0");
    assertThat(
            TestHttp.get(catalog.url() + "/v1/stats")
                .json()
                .path("recommendations_circuit")
                .asText())
        .isEqualTo("OPEN");

    // after the open wait the breaker lets probes through; two good ones close it
    store.mode(FakeRecsStore.Mode.UP);
    clock.advance(OPEN_WAIT.plusMillis(1));
    Response probe = get("p-1", "");
    assertThat(probe.json().path("source").asText()).isEqualTo("personalized");
    assertThat(catalog.recommendations().circuitState()).isEqualTo("HALF_OPEN");
    assertThat(ids(get("p-1", ""))).containsExactly("1", "2");
    assertThat(catalog.recommendations().circuitState()).isEqualTo("CLOSED");
    assertThat(TestHttp.get(catalog.url() + "/metrics").raw())
        .contains("playstream_recommendations_circuit_open{service=\"catalog\"} 0.0");
  }

  @Test
  void halfOpenProbeThatFailsOpensTheCircuitAgain() {
    start(store);
    store.mode(FakeRecsStore.Mode.FAILING);
    for (int i = 0; i < 4; i++) {
      get("p-1", "");
    }
    assertThat(catalog.recommendations().circuitState()).isEqualTo("OPEN");
    clock.advance(OPEN_WAIT.plusMillis(1));
    get("p-1", "");
    get("p-1", "");
    assertThat(catalog.recommendations().circuitState()).isEqualTo("OPEN");
  }

  @Test
  void withNothingCachedTheCatalogTitlesAnswer() {
    start(store);
    store.mode(FakeRecsStore.Mode.FAILING);

    Response se = get("p-1", "country=SE&limit=3");
    assertThat(se.status()).isEqualTo(200);
    assertThat(se.json().path("source").asText()).isEqualTo("catalog-fallback");
    assertThat(se.json().path("model_version").asText()).isEqualTo("catalog");
    assertThat(se.json().path("fallback_reason").asText()).isEqualTo("store-error");
    assertThat(ids(se)).containsExactly("1", "2", "3");

    store.mode(FakeRecsStore.Mode.UP);
    // Cassandra answers but nobody wrote a trending list yet: catalog titles, licensed in the US
    Response us = get("p-2", "country=US&limit=10");
    assertThat(us.json().path("source").asText()).isEqualTo("catalog-fallback");
    assertThat(us.json().path("fallback_reason").asText()).isEqualTo("no-trending");
    assertThat(ids(us)).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void trendingRefreshReplacesTheCachedList() {
    store.put("trending:US", "trending", GENERATED, "1");
    start(store);
    get("p-2", "country=US");
    store.put("trending:US", "trending", GENERATED.plusSeconds(60), "2", "3");

    assertThat(catalog.recommendations().refreshTrending()).isEqualTo(2); // US and *

    store.mode(FakeRecsStore.Mode.FAILING);
    Response r = get("p-2", "country=US");
    assertThat(r.json().path("source").asText()).isEqualTo("trending-fallback");
    assertThat(r.json().path("generated_at").asText()).isEqualTo("2026-01-02T03:05:05Z");
    assertThat(ids(r)).containsExactly("2", "3");
  }

  @Test
  void withoutCassandraTheFallbackAnswersAndSaysSo() {
    start(null);

    Response r = get("p-1", "country=SE&limit=2");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("source").asText()).isEqualTo("catalog-fallback");
    assertThat(r.json().path("fallback_reason").asText()).isEqualTo("not-configured");
    assertThat(r.json().path("circuit").asText()).isEqualTo("DISABLED");
    assertThat(ids(r)).containsExactly("1", "2");
    assertThat(
            TestHttp.get(catalog.url() + "/v1/stats").json().path("recommendations_store").asText())
        .isEqualTo("not configured");
  }

  @Test
  void badInputIsA400NamingTheField() {
    start(store);

    for (String bad : List.of("country=USA", "country=1X", "country=%20U")) {
      Response r = get("p-1", bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.field()).isEqualTo("country");
      assertThat(r.error()).contains("two-letter ISO 3166");
    }
    for (String bad : List.of("limit=0", "limit=101", "limit=ten")) {
      Response r = get("p-1", bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.field()).isEqualTo("limit");
    }
    Response reserved = get("trending:US", "", TestTokens.play("acct-1", "trending:US"));
    assertThat(reserved.status()).isEqualTo(400);
    assertThat(reserved.field()).isEqualTo("profile_id");
    Response chars = get("p%2F1", "");
    assertThat(chars.status()).isEqualTo(400);
    assertThat(chars.field()).isEqualTo("profile_id");

    assertThat(get("p-1", "", null).status()).isEqualTo(401);
    Response notMine = get("p-9", "");
    assertThat(notMine.status()).isEqualTo(403);
    assertThat(notMine.field()).isEqualTo("profile_id");
    assertThat(store.calls()).isEqualTo(1); // only the start-up refresh: bad requests read nothing
  }

  @Test
  void closingTheServiceClosesTheStore() {
    start(store);
    catalog.close();
    catalog = null;
    assertThat(store.closed()).isTrue();
  }
}
