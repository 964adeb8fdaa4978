package io.playstream.schemas;

import io.playstream.schemas.TopicSpec.ValueFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topic catalog: every topic name of the platform is defined here and nowhere else.
 *
 * <p>Fronting topics receive events from the services; the router fans them out to route topics;
 * jobs write metric topics. Record keys are chosen so that ordering holds where it matters: per
 * playback session for playback telemetry, per profile for profile activity, per title for the
 * catalog and per server for CDN health.
 */
public final class Topics {
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Pattern ROUTE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** Playback telemetry: started, heartbeat, stopped, error. Keyed by session id. */
  public static final TopicSpec FRONTING_PLAYBACK =
      new TopicSpec(
          "playstream.fronting.playback",
          4,
          WEEK,
          false,
          "session_id",
          ValueFormat.AVRO_EVENT,
          "Playback telemetry from the Play API");

  /** Steering decisions. Keyed by session id, so they co-partition with playback telemetry. */
  public static final TopicSpec FRONTING_STEERING =
      new TopicSpec(
          "playstream.fronting.steering",
          4,
          WEEK,
          false,
          "session_id",
          ValueFormat.AVRO_EVENT,
          "CDN steering decisions");

  /** CDN server health reports. Keyed by server id. */
  public static final TopicSpec FRONTING_CDN =
      new TopicSpec(
          "playstream.fronting.cdn",
          2,
          WEEK,
          false,
          "server_id",
          ValueFormat.AVRO_EVENT,
          "CDN server health reports");

  /** Catalog changes. Keyed by title id and compacted: the topic is the current catalog. */
  public static final TopicSpec FRONTING_CATALOG =
      new TopicSpec(
          "playstream.fronting.catalog",
          2,
          WEEK,
          true,
          "title_id",
          ValueFormat.AVRO_EVENT,
          "Catalog title upserts and removals");

  /** Profile activity: impressions and ratings. Keyed by profile id. */
  public static final TopicSpec FRONTING_ACTIVITY =
      new TopicSpec(
          "playstream.fronting.activity",
          4,
          WEEK,
          false,
          "profile_id",
          ValueFormat.AVRO_EVENT,
          "Impressions and ratings");

  /** Dead letters: raw bytes of what could not be handled, with reason and origin headers. */
  public static final TopicSpec DLQ =
      new TopicSpec(
          "playstream.dlq",
          2,
          Duration.ofDays(30),
          false,
          "original key",
          ValueFormat.RAW_BYTES,
          "Dead letters with reason and origin headers");

  /** Applied route definitions, compacted by route name. */
  public static final TopicSpec ROUTES =
      new TopicSpec(
          "playstream.routes",
          1,
          WEEK,
          true,
          "route name",
          ValueFormat.TEXT,
          "Route definitions (YAML), latest per route name");

  /** Stream starts per second and play failures per country and device (SpsMetric). */
  public static final TopicSpec METRICS_SPS =
      new TopicSpec(
          "playstream.metrics.sps",
          2,
          WEEK,
          false,
          "country",
          ValueFormat.AVRO_EVENT,
          "SPS and play failures per window, country and device type");

  /** Startup latency percentiles, rebuffer ratio and bitrate (PlaybackQualityMetric). */
  public static final TopicSpec METRICS_PLAYBACK_QUALITY =
      new TopicSpec(
          "playstream.metrics.playback-quality",
          2,
          WEEK,
          false,
          "<dimension>:<value>",
          ValueFormat.AVRO_EVENT,
          "Startup latency percentiles, rebuffer ratio and mean bitrate per CDN server and ISP");

  /**
   * CDN and steering health: CdnServerMetric and CdnServerHealthChanged keyed by server id,
   * SteeringMetric keyed by 'steering'.
   */
  public static final TopicSpec METRICS_CDN =
      new TopicSpec(
          "playstream.metrics.cdn",
          2,
          WEEK,
          false,
          "server_id",
          ValueFormat.AVRO_EVENT,
          "Traffic share, load and health per CDN server; steering fallback rate");

  /**
   * Events that arrived after their window closed: the original key and value bytes with the
   * original headers plus origin headers, like dead letters, so nothing is dropped silently.
   */
  public static final TopicSpec METRICS_LATE =
      new TopicSpec(
          "playstream.metrics.late",
          2,
          WEEK,
          false,
          "original key",
          ValueFormat.RAW_BYTES,
          "Late events of the metrics jobs: original bytes and headers");

  /** Operational alerts, e.g. SpsAlert, keyed by the alert's subject (country). */
  public static final TopicSpec ALERTS =
      new TopicSpec(
          "playstream.alerts",
          1,
          Duration.ofDays(30),
          false,
          "country",
          ValueFormat.AVRO_EVENT,
          "Alerts opened and resolved by the metrics jobs");

  /** One PlaybackSessionSummary per ended or timed-out playback session. */
  public static final TopicSpec SESSIONS =
      new TopicSpec(
          "playstream.sessions",
          4,
          WEEK,
          false,
          "session_id",
          ValueFormat.AVRO_EVENT,
          "Playback session summaries from the sessionizer");

  /** Per-profile recommendations (ProfileRecommendations) of the recommendation pipeline. */
  public static final TopicSpec RECS =
      new TopicSpec(
          "playstream.recs",
          4,
          WEEK,
          false,
          "profile_id",
          ValueFormat.AVRO_EVENT,
          "Recommendations per profile from the recommendation pipeline");

  private static final List<TopicSpec> ALL =
      List.of(
          FRONTING_PLAYBACK,
          FRONTING_STEERING,
          FRONTING_CDN,
          FRONTING_CATALOG,
          FRONTING_ACTIVITY,
          DLQ,
          ROUTES,
          METRICS_SPS,
          METRICS_PLAYBACK_QUALITY,
          METRICS_CDN,
          METRICS_LATE,
          ALERTS,
          SESSIONS,
          RECS);

  private Topics() {}

  /** Every fixed topic of the platform, in a stable order. */
  public static List<TopicSpec> all() {
    return ALL;
  }

  /** The fronting topics the services produce to. */
  public static List<TopicSpec> fronting() {
    return List.of(
        FRONTING_PLAYBACK, FRONTING_STEERING, FRONTING_CDN, FRONTING_CATALOG, FRONTING_ACTIVITY);
  }

  /** The topics the metrics jobs write: metrics, late events, alerts and sessions. */
  public static List<TopicSpec> jobOutputs() {
    return List.of(
        METRICS_SPS, METRICS_PLAYBACK_QUALITY, METRICS_CDN, METRICS_LATE, ALERTS, SESSIONS, RECS);
  }

  /** Looks a fixed topic up by name. */
  public static Optional<TopicSpec> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The topic a route writes to: {@code playstream.route.<route>}.
   *
   * @throws IllegalArgumentException when the route name is not lower-case letters, digits, '-' or
   *     '_' (at most 63 characters)
   */
  public static TopicSpec route(String routeName) {
    if (routeName == null || !ROUTE_NAME.matcher(routeName).matches()) {
      throw new IllegalArgumentException(
          "route name '" + routeName + "' must match " + ROUTE_NAME.pattern());
    }
    return new TopicSpec(
        "playstream.route." + routeName,
        4,
        WEEK,
        false,
        "same as source",
        ValueFormat.AVRO_EVENT,
        "Events selected by route " + routeName);
  }
}
