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
  void everyEventTypeIsProducedToAFrontingOrAJobOutputTopic() {
    for (EventType type : EventType.values()) {
      assertThat(type.fronting() ? Topics.fronting() : Topics.jobOutputs()).contains(type.topic());
    }
    assertThat(EventType.frontingTypes())
        .contains(EventType.PLAYBACK_STARTED, EventType.RATING)
        .doesNotContain(EventType.SPS_METRIC, EventType.PLAYBACK_SESSION_SUMMARY);
    assertThat(EventType.jobOutputTypes())
        .containsExactly(
            EventType.SPS_METRIC,
            EventType.PLAYBACK_QUALITY_METRIC,
            EventType.CDN_SERVER_METRIC,
            EventType.STEERING_METRIC,
            EventType.CDN_SERVER_HEALTH_CHANGED,
            EventType.SPS_ALERT,
            EventType.PLAYBACK_SESSION_SUMMARY,
            EventType.PROFILE_RECOMMENDATIONS);
  }

  @Test
  void jobOutputTopicsFollowTheConventionAndAreInTheCatalog() {
    assertThat(Topics.jobOutputs())
        .extracting(TopicSpec::name)
        .containsExactly(
            "playstream.metrics.sps",
            "playstream.metrics.playback-quality",
            "playstream.metrics.cdn",
            "playstream.metrics.late",
            "playstream.alerts",
            "playstream.sessions",
            "playstream.recs");
    assertThat(Topics.all()).containsAll(Topics.jobOutputs());
    assertThat(Topics.METRICS_LATE.valueFormat()).isEqualTo(TopicSpec.ValueFormat.RAW_BYTES);
  }

  @Test
  void jobOutputKeys() {
    assertThat(Events.key(SampleEvents.spsMetric())).isEqualTo("US");
    assertThat(Events.key(SampleEvents.playbackQualityMetric()))
        .isEqualTo("CDN_SERVER:oca-us-east-1");
    assertThat(Events.key(SampleEvents.cdnServerMetric())).isEqualTo("oca-us-east-1");
    assertThat(Events.key(SampleEvents.steeringMetric())).isEqualTo("steering");
    assertThat(Events.key(SampleEvents.cdnServerHealthChanged())).isEqualTo("oca-us-east-1");
    assertThat(Events.key(SampleEvents.spsAlert())).isEqualTo("US");
    assertThat(Events.key(SampleEvents.sessionSummary())).isEqualTo("s-1");
    assertThat(Events.key(SampleEvents.profileRecommendations())).isEqualTo("p-1");
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
