package io.playstream.jobs;

import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.FlinkJobOptions.DurationConverter;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.io.Serializable;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of the metrics jobs (a picocli mixin next to {@code FlinkJobOptions}): topics, window
 * sizes, the SPS alert rule and the session timeout. Every field has its default, so tests build
 * the jobs from {@code new MetricsJobsOptions()} and change what they need.
 */
public class MetricsJobsOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  @Option(
      names = "--input-topic",
      defaultValue = "playstream.route.metrics-playback",
      description =
          "Route topic with playback, steering and CDN events (default: ${DEFAULT-VALUE}).")
  public String inputTopic = Topics.route("metrics-playback").name();

  @Option(
      names = "--sps-topic",
      defaultValue = "playstream.metrics.sps",
      description = "SpsMetric output topic (default: ${DEFAULT-VALUE}).")
  public String spsTopic = Topics.METRICS_SPS.name();

  @Option(
      names = "--quality-topic",
      defaultValue = "playstream.metrics.playback-quality",
      description = "PlaybackQualityMetric output topic (default: ${DEFAULT-VALUE}).")
  public String qualityTopic = Topics.METRICS_PLAYBACK_QUALITY.name();

  @Option(
      names = "--cdn-topic",
      defaultValue = "playstream.metrics.cdn",
      description = "CDN and steering metrics output topic (default: ${DEFAULT-VALUE}).")
  public String cdnTopic = Topics.METRICS_CDN.name();

  @Option(
      names = "--late-topic",
      defaultValue = "playstream.metrics.late",
      description =
          "Topic for late events, original bytes and headers (default: ${DEFAULT-VALUE}).")
  public String lateTopic = Topics.METRICS_LATE.name();

  @Option(
      names = "--alerts-topic",
      defaultValue = "playstream.alerts",
      description = "SpsAlert output topic (default: ${DEFAULT-VALUE}).")
  public String alertsTopic = Topics.ALERTS.name();

  @Option(
      names = "--sessions-topic",
      defaultValue = "playstream.sessions",
      description = "PlaybackSessionSummary output topic (default: ${DEFAULT-VALUE}).")
  public String sessionsTopic = Topics.SESSIONS.name();

  @Option(
      names = "--quality-window",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Window of the startup latency / rebuffer metrics (default: ${DEFAULT-VALUE}).")
  public Duration qualityWindow = Duration.ofSeconds(10);

  @Option(
      names = "--cdn-window",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Window of the CDN and steering metrics (default: ${DEFAULT-VALUE}).")
  public Duration cdnWindow = Duration.ofSeconds(10);

  @Option(
      names = "--alert-window",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Which SPS windows the alert compares, 1s or 10s (default: ${DEFAULT-VALUE}).")
  public Duration alertWindow = Duration.ofSeconds(10);

  @Option(
      names = "--alert-drop-share",
      defaultValue = "0.5",
      description =
          "An alert opens when a country's SPS is below (1 - share) x its baseline"
              + " (default: ${DEFAULT-VALUE}).")
  public double alertDropShare = 0.5;

  @Option(
      names = "--alert-duration",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How long SPS must stay below the threshold to alert (default: ${DEFAULT-VALUE}).")
  public Duration alertDuration = Duration.ofSeconds(30);

  @Option(
      names = "--alert-baseline-half-life",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Half-life of the trailing SPS baseline (EWMA) (default: ${DEFAULT-VALUE}).")
  public Duration alertBaselineHalfLife = Duration.ofMinutes(5);

  @Option(
      names = "--alert-warmup",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description = "Baseline warm-up per country before it may alert (default: ${DEFAULT-VALUE}).")
  public Duration alertWarmup = Duration.ofMinutes(1);

  @Option(
      names = "--alert-min-baseline-sps",
      defaultValue = "0.2",
      description = "Countries with a smaller baseline never alert (default: ${DEFAULT-VALUE}).")
  public double alertMinBaselineSps = 0.2;

  @Option(
      names = "--session-timeout",
      defaultValue = "90s",
      converter = DurationConverter.class,
      description =
          "A session without events for this long (event time) is summarised as TIMEOUT"
              + " (default: ${DEFAULT-VALUE}).")
  public Duration sessionTimeout = Duration.ofSeconds(90);

  @Option(
      names = "--server-state-ttl",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Health-transition state of a server without reports is dropped after this"
              + " (default: ${DEFAULT-VALUE}).")
  public Duration serverStateTtl = Duration.ofHours(1);

  @Option(
      names = {"--es-url", "--elasticsearch-url"},
      description =
          "Elasticsearch base URL (e.g. http://127.0.0.1:9200); when set, metrics and alerts are"
              + " also indexed there with deterministic ids (default: Kafka only).")
  public String elasticsearchUrl;

  @Option(
      names = "--es-max-time-in-buffer",
      defaultValue = "200ms",
      converter = FlinkJobOptions.DurationConverter.class,
      description =
          "Longest a metric document waits in the Elasticsearch sink's buffer before a bulk"
              + " request is sent; metric volume is small, so short keeps dashboards fresh"
              + " (default: ${DEFAULT-VALUE}).")
  public Duration esMaxTimeInBuffer = Duration.ofMillis(200);

  @Option(
      names = "--skip-es-templates",
      description = "Do not apply the Elasticsearch index templates before starting.")
  public boolean skipEsTemplates;

  /** The topic spec of the catalog with the configured name (same partitions and retention). */
  public static TopicSpec topic(TopicSpec catalog, String name) {
    if (name == null || name.equals(catalog.name())) {
      return catalog;
    }
    return new TopicSpec(
        name,
        catalog.partitions(),
        catalog.retention(),
        catalog.compacted(),
        catalog.keyField(),
        catalog.valueFormat(),
        catalog.description());
  }

  /** Checks the values that the annotations cannot. */
  public MetricsJobsOptions validate() {
    if (!(alertDropShare > 0 && alertDropShare < 1)) {
      throw new IllegalArgumentException("--alert-drop-share must be between 0 and 1");
    }
    long w = alertWindow.toMillis();
    if (w != 1_000 && w != 10_000) {
      throw new IllegalArgumentException("--alert-window must be 1s or 10s (the SPS windows)");
    }
    if (alertDuration.compareTo(alertWindow) < 0) {
      throw new IllegalArgumentException("--alert-duration must be at least --alert-window");
    }
    for (Duration d : new Duration[] {qualityWindow, cdnWindow, sessionTimeout, serverStateTtl}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("windows and timeouts must be positive");
      }
    }
    return this;
  }
}
