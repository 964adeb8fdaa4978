package io.playstream.dashboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.dashboard.history.HistoryMetric.Formula;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * History from Elasticsearch: turns a {@link HistoryQuery} into one {@code _search} with a {@code
 * date_histogram} on {@code event_time} (a {@code terms} split per line inside it) over the metric
 * documents the metrics jobs index ({@code playstream-metrics-*}), and lists alerts from {@code
 * playstream-alerts-*}. Plain {@code java.net.http} and Jackson: only aggregations the bare node of
 * the local stack has (date_histogram, terms, sum, max, avg).
 *
 * <p>Index wildcards rather than the aliases, with {@code ignore_unavailable} and {@code
 * allow_no_indices}: a platform without metric documents yet answers with no data instead of an
 * error, and indices created before the templates were applied are found too.
 */
public final class EsHistory {
  /** The metric indices (the sink's template {@code playstream-metrics}). */
  public static final String METRICS_INDICES = "playstream-metrics-*";

  /** The alert indices (the sink's template {@code playstream-alerts}). */
  public static final String ALERTS_INDICES = "playstream-alerts-*";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_GROUPS = 50;
  private static final int MAX_ALERTS = 500;
  private static final String SEARCH_PARAMS =
      "/_search?ignore_unavailable=true&allow_no_indices=true";

  private final URI url;
  private final HttpClient http;
  private final Duration timeout;

  public EsHistory(URI elasticsearchUrl, Duration timeout) {
    String s = Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl").toString();
    this.url = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  /** Elasticsearch could not answer (unreachable, or an error status): the API answers 502. */
  public static final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The series of one history request. */
  public record Result(
      String metric,
      String title,
      String unit,
      String by,
      long from,
      long to,
      String interval,
      long intervalMs,
      long documents,
      List<Line> series) {}

  /** One line: its key (a country, a server... or {@code *}) and its points {@code [t, v]}. */
  public record Line(String key, List<double[]> points) {}

  /** Runs a history query. */
  public Result query(HistoryQuery q) {
    return parse(q, search(METRICS_INDICES, request(q)));
  }

  /** Alerts evaluated within {@code [from, to)}, newest first. */
  public List<Map<String, Object>> alerts(Instant from, Instant to) {
    ObjectNode body = JSON.createObjectNode();
    body.put("size", MAX_ALERTS);
    body.putArray("sort").addObject().putObject("event_time").put("order", "desc");
    body.putObject("query").putObject("bool").putArray("filter").add(range(from, to));
    JsonNode answer = search(ALERTS_INDICES, body);
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode hit : answer.path("hits").path("hits")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> source = JSON.convertValue(hit.path("_source"), Map.class);
      out.add(source);
    }
    return out;
  }

  /** The {@code _search} body of a history query (a pure function: unit-tested). */
  public static ObjectNode request(HistoryQuery q) {
    HistoryMetric m = q.metric();
    ObjectNode body = JSON.createObjectNode();
    body.put("size", 0);
    body.put("track_total_hits", true);
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    filter.addObject().putObject("term").put("metric", m.documentMetric());
    m.filters()
        .forEach(
            (field, value) ->
                filter.addObject().putObject("term").set(field, JSON.valueToTree(value)));
    if (q.grouping().dimension() != null) {
      filter.addObject().putObject("term").put("dimension", q.grouping().dimension());
    }
    filter.add(range(q.from(), q.to()));
    ObjectNode histogram = body.putObject("aggs").putObject("t");
    histogram
        .putObject("date_histogram")
        .put("field", "event_time")
        .put("fixed_interval", q.esInterval())
        .put("min_doc_count", 1);
    ObjectNode valueParent = histogram.putObject("aggs");
    if (!q.grouping().total()) {
      ObjectNode terms = valueParent.putObject("g");
      terms.putObject("terms").put("field", q.grouping().field()).put("size", MAX_GROUPS);
      valueParent = terms.putObject("aggs");
    }
    String[] names = {"a", "b"};
    for (int i = 0; i < m.fields().size(); i++) {
      String agg =
          switch (m.formula()) {
            case MAX -> "max";
            case AVG -> "avg";
            default -> "sum";
          };
      valueParent.putObject(names[i]).putObject(agg).put("field", m.fields().get(i));
    }
    return body;
  }

  /** The series of a {@code _search} answer (a pure function: unit-tested). */
  public static Result parse(HistoryQuery q, JsonNode answer) {
    Map<String, List<double[]>> lines = new TreeMap<>();
    double bucketSeconds = q.interval().toMillis() / 1000.0;
    for (JsonNode bucket : answer.path("aggregations").path("t").path("buckets")) {
      double t = bucket.path("key").asDouble();
      if (q.grouping().total()) {
        Double v = value(q.metric().formula(), bucket, bucketSeconds);
        if (v != null) {
          lines.computeIfAbsent("*", k -> new ArrayList<>()).add(new double[] {t, v});
        }
      } else {
        for (JsonNode group : bucket.path("g").path("buckets")) {
          Double v = value(q.metric().formula(), group, bucketSeconds);
          if (v != null) {
            lines
                .computeIfAbsent(group.path("key").asText(), k -> new ArrayList<>())
                .add(new double[] {t, v});
          }
        }
      }
    }
    List<Line> series = new ArrayList<>();
    lines.forEach((k, points) -> series.add(new Line(k, points)));
    JsonNode total = answer.path("hits").path("total");
    long docs = total.isNumber() ? total.asLong() : total.path("value").asLong();
    return new Result(
        q.metric().id(),
        q.metric().title(),
        q.metric().unit(),
        q.grouping().name(),
        q.from().toEpochMilli(),
        q.to().toEpochMilli(),
        q.esInterval(),
        q.interval().toMillis(),
        docs,
        series);
  }

  /** A bucket's value by the metric's formula; null when undefined (no denominator, no value). */
  static Double value(Formula f, JsonNode bucket, double bucketSeconds) {
    JsonNode a = bucket.path("a").path("value");
    JsonNode b = bucket.path("b").path("value");
    return switch (f) {
      case PER_SECOND -> a.isNumber() ? a.asDouble() / bucketSeconds : null;
      case PER_MINUTE_COUNT -> bucket.path("doc_count").asDouble() / (bucketSeconds / 60.0);
      case FAILURE_RATE -> {
        double failures = a.asDouble();
        double starts = b.asDouble();
        yield failures + starts > 0 ? failures / (failures + starts) : null;
      }
      case RATIO -> b.isNumber() && b.asDouble() > 0 ? a.asDouble() / b.asDouble() : null;
      case MAX, AVG -> a.isNumber() ? a.asDouble() : null;
    };
  }

  private static ObjectNode range(Instant from, Instant to) {
    ObjectNode range = JSON.createObjectNode();
    range
        .putObject("range")
        .putObject("event_time")
        .put("gte", from.toEpochMilli())
        .put("lt", to.toEpochMilli())
        .put("format", "epoch_millis");
    return range;
  }

  private JsonNode search(String indices, JsonNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/" + indices + SEARCH_PARAMS))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UnavailableException(
          "Elasticsearch at " + url + " is not reachable (" + e.getClass().getSimpleName() + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while querying Elasticsearch", e);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    if (response.statusCode() != 200 || answer == null) {
      String reason =
          answer == null
              ? response.body()
              : answer
                  .path("error")
                  .path("root_cause")
                  .path(0)
                  .path("reason")
                  .asText(answer.path("error").toString());
      throw new UnavailableException(
          "Elasticsearch at " + url + " answered " + response.statusCode() + ": " + reason, null);
    }
    return answer;
  }
}
