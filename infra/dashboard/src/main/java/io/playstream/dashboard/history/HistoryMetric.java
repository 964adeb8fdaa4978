package io.playstream.dashboard.history;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics the history page can chart from Elasticsearch, each as a filter on the documents the
 * metrics jobs index ({@code metric} field of {@code playstream-metrics-*}; see metrics-jobs'
 * {@code MetricDocuments}), the groupings it offers ({@code by}) and how one bucket's value is
 * computed from sums, so that buckets wider than the metric windows stay exact:
 *
 * <ul>
 *   <li>rates are sum / sum ({@code starts / bucket seconds}, {@code failures / (starts +
 *       failures)}, {@code rebuffer ms / watch ms}), not averages of per-window rates;
 *   <li>latency percentiles cannot be merged from documents (the histograms stay on Kafka), so a
 *       bucket shows the <em>worst</em> window's percentile (max), which is what an on-call
 *       engineer looks for.
 * </ul>
 */
public enum HistoryMetric {
  SPS(
      "sps",
      "Stream starts per second (10 s windows)",
      "starts/s",
      "sps",
      Map.of("window_seconds", 10),
      groups("country", "country", "device", "device_type", "total", null),
      Formula.PER_SECOND,
      "starts"),
  FAILURE_RATE(
      "failure-rate",
      "Play-failure rate: failures / (starts + failures)",
      "ratio",
      "sps",
      Map.of("window_seconds", 10),
      groups("total", null, "country", "country", "device", "device_type"),
      Formula.FAILURE_RATE,
      "play_failures",
      "starts"),
  STARTUP_LATENCY_P50(
      "startup-latency-p50",
      "Startup latency p50, worst window of the bucket",
      "ms",
      "playback-quality",
      Map.of(),
      groups("server", "dimension_value:CDN_SERVER", "isp", "dimension_value:ISP"),
      Formula.MAX,
      "startup_latency_p50_ms"),
  STARTUP_LATENCY_P99(
      "startup-latency-p99",
      "Startup latency p99, worst window of the bucket",
      "ms",
      "playback-quality",
      Map.of(),
      groups("server", "dimension_value:CDN_SERVER", "isp", "dimension_value:ISP"),
      Formula.MAX,
      "startup_latency_p99_ms"),
  REBUFFER_RATIO(
      "rebuffer-ratio",
      "Rebuffer ratio: rebuffer ms / watch ms",
      "ratio",
      "playback-quality",
      Map.of("dimension", "CDN_SERVER"),
      groups("server", "dimension_value", "total", null),
      Formula.RATIO,
      "rebuffer_ms",
      "watch_ms"),
  CDN_LOAD(
      "cdn-load",
      "Mean reported CDN server load",
      "ratio",
      "cdn",
      Map.of(),
      groups("server", "server_id"),
      Formula.AVG,
      "mean_load"),
  TRAFFIC_SHARE(
      "traffic-share",
      "Share of steering decisions per CDN server",
      "ratio",
      "cdn",
      Map.of(),
      groups("server", "server_id"),
      Formula.AVG,
      "traffic_share"),
  FALLBACK_RATE(
      "fallback-rate",
      "Steering fallback rate: fallback decisions / decisions",
      "ratio",
      "steering",
      Map.of(),
      groups("total", null),
      Formula.RATIO,
      "fallback_decisions",
      "decisions"),
  SESSIONS(
      "sessions",
      "Playback sessions ended per minute",
      "sessions/min",
      "session",
      Map.of(),
      groups("end-reason", "end_reason", "country", "country", "total", null),
      Formula.PER_MINUTE_COUNT);

  /** How a bucket's value is computed from its aggregations ({@code a}, {@code b}). */
  public enum Formula {
    /** sum(a) / bucket seconds. */
    PER_SECOND,
    /** documents / bucket minutes. */
    PER_MINUTE_COUNT,
    /** sum(a) / (sum(a) + sum(b)). */
    FAILURE_RATE,
    /** sum(a) / sum(b). */
    RATIO,
    /** max(a). */
    MAX,
    /** avg(a). */
    AVG
  }

  /** A way to split a metric into lines: the keyword field, and a dimension filter if any. */
  public record Grouping(String name, String field, String dimension) {
    /** A single line for the whole platform. */
    public boolean total() {
      return field == null;
    }
  }

  private final String id;
  private final String title;
  private final String unit;
  private final String documentMetric;
  private final Map<String, Object> filters;
  private final Map<String, Grouping> groupings;
  private final Formula formula;
  private final List<String> fields;

  HistoryMetric(
      String id,
      String title,
      String unit,
      String documentMetric,
      Map<String, Object> filters,
      Map<String, Grouping> groupings,
      Formula formula,
      String... fields) {
    this.id = id;
    this.title = title;
    this.unit = unit;
    this.documentMetric = documentMetric;
    this.filters = filters;
    this.groupings = groupings;
    this.formula = formula;
    this.fields = List.of(fields);
  }

  /** The name in {@code /api/history?metric=}. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String unit() {
    return unit;
  }

  /** The value of the documents' {@code metric} field. */
  public String documentMetric() {
    return documentMetric;
  }

  /** Extra term filters (field → value). */
  public Map<String, Object> filters() {
    return filters;
  }

  /** Groupings by name; the first is the default. */
  public Map<String, Grouping> groupings() {
    return groupings;
  }

  public Grouping defaultGrouping() {
    return groupings.values().iterator().next();
  }

  public Formula formula() {
    return formula;
  }

  /** The numeric document fields the formula aggregates ({@code a}, then {@code b}). */
  public List<String> fields() {
    return fields;
  }

  /** The metric with this id. */
  public static Optional<HistoryMetric> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  /** Every id, for error messages and the page's picker. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(HistoryMetric::id).toList();
  }

  /** name, field[:dimension], name, field... → groupings in order. */
  private static Map<String, Grouping> groups(String... nameField) {
    Map<String, Grouping> out = new LinkedHashMap<>();
    for (int i = 0; i < nameField.length; i += 2) {
      String spec = nameField[i + 1];
      String field = spec;
      String dimension = null;
      if (spec != null && spec.contains(":")) {
        field = spec.substring(0, spec.indexOf(':'));
        dimension = spec.substring(spec.indexOf(':') + 1);
      }
      out.put(nameField[i], new Grouping(nameField[i], field, dimension));
    }
    return out;
  }
}
