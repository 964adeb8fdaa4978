package io.playstream.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.schemas.Events;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.recommendations.RecommendationsConfig;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestHttp.Response;
import io.playstream.services.testing.TestTokens;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /recommendations/{profile_id}} against a real Cassandra node: rows written as the
 * recommendation job writes them (sink-cassandra's schema, {@code INSERT ... JSON}) come back over
 * HTTP, filtered by the catalog; a newer row replaces the answer; a profile without a row gets its
 * country's trending list; a second catalog pointed at a closed port serves the fallback and opens
 * its circuit while the first one keeps serving from Cassandra.
 */
class CatalogRecommendationsIT {
  @RegisterExtension
  static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static CqlSession session;
  private static String keyspace;
  private final String viewer = TestTokens.play("acct-1", "p-1", "p-2");

  @BeforeAll
  static void schema() {
    session =
        CqlSession.builder()
            .addContactPoint(CASSANDRA.contactPoint())
            .withLocalDatacenter(CASSANDRA.localDatacenter())
            .build();
    keyspace = "recs_svc_it_" + ProcessHandle.current().pid();
    CqlSchema.apply(session, keyspace);
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  /** Writes a row the way recs-job's RecsRowMapper does. */
  private static void write(String key, Instant at, String model, String source, String... ids) {
    StringBuilder titles = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      titles.append(i == 0 ? "" : ",");
      titles.append("{\"title_id\":\"").append(ids[i]).append("\",\"score\":");
      titles.append(ids.length - i).append(".5}");
    }
    String json =
        String.format(
            "{\"profile_id\":\"%s\",\"generated_at\":%d,\"model_version\":\"%s\","
                + "\"source\":\"%s\",\"titles\":[%s]}",
            key, at.toEpochMilli(), model, source, titles);
    session.execute(
        SimpleStatement.newInstance(
            "INSERT INTO " + keyspace + ".recs_by_profile JSON ? USING TIMESTAMP ?",
            json,
            at.toEpochMilli() * 1000));
  }

  private static CatalogService catalog(String contactPoints) {
    RecommendationsConfig recs =
        RecommendationsConfig.disabled()
            .withContactPoints(RecommendationsConfig.parseContactPoints(contactPoints))
            .withKeyspace(keyspace, CASSANDRA.localDatacenter())
            .withTimings(
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofSeconds(1));
    CatalogService c =
        CatalogService.start(
            CatalogTestSupport.config(CatalogTestSupport.memoryDb(), false)
                .withRecommendations(recs),
            new RecordingEmitter(),
            Clock.systemUTC());
    for (int i = 1; i <= 6; i++) {
      List<String> countries = i == 6 ? List.of("SE") : List.of("US", "SE");
      c.store()
          .upsert(
              new Title("" + i, "Title " + i, List.of("Drama"), 2000 + i, countries, "PG", 5400),
              Events.newHeader("catalog", "it", Instant.now(), null));
    }
    return c;
  }

  private Response get(CatalogService c, String profile, String query) {
    return TestHttp.get(c.url() + "/recommendations/" + profile + "?" + query, viewer);
  }

  private static List<String> ids(Response r) {
    List<String> ids = new ArrayList<>();
    for (JsonNode t : r.json().path("titles")) {
      ids.add(t.path("title_id").asText());
    }
    return ids;
  }

  @Test
  void rowsWrittenToCassandraAreServedAndTheFallbackAnswersWhenItIsUnreachable() {
    write("p-1", T1, "knn+als-v1", "realtime", "3", "6", "42", "1");
    write("trending:US", T1, "trending", "trending", "5", "4");
    write("trending:*", T1, "trending", "trending", "2");

    try (CatalogService up = catalog(CASSANDRA.contactPoints())) {
      // the driver connects in the background; until then the fallback answers
      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(get(up, "p-1", "country=US").json().path("source").asText())
                      .isEqualTo("personalized"));
      Response p1 = get(up, "p-1", "country=US");
      assertThat(p1.json().path("model_version").asText()).isEqualTo("knn+als-v1");
      assertThat(Instant.parse(p1.json().path("generated_at").asText())).isEqualTo(T1);
      // 6 is not licensed in the US, 42 is not in the catalog
      assertThat(ids(p1)).containsExactly("3", "1");
      assertThat(p1.json().path("titles").get(0).path("name").asText()).isEqualTo("Title 3");
      assertThat(p1.json().path("titles").get(0).path("score").asDouble()).isEqualTo(4.5);

      // cold start: the country's trending list, then the global one for another country
      Response p2 = get(up, "p-2", "country=US");
      assertThat(p2.json().path("source").asText()).isEqualTo("trending");
      assertThat(ids(p2)).containsExactly("5", "4");
      assertThat(ids(get(up, "p-2", "country=SE"))).containsExactly("2");

      // a newer list replaces the answer
      write("p-1", T1.plusSeconds(5), "knn+als-v2", "realtime", "4", "2");
      Response newer = get(up, "p-1", "country=US");
      assertThat(newer.json().path("model_version").asText()).isEqualTo("knn+als-v2");
      assertThat(ids(newer)).containsExactly("4", "2");

      // a catalog whose Cassandra cannot be reached still renders the page
      String closedPort = "127.0.0.1:" + TestHttp.unusedPort();
      try (CatalogService down = catalog(closedPort)) {
        Response r = get(down, "p-1", "country=US&limit=3");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("source").asText()).isEqualTo("catalog-fallback");
        assertThat(r.json().path("fallback_reason").asText()).isEqualTo("store-error");
        assertThat(ids(r)).containsExactly("1", "2", "3");
        for (int i = 0; i < 5; i++) {
          get(down, "p-1", "country=US");
        }
        assertThat(down.recommendations().circuitState()).isEqualTo("OPEN");
        assertThat(get(down, "p-1", "").json().path("fallback_reason").asText())
            .isEqualTo("circuit-open");
        assertThat(TestHttp.get(down.url() + "/metrics").raw())
            .contains("playstream_recommendations_circuit_open{service=\"catalog\"} 1.0");
        assertThat(
                TestHttp.get(down.url() + "/v1/stats")
                    .json()
                    .path("recommendations_store")
                    .asText())
            .startsWith("cassandra " + closedPort);
      }
      // the healthy instance was never affected
      assertThat(get(up, "p-1", "country=US").json().path("source").asText())
          .isEqualTo("personalized");
      assertThat(up.recommendations().circuitState()).isEqualTo("CLOSED");
      assertThat(up.recommendations().cachedTrending()).contains("US", "*");
    }
  }
}
