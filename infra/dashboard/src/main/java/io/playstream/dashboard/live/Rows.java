package io.playstream.dashboard.live;

import java.util.List;
import java.util.Map;

/** The rows of the dashboard's live tables, as JSON (snake_case) sends them to the page. */
public final class Rows {
  private Rows() {}

  /** Latest stream starts of one country (or {@code *}). */
  public record CountryRow(
      String country,
      long windowStart,
      int windowSeconds,
      double sps,
      long starts,
      long playFailures,
      double failureRate) {}

  /** Latest playback quality of one CDN server or ISP. */
  public record QualityRow(
      String dimension,
      String dimensionValue,
      long windowStart,
      long starts,
      Long p50Ms,
      Long p90Ms,
      Long p99Ms,
      Long maxMs,
      Double rebufferRatio,
      Double meanBitrateKbps) {}

  /** Latest load and health of one CDN server. */
  public record CdnRow(
      String serverId,
      String region,
      long windowStart,
      long chosen,
      double trafficShare,
      long fallbackChosen,
      Double meanLoad,
      Double maxLoad,
      Integer activeSessions,
      Boolean healthy,
      Long healthSince,
      long unhealthyReports) {}

  /** Latest steering window. */
  public record SteeringRow(
      long windowStart, long decisions, long fallbackDecisions, double fallbackRate, int servers) {}

  /** A CDN server's health flip. */
  public record HealthChangeRow(
      String serverId, String region, boolean healthy, long changedAt, double load) {}

  /** An SPS alert, in its latest known state. */
  public record AlertRow(
      String alertId,
      String country,
      String state,
      long openedAt,
      Long resolvedAt,
      long evaluatedAt,
      double observedSps,
      double baselineSps,
      double dropShare,
      double thresholdShare,
      int windowSeconds) {}

  /** A title and how often it was played (sessions) or how it ranks (trending score). */
  public record TitleRow(String titleId, String name, double value) {}

  /** One country's trending list from the recommendation pipeline. */
  public record TrendingRow(
      String country, long updatedAt, String modelVersion, List<TitleRow> titles) {}

  /** Sessions that ended within the live window. */
  public record SessionsRow(
      long sessions,
      Map<String, Long> byEndReason,
      Double meanStartupLatencyMs,
      Double meanWatchSeconds,
      List<TitleRow> topTitles) {}

  /** Dead letters on playstream.dlq, counted by header. */
  public record DeadLetterRow(
      long total,
      Map<String, Long> byReason,
      Map<String, Long> byRoute,
      Map<String, Long> bySourceTopic,
      Long lastAt) {}

  /** What the metric consumer read. */
  public record ConsumerRow(
      Map<String, Long> recordsByTopic, Map<String, Long> undecodableByTopic, Long lastRecordAt) {}

  /** Headline figures. */
  public record Kpis(
      Double sps,
      Double failureRate,
      Double worstP99Ms,
      String worstP99Server,
      Double rebufferRatio,
      int openAlerts,
      long deadLetters,
      int unhealthyServers,
      int servers) {}

  /** Every live table at one instant. */
  public record Tables(
      long generatedAt,
      Kpis kpis,
      List<CountryRow> countries,
      List<QualityRow> quality,
      List<CdnRow> cdn,
      SteeringRow steering,
      List<HealthChangeRow> healthChanges,
      List<AlertRow> alerts,
      List<TrendingRow> trending,
      SessionsRow sessions,
      DeadLetterRow deadLetters,
      ConsumerRow consumer) {}
}
