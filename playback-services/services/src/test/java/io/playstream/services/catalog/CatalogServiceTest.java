package io.playstream.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestHttp.Response;
import io.playstream.services.testing.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogServiceTest {
  private static final String TITLE =
      """
      {"name":"Night Train (2024)","genres":["Drama","Thriller"],"release_year":2024,
       "licensed_countries":["us","GB"],"maturity_rating":"PG-13","duration_seconds":6000}
      """;

  private final RecordingEmitter emitter = new RecordingEmitter();
  private final TestClock clock = TestClock.atNow();
  private CatalogService catalog;
  private String base;

  @BeforeEach
  void start() {
    catalog =
        CatalogService.start(
            CatalogTestSupport.config(CatalogTestSupport.memoryDb(), false), emitter, clock);
    base = catalog.url() + "/v1/titles";
  }

  @AfterEach
  void stop() {
    catalog.close();
  }

  @Test
  void putCreatesThenReplacesAndAnnouncesEachChange() {
    Response first = TestHttp.put(base + "/t-1", TestTokens.catalogWriter(), TITLE);
    Response second =
        TestHttp.put(base + "/t-1", TestTokens.catalogWriter(), TITLE.replace("PG-13", "R"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    JsonNode got = TestHttp.get(base + "/t-1").json();
    assertThat(got.path("title_id").asText()).isEqualTo("t-1");
    assertThat(got.path("maturity_rating").asText()).isEqualTo("R");
    assertThat(got.path("licensed_countries").toString()).isEqualTo("[\"US\",\"GB\"]");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> emitter.events(TitleUpserted.class).size() == 2);
    TitleUpserted event = emitter.events(TitleUpserted.class).get(0);
    assertThat(event.getTitleId()).isEqualTo("t-1");
    assertThat(event.getName()).isEqualTo("Night Train (2024)");
    assertThat(event.getGenres()).containsExactly("Drama", "Thriller");
    assertThat(event.getReleaseYear()).isEqualTo(2024);
    assertThat(event.getMaturityRating()).isEqualTo("PG-13");
    assertThat(event.getDurationSeconds()).isEqualTo(6000);
    assertThat(event.getHeader().getService()).isEqualTo("catalog");
    assertThat(event.getHeader().getEventTime()).isEqualTo(clock.instant());
    assertThat(emitter.events(TitleUpserted.class).get(1).getMaturityRating()).isEqualTo("R");
  }

  @Test
  void listsAndAnswersAvailabilityPerCountry() {
    TestHttp.put(base + "/t-1", TestTokens.catalogWriter(), TITLE);
    TestHttp.put(base + "/t-2", TestTokens.catalogWriter(), TITLE);

    JsonNode page = TestHttp.get(base + "?offset=1&limit=10").json();
    JsonNode us = TestHttp.get(base + "/t-1/availability?country=us").json();
    JsonNode fr = TestHttp.get(base + "/t-1/availability?country=FR").json();

    assertThat(page.path("total").asLong()).isEqualTo(2);
    assertThat(page.path("titles")).hasSize(1);
    assertThat(page.path("titles").get(0).path("title_id").asText()).isEqualTo("t-2");
    assertThat(us.path("available").asBoolean()).isTrue();
    assertThat(us.path("country").asText()).isEqualTo("US");
    assertThat(fr.path("available").asBoolean()).isFalse();
  }

  @Test
  void deleteRemovesAndAnnounces() {
    TestHttp.put(base + "/t-1", TestTokens.catalogWriter(), TITLE);

    Response deleted =
        TestHttp.delete(base + "/t-1?reason=license%20ended", TestTokens.catalogWriter());
    Response again = TestHttp.delete(base + "/t-1", TestTokens.catalogWriter());

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.field()).isEqualTo("title_id");
    assertThat(TestHttp.get(base + "/t-1").status()).isEqualTo(404);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> emitter.events(TitleRemoved.class).size() == 1);
    assertThat(emitter.events(TitleRemoved.class).get(0).getReason()).isEqualTo("license ended");
  }

  @Test
  void unknownTitlesAre404() {
    Response title = TestHttp.get(base + "/nope");
    Response availability = TestHttp.get(base + "/nope/availability?country=US");

    assertThat(title.status()).isEqualTo(404);
    assertThat(title.error()).contains("unknown title nope");
    assertThat(title.field()).isEqualTo("title_id");
    assertThat(availability.status()).isEqualTo(404);
  }

  @Test
  void badInputIs400NamingTheField() {
    TestHttp.put(base + "/t-1", TestTokens.catalogWriter(), TITLE);
    String writer = TestTokens.catalogWriter();

    Response malformed = TestHttp.put(base + "/t-2", writer, "{\"name\": ");
    Response missing =
        TestHttp.put(base + "/t-2", writer, TITLE.replace("\"maturity_rating\":\"PG-13\",", ""));
    Response badCountry = TestHttp.put(base + "/t-2", writer, TITLE.replace("\"us\"", "\"USA\""));
    Response badDuration = TestHttp.put(base + "/t-2", writer, TITLE.replace("6000", "\"long\""));
    Response idMismatch =
        TestHttp.put(base + "/t-2", writer, TITLE.replace("{", "{\"title_id\":\"x\","));
    Response badLimit = TestHttp.get(base + "?limit=abc");
    Response noCountry = TestHttp.get(base + "/t-1/availability");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.error()).contains("malformed JSON");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.field()).isEqualTo("maturity_rating");
    assertThat(badCountry.field()).isEqualTo("licensed_countries");
    assertThat(badDuration.field()).isEqualTo("duration_seconds");
    assertThat(idMismatch.field()).isEqualTo("title_id");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.field()).isEqualTo("limit");
    assertThat(noCountry.status()).isEqualTo(400);
    assertThat(noCountry.field()).isEqualTo("country");
    assertThat(TestHttp.get(base + "/t-2").status()).isEqualTo(404);
  }

  @Test
  void writesNeedACatalogWriterToken() {
    Response none = TestHttp.put(base + "/t-1", null, TITLE);
    Response forged = TestHttp.put(base + "/t-1", TestTokens.forgedPlay("a", "p"), TITLE);
    Response viewer = TestHttp.put(base + "/t-1", TestTokens.play("a", "p"), TITLE);
    Response deleteAsViewer = TestHttp.delete(base + "/t-1", TestTokens.play("a", "p"));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.error()).isEqualTo("missing bearer token");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.error()).contains("signature");
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(deleteAsViewer.status()).isEqualTo(403);
    assertThat(catalog.store().count()).isZero();
    assertThat(catalog.store().outboxSize()).isZero();
  }
}
