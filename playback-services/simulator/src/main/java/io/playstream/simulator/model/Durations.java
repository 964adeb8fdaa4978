package io.playstream.simulator.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the short durations of the command line: {@code 500ms}, {@code 90s}, {@code
 * 5m}, {@code 1h30m}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code 0}, a sequence of number+unit parts (units ms, s, m, h, d; e.g. {@code 1m30s},
   * {@code 1.5s}) or an ISO-8601 duration ({@code PT5M}).
   *
   * @throws IllegalArgumentException when the text is none of those, or negative
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.startsWith("pt") || s.startsWith("p")) {
      try {
        return nonNegative(Duration.parse(s.toUpperCase()), text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a duration: '" + text + "'", e);
      }
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double value = Double.parseDouble(m.group(1));
      long unitNanos =
          switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
          };
      nanos += Math.round(value * unitNanos);
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (use e.g. 500ms, 90s, 5m, 1h30m or 0)");
    }
    return Duration.ofNanos(nanos);
  }

  private static Duration nonNegative(Duration d, String text) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative duration: '" + text + "'");
    }
    return d;
  }

  /**
   * Short form: {@code 0}, {@code 250ms}, {@code 90s}, {@code 5m}, {@code 2h}, or seconds with a
   * fraction.
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms < 1000 ? ms + "ms" : (ms / 1000.0) + "s";
  }
}
