package io.playstream.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.events.TitleUpserted;
import io.playstream.services.common.RecordingEmitter;
import io.playstream.services.testing.TestClock;
import io.playstream.services.testing.TestHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSeedTest {
  private static final int MOVIELENS_TITLES = 9742;

  @Test
  void firstStartSeedsEveryMovieLensTitleAndAnnouncesEachOnce() {
    String db = CatalogTestSupport.memoryDb();
    RecordingEmitter emitter = new RecordingEmitter();
    TestClock clock = TestClock.atNow();

    try (CatalogService catalog =
        CatalogService.start(CatalogTestSupport.config(db, true), emitter, clock)) {
      assertThat(catalog.seeded()).isEqualTo(MOVIELENS_TITLES);
      assertThat(TestHttp.get(catalog.url() + "/v1/titles?limit=1").json().path("total").asLong())
          .isEqualTo(MOVIELENS_TITLES);
      assertThat(TestHttp.get(catalog.url() + "/v1/titles/1").json().path("name").asText())
          .isEqualTo("Toy Story (1995)");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> emitter.events(TitleUpserted.class).size() >= MOVIELENS_TITLES);
      List<TitleUpserted> events = emitter.events(TitleUpserted.class);
      assertThat(events).hasSize(MOVIELENS_TITLES);
      assertThat(events.stream().map(TitleUpserted::getTitleId).distinct())
          .hasSize(MOVIELENS_TITLES);
      assertThat(events.get(0).getTitleId()).isEqualTo("1");
    }

    RecordingEmitter second = new RecordingEmitter();
    try (CatalogService again =
        CatalogService.start(CatalogTestSupport.config(db, true), second, clock)) {
      assertThat(again.seeded()).isZero();
      assertThat(again.store().count()).isEqualTo(MOVIELENS_TITLES);
      assertThat(again.store().outboxSize()).isZero();
    }
  }
}
