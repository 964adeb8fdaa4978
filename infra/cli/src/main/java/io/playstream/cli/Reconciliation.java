package io.playstream.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Do the stores hold what was routed to them? Compares, for one demo run, the records each route
 * delivered with the rows and documents that appeared in the sinks over the same run (store counts
 * after the run minus before it, so data of earlier runs does not count). Each sink writes one row
 * or document per event or output record with a deterministic key, so the counts are equal when
 * nothing was lost or duplicated.
 */
final class Reconciliation {
  /** One comparison: what the routes or topics delivered against what a store holds. */
  record Check(String name, long expected, long actual) {
    boolean ok() {
      return expected == actual;
    }
  }

  private Reconciliation() {}

  /**
   * The checks of one run.
   *
   * @param routes per route: {@code in}, {@code out}, ... as the demo reports them (this run)
   * @param before the stores before the run (null: they were empty)
   * @param after the stores after the run and the settle time
   */
  static List<Check> checks(
      Map<String, Map<String, Long>> routes,
      DownstreamAudit.Result before,
      DownstreamAudit.Result after) {
    List<Check> out = new ArrayList<>();
    Map<String, Long> iceberg = delta(before == null ? null : before.iceberg(), after.iceberg());
    Map<String, Long> cassandra =
        delta(before == null ? null : before.cassandra(), after.cassandra());
    Map<String, Long> topics = delta(before == null ? null : before.topics(), after.topics());
    Map<String, Long> es =
        delta(
            before == null ? null : byPrefix(before.elasticsearch()),
            byPrefix(after.elasticsearch()));

    long icebergRaw = routeOut(routes, "iceberg-raw");
    if (icebergRaw >= 0 && !iceberg.isEmpty()) {
      out.add(
          new Check(
              "route iceberg-raw -> Iceberg playback_events + steering_decisions",
              icebergRaw,
              iceberg.getOrDefault("playback_events", 0L)
                  + iceberg.getOrDefault("steering_decisions", 0L)));
    }
    long history = routeOut(routes, "cassandra-history");
    if (history >= 0 && !cassandra.isEmpty()) {
      out.add(
          new Check(
              "route cassandra-history -> Cassandra viewing_history_by_profile + ratings_by_profile",
              history,
              cassandra.getOrDefault("viewing_history_by_profile", 0L)
                  + cassandra.getOrDefault("ratings_by_profile", 0L)));
    }
    Long sessions = topics.get("playstream.sessions");
    if (sessions != null) {
      if (!iceberg.isEmpty()) {
        out.add(
            new Check(
                "playstream.sessions -> Iceberg playback_sessions",
                sessions,
                iceberg.getOrDefault("playback_sessions", 0L)));
      }
      if (!cassandra.isEmpty()) {
        out.add(
            new Check(
                "playstream.sessions -> Cassandra session_summaries_by_profile",
                sessions,
                cassandra.getOrDefault("session_summaries_by_profile", 0L)));
      }
      out.add(
          new Check(
              "playstream.sessions -> Elasticsearch playstream-metrics-sessions",
              sessions,
              es.getOrDefault("playstream-metrics-sessions", 0L)));
    }
    Long sps = topics.get("playstream.metrics.sps");
    if (sps != null) {
      out.add(
          new Check(
              "playstream.metrics.sps -> Elasticsearch playstream-metrics-sps",
              sps,
              es.getOrDefault("playstream-metrics-sps", 0L)));
    }
    Long quality = topics.get("playstream.metrics.playback-quality");
    if (quality != null) {
      out.add(
          new Check(
              "playstream.metrics.playback-quality -> Elasticsearch"
                  + " playstream-metrics-playback-quality",
              quality,
              es.getOrDefault("playstream-metrics-playback-quality", 0L)));
    }
    Long cdn = topics.get("playstream.metrics.cdn");
    if (cdn != null) {
      out.add(
          new Check(
              "playstream.metrics.cdn -> Elasticsearch playstream-metrics-cdn + -steering",
              cdn,
              es.getOrDefault("playstream-metrics-cdn", 0L)
                  + es.getOrDefault("playstream-metrics-steering", 0L)));
    }
    return out;
  }

  /** The checks as the demo's JSON shows them. */
  static List<Map<String, Object>> toMaps(List<Check> checks) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Check c : checks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("check", c.name());
      m.put("expected", c.expected());
      m.put("actual", c.actual());
      m.put("ok", c.ok());
      out.add(m);
    }
    return out;
  }

  private static long routeOut(Map<String, Map<String, Long>> routes, String route) {
    Map<String, Long> c = routes.get(route);
    return c == null || c.get("out") == null ? -1 : c.get("out");
  }

  /** after − before per key (keys only in {@code after} count from zero). */
  static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new LinkedHashMap<>();
    after.forEach((k, v) -> out.put(k, v - (before == null ? 0 : before.getOrDefault(k, 0L))));
    return out;
  }

  /**
   * Documents per index family: daily indices {@code name-yyyy.MM.dd} summed under {@code name}.
   */
  static Map<String, Long> byPrefix(Map<String, Long> perIndex) {
    Map<String, Long> out = new LinkedHashMap<>();
    perIndex.forEach(
        (index, n) ->
            out.merge(index.replaceFirst("-\\d{4}\\.\\d{2}\\.\\d{2}$", ""), n, Long::sum));
    return out;
  }
}
