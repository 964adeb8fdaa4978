package io.playstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void namesAreUniqueAndFollowTheConvention() {
    assertThat(Topics.all()).extracting(TopicSpec::name).doesNotHaveDuplicates();
    assertThat(Topics.all()).allSatisfy(t -> assertThat(t.name()).startsWith("playstream."));
  }

  @Test
  void everyEventTypeIsProducedToAFrontingTopic() {
    for (EventType type : EventType.values()) {
      assertThat(Topics.fronting()).contains(type.topic());
    }
  }

  @Test
  void keysFollowOrderingNeeds() {
    assertThat(EventType.PLAYBACK_HEARTBEAT.keyOf(SampleEvents.heartbeat())).isEqualTo("s-1");
    assertThat(EventType.RATING.keyOf(SampleEvents.rating())).isEqualTo("p-1");
    assertThat(EventType.TITLE_UPSERTED.keyOf(SampleEvents.titleUpserted())).isEqualTo("t-1");
    assertThat(Events.key(SampleEvents.cdnHealth())).isEqualTo("oca-us-east-1");
  }

  @Test
  void routeTopicsAreDerivedAndValidated() {
    assertThat(Topics.route("metrics-input").name()).isEqualTo("playstream.route.metrics-input");
    assertThatThrownBy(() -> Topics.route("Bad Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad Name");
  }

  @Test
  void compactedTopicsSayCompact() {
    assertThat(Topics.ROUTES.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(Topics.FRONTING_PLAYBACK.configs()).containsEntry("retention.ms", "604800000");
  }

  @Test
  void lookupByNameOrType() {
    assertThat(Topics.byName("playstream.dlq")).contains(Topics.DLQ);
    assertThat(EventType.byName("Rating")).isEqualTo(EventType.RATING);
    assertThat(EventType.byName("io.playstream.events.Rating")).isEqualTo(EventType.RATING);
    assertThat(EventType.byName("nope")).isNull();
  }
}
