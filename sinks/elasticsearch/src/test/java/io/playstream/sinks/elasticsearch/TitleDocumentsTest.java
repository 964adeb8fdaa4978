package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.schemas.SampleEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TitleDocumentsTest {
  @Test
  void anUpsertIndexesTheTitleUnderItsIdVersionedByEventTime() {
    TitleUpserted t = SampleEvents.titleUpserted();

    EsAction a = TitleDocuments.upsert("playstream-titles", t);

    assertThat(a.getOpType()).isEqualTo(EsAction.OpType.INDEX);
    assertThat(a.getIndex()).isEqualTo("playstream-titles");
    assertThat(a.getId()).isEqualTo(t.getTitleId().toString());
    assertThat(a.getVersion()).isEqualTo(t.getHeader().getEventTime().toEpochMilli());
    Map<String, Object> doc = EsJson.toMap(a.getDocument());
    assertThat(doc)
        .containsEntry("title_id", t.getTitleId().toString())
        .containsEntry("name", t.getName().toString())
        .containsEntry("maturity_rating", t.getMaturityRating().toString())
        .containsEntry("duration_seconds", t.getDurationSeconds())
        .containsEntry("updated_at", t.getHeader().getEventTime().toString())
        .containsEntry("event_id", t.getHeader().getEventId().toString())
        .containsKeys("genres", "licensed_countries", "release_year");
    // the strict template lists exactly these fields
    assertThat(doc)
        .containsOnlyKeys(
            "title_id",
            "name",
            "genres",
            "release_year",
            "licensed_countries",
            "maturity_rating",
            "duration_seconds",
            "updated_at",
            "event_id");
  }

  @Test
  void aRemovalDeletesTheTitleVersionedByEventTime() {
    TitleRemoved t = SampleEvents.titleRemoved();

    EsAction a = TitleDocuments.remove("playstream-titles", t);

    assertThat(a.getOpType()).isEqualTo(EsAction.OpType.DELETE);
    assertThat(a.getId()).isEqualTo(t.getTitleId().toString());
    assertThat(a.getDocument()).isNull();
    assertThat(a.getVersion()).isEqualTo(t.getHeader().getEventTime().toEpochMilli());
  }

  @Test
  void aReplayedEventGivesTheSameAction() {
    TitleUpserted t = SampleEvents.titleUpserted();

    assertThat(TitleDocuments.upsert("i", t)).isEqualTo(TitleDocuments.upsert("i", t));
  }
}
