package io.playstream.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.schemas.Events;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import io.playstream.services.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogOutboxTest {
  private static final String TITLE =
      """
      {"name":"NAME","genres":[],"licensed_countries":["US"],"maturity_rating":"PG",
       "duration_seconds":5400}
      """;

  private final RecordingEmitter emitter = new RecordingEmitter();
  private final TestClock clock = TestClock.atNow();
  private CatalogService catalog;

  @AfterEach
  void stop() {
    if (catalog != null) {
      catalog.close();
    }
  }

  @Test
  void changesWaitInTheOutboxWhileKafkaIsDownAndArriveOnceInOrderAfter() {
    String db = CatalogTestSupport.memoryDb();
    catalog = CatalogService.start(CatalogTestSupport.config(db, false), emitter, clock);
    String base = catalog.url() + "/v1/titles/";
    String writer = TestTokens.catalogWriter();
    emitter.failing(true);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      assertThat(TestHttp.put(base + "t-" + i, writer, TITLE.replace("NAME", "v1-" + i)).status())
          .isEqualTo(201);
      expected.add("upsert t-" + i + " v1-" + i);
    }
    assertThat(TestHttp.put(base + "t-0", writer, TITLE.replace("NAME", "v2-0")).status())
        .isEqualTo(200);
    expected.add("upsert t-0 v2-0");
    assertThat(TestHttp.delete(base + "t-3", writer).status()).isEqualTo(204);
    expected.add("remove t-3");

    // the relay keeps trying (and failing) while rows stay put
    await().atMost(Duration.ofSeconds(5)).until(() -> catalog.relay().failedRounds() >= 3);
    assertThat(catalog.store().outboxSize()).isEqualTo(7);
    assertThat(emitter.events()).isEmpty();
    assertThat(emitter.failed()).containsKey("TitleUpserted");

    emitter.failing(false);

    await().atMost(Duration.ofSeconds(5)).until(() -> catalog.store().outboxSize() == 0);
    List<SpecificRecord> delivered = emitter.events();
    assertThat(delivered.stream().map(CatalogOutboxTest::describe).toList())
        .containsExactlyElementsOf(expected);
    assertThat(delivered.stream().map(Events::eventId).distinct()).hasSize(expected.size());
    assertThat(catalog.relay().relayed()).isEqualTo(expected.size());
    assertThat(TestHttp.get(catalog.url() + "/metrics").raw())
        .contains("playstream_outbox_pending{service=\"catalog\"} 0.0")
        .contains("playstream_outbox_relayed_total{service=\"catalog\"} 7.0");
    assertThat(TestHttp.get(catalog.url() + "/v1/stats").json().path("outbox_pending").asLong())
        .isZero();
  }

  @Test
  void pendingRowsSurviveARestart() {
    String db = CatalogTestSupport.memoryDb();
    emitter.failing(true);
    catalog = CatalogService.start(CatalogTestSupport.config(db, false), emitter, clock);
    TestHttp.put(catalog.url() + "/v1/titles/t-1", TestTokens.catalogWriter(), TITLE);
    catalog.close();

    RecordingEmitter afterRestart = new RecordingEmitter();
    catalog = CatalogService.start(CatalogTestSupport.config(db, false), afterRestart, clock);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> afterRestart.events(TitleUpserted.class).size() == 1);
    assertThat(afterRestart.events(TitleUpserted.class).get(0).getTitleId()).isEqualTo("t-1");
    assertThat(emitter.events()).isEmpty();
  }

  private static String describe(SpecificRecord event) {
    if (event instanceof TitleUpserted u) {
      return "upsert " + u.getTitleId() + " " + u.getName();
    }
    return "remove " + ((TitleRemoved) event).getTitleId();
  }
}
