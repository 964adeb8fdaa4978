package io.playstream.recs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.events.ProfileRecommendations;
import io.playstream.events.RecommendedTitle;
import io.playstream.flink.DeadLetter;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.Topics;
import io.playstream.sinks.cassandra.CqlWrite;
import io.playstream.sinks.cassandra.RejectedRecordException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecsRowMapperTest {
  private final RecsRowMapper mapper = new RecsRowMapper("recommendations");

  @Test
  void oneIdempotentUpsertPerList() {
    ProfileRecommendations r = SampleEvents.profileRecommendations();
    CqlWrite w = mapper.toWrite(r);
    long t = r.getHeader().getEventTime().toEpochMilli();
    assertThat(mapper.statements("ks").get(w.statement()))
        .isEqualTo("INSERT INTO ks.recs_by_profile JSON ? USING TIMESTAMP ?");
    assertThat(w.values())
        .containsExactly(
            "{\"profile_id\":\"p-1\",\"generated_at\":"
                + t
                + ",\"model_version\":\"knn\",\"source\":\"realtime\",\"titles\":"
                + "[{\"title_id\":\"t-2\",\"score\":0.9},{\"title_id\":\"t-3\",\"score\":0.4}]}",
            t * 1000L);
    assertThat(mapper.toWrite(r)).isEqualTo(w);
  }

  @Test
  void escapesJsonAndRejectsEmptyProfiles() {
    ProfileRecommendations r = SampleEvents.profileRecommendations();
    r.setTitles(List.of(RecommendedTitle.newBuilder().setTitleId("a\"b\\c").setScore(1).build()));
    assertThat((String) mapper.toWrite(r).values().get(0)).contains("\"a\\\"b\\\\c\"");
    r.setProfileId("");
    assertThatThrownBy(() -> mapper.toWrite(r)).isInstanceOf(RejectedRecordException.class);
    DeadLetter d = mapper.deadLetter(r, DeadLetterHeaders.SINK_WRITE_FAILED, "timeout");
    assertThat(d.reason).isEqualTo(DeadLetterHeaders.SINK_WRITE_FAILED);
    assertThat(d.sourceTopic).isEqualTo(Topics.RECS.name());
    assertThat(d.component).isEqualTo("recommendations");
  }
}
