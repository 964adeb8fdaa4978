package io.playstream.dashboard.history;

import io.playstream.dashboard.history.HistoryMetric.Grouping;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated history request: metric, grouping, time range and bucket width. {@link #parse} turns
 * the query parameters of {@code /api/history} into one, or fails with a {@link
 * BadRequestException} whose message says what is wrong and what would be accepted.
 *
 * <p>Times: an ISO-8601 instant with zone ({@code 2026-01-01T10:00:00Z}, {@code
 * 2026-01-01T11:00:00+01:00}), epoch milliseconds, {@code now}, or {@code now-<n><unit>} with unit
 * {@code s}, {@code m}, {@code h} or {@code d}. Defaults: {@code from=now-1h}, {@code to=now}.
 */
public record HistoryQuery(
    HistoryMetric metric, Grouping grouping, Instant from, Instant to, Duration interval) {

  /** Bucket widths, smallest first; the smallest that gives at most max-points buckets is used. */
  public static final List<Duration> INTERVALS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1));

  private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,6})([smhd]))?");

  /** A request the API answers with 400 and this message. */
  public static final class BadRequestException extends IllegalArgumentException {
    public BadRequestException(String message) {
      super(message);
    }
  }

  /**
   * Parses and checks the parameters {@code metric} (required), {@code by}, {@code from}, {@code
   * to}.
   *
   * @param now what {@code now} means
   * @param maxRange longest allowed {@code to - from}
   * @param maxPoints most buckets per series
   */
  public static HistoryQuery parse(
      Map<String, String> params, Instant now, Duration maxRange, int maxPoints) {
    String metricId = blankToNull(params.get("metric"));
    if (metricId == null) {
      throw new BadRequestException(
          "parameter 'metric' is required; one of " + HistoryMetric.ids());
    }
    HistoryMetric metric =
        HistoryMetric.byId(metricId)
            .orElseThrow(
                () ->
                    new BadRequestException(
                        "unknown metric '" + metricId + "'; one of " + HistoryMetric.ids()));
    String by = blankToNull(params.get("by"));
    Grouping grouping;
    if (by == null) {
      grouping = metric.defaultGrouping();
    } else {
      grouping = metric.groupings().get(by);
      if (grouping == null) {
        throw new BadRequestException(
            "metric '"
                + metric.id()
                + "' cannot be grouped by '"
                + by
                + "'; one of "
                + metric.groupings().keySet());
      }
    }
    Instant from = time("from", params.getOrDefault("from", "now-1h"), now);
    Instant to = time("to", params.getOrDefault("to", "now"), now);
    if (!from.isBefore(to)) {
      throw new BadRequestException(
          "bad time range: 'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    Duration span = Duration.between(from, to);
    if (span.compareTo(maxRange) > 0) {
      throw new BadRequestException(
          "bad time range: "
              + human(span)
              + " is longer than the longest allowed range of "
              + human(maxRange));
    }
    return new HistoryQuery(metric, grouping, from, to, interval(span, maxPoints));
  }

  /** The smallest bucket width of {@link #INTERVALS} giving at most {@code maxPoints} buckets. */
  public static Duration interval(Duration span, int maxPoints) {
    for (Duration d : INTERVALS) {
      if (span.toMillis() / d.toMillis() <= maxPoints) {
        return d;
      }
    }
    return INTERVALS.get(INTERVALS.size() - 1);
  }

  /** The bucket width as Elasticsearch's {@code fixed_interval} ({@code 30s}, {@code 5m}...). */
  public String esInterval() {
    long s = interval.toSeconds();
    if (s % 86_400 == 0) {
      return (s / 86_400) + "d";
    }
    if (s % 3600 == 0) {
      return (s / 3600) + "h";
    }
    if (s % 60 == 0) {
      return (s / 60) + "m";
    }
    return s + "s";
  }

  /** Parses one time parameter. */
  static Instant time(String name, String raw, Instant now) {
    String v = raw == null ? "" : raw.trim();
    Matcher m = RELATIVE.matcher(v);
    if (m.matches()) {
      if (m.group(1) == null) {
        return now;
      }
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return now.minus(d);
    }
    if (v.matches("\\d{1,15}")) {
      return Instant.ofEpochMilli(Long.parseLong(v));
    }
    try {
      return java.time.OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "cannot read '"
              + name
              + "' = '"
              + raw
              + "': use an ISO-8601 time with zone (2026-01-01T10:00:00Z), epoch milliseconds,"
              + " 'now' or 'now-15m' (s, m, h, d)");
    }
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return (s / 86_400) + "d";
    }
    if (s % 3600 == 0) {
      return (s / 3600) + "h";
    }
    if (s % 60 == 0) {
      return (s / 60) + "m";
    }
    return s + "s";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
