package io.playstream.schemas;

import io.playstream.events.CdnServerHealth;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.events.CdnServerMetric;
import io.playstream.events.Impression;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.ProfileRecommendations;
import io.playstream.events.Rating;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.events.SteeringDecision;
import io.playstream.events.SteeringMetric;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every event type of the platform, with its generated class, the topic it is produced to and the
 * field that is its record key.
 *
 * <p>Service events are produced to fronting topics ({@link #fronting()}); the outputs of the
 * metrics jobs (metrics, alerts, session summaries) to the job-output topics of {@link
 * Topics#jobOutputs()}.
 */
public enum EventType {
  PLAYBACK_STARTED(
      PlaybackStarted.class, Topics.FRONTING_PLAYBACK, r -> ((PlaybackStarted) r).getSessionId()),
  PLAYBACK_HEARTBEAT(
      PlaybackHeartbeat.class,
      Topics.FRONTING_PLAYBACK,
      r -> ((PlaybackHeartbeat) r).getSessionId()),
  PLAYBACK_STOPPED(
      PlaybackStopped.class, Topics.FRONTING_PLAYBACK, r -> ((PlaybackStopped) r).getSessionId()),
  PLAYBACK_ERROR(
      PlaybackError.class, Topics.FRONTING_PLAYBACK, r -> ((PlaybackError) r).getSessionId()),
  STEERING_DECISION(
      SteeringDecision.class, Topics.FRONTING_STEERING, r -> ((SteeringDecision) r).getSessionId()),
  CDN_SERVER_HEALTH(
      CdnServerHealth.class, Topics.FRONTING_CDN, r -> ((CdnServerHealth) r).getServerId()),
  TITLE_UPSERTED(
      TitleUpserted.class, Topics.FRONTING_CATALOG, r -> ((TitleUpserted) r).getTitleId()),
  TITLE_REMOVED(TitleRemoved.class, Topics.FRONTING_CATALOG, r -> ((TitleRemoved) r).getTitleId()),
  IMPRESSION(Impression.class, Topics.FRONTING_ACTIVITY, r -> ((Impression) r).getProfileId()),
  RATING(Rating.class, Topics.FRONTING_ACTIVITY, r -> ((Rating) r).getProfileId()),
  // Outputs of the metrics jobs (stream-jobs/metrics-jobs): produced to job-output topics.
  SPS_METRIC(SpsMetric.class, Topics.METRICS_SPS, r -> ((SpsMetric) r).getCountry()),
  PLAYBACK_QUALITY_METRIC(
      PlaybackQualityMetric.class,
      Topics.METRICS_PLAYBACK_QUALITY,
      r -> {
        PlaybackQualityMetric m = (PlaybackQualityMetric) r;
        return m.getDimension() + ":" + m.getDimensionValue();
      }),
  CDN_SERVER_METRIC(
      CdnServerMetric.class, Topics.METRICS_CDN, r -> ((CdnServerMetric) r).getServerId()),
  STEERING_METRIC(SteeringMetric.class, Topics.METRICS_CDN, r -> "steering"),
  CDN_SERVER_HEALTH_CHANGED(
      CdnServerHealthChanged.class,
      Topics.METRICS_CDN,
      r -> ((CdnServerHealthChanged) r).getServerId()),
  SPS_ALERT(SpsAlert.class, Topics.ALERTS, r -> ((SpsAlert) r).getCountry()),
  PLAYBACK_SESSION_SUMMARY(
      PlaybackSessionSummary.class,
      Topics.SESSIONS,
      r -> ((PlaybackSessionSummary) r).getSessionId()),
  // Output of the recommendation pipeline (recommendation-pipeline/recs-job).
  PROFILE_RECOMMENDATIONS(
      ProfileRecommendations.class, Topics.RECS, r -> ((ProfileRecommendations) r).getProfileId());

  private static final Map<Class<?>, EventType> BY_CLASS =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.type, t -> t));
  private static final Map<String, EventType> BY_FULL_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::fullName, t -> t));

  private final Class<? extends SpecificRecord> type;
  private final TopicSpec topic;
  private final Function<SpecificRecord, String> key;
  private final Schema schema;

  EventType(
      Class<? extends SpecificRecord> type, TopicSpec topic, Function<SpecificRecord, String> key) {
    this.type = type;
    this.topic = topic;
    this.key = key;
    this.schema = SpecificData.get().getSchema(type);
  }

  /** The generated Avro class. */
  public Class<? extends SpecificRecord> javaType() {
    return type;
  }

  /** The topic this event is produced to: a fronting topic, or a job-output topic. */
  public TopicSpec topic() {
    return topic;
  }

  /** True for events the services produce to a fronting topic (the router's inputs). */
  public boolean fronting() {
    return Topics.fronting().contains(topic);
  }

  /** The event types the services produce to fronting topics, in declaration order. */
  public static List<EventType> frontingTypes() {
    return Arrays.stream(values()).filter(EventType::fronting).toList();
  }

  /** The event types the metrics jobs produce, in declaration order. */
  public static List<EventType> jobOutputTypes() {
    return Arrays.stream(values()).filter(t -> !t.fronting()).toList();
  }

  /** The current (newest) schema, the one readers resolve to. */
  public Schema schema() {
    return schema;
  }

  /** Full Avro name, e.g. {@code io.playstream.events.PlaybackStarted}. */
  public String fullName() {
    return schema.getFullName();
  }

  /** Simple Avro name, e.g. {@code PlaybackStarted}; used in headers and reports. */
  public String simpleName() {
    return schema.getName();
  }

  /** The record key of an event of this type. */
  public String keyOf(SpecificRecord event) {
    return key.apply(event);
  }

  /**
   * The type of an event instance.
   *
   * @throws IllegalArgumentException for a record that is not a Playstream event
   */
  public static EventType of(SpecificRecord event) {
    EventType t = BY_CLASS.get(event.getClass());
    if (t == null) {
      throw new IllegalArgumentException(
          "not a Playstream event type: " + event.getClass().getName());
    }
    return t;
  }

  /** The type with the given Avro full name or simple name, or null. */
  public static EventType byName(String name) {
    EventType t = BY_FULL_NAME.get(name);
    if (t != null) {
      return t;
    }
    for (EventType candidate : values()) {
      if (candidate.simpleName().equals(name) || candidate.name().equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    return null;
  }
}
