package io.playstream.sinks.elasticsearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of time-based indices: {@code <prefix>-yyyy.MM.dd}, by the UTC day of an instant (for
 * metrics, the window start). One index per day lets retention drop a whole day at once instead of
 * deleting documents.
 */
public final class DailyIndex {
  /** The day suffix format. */
  public static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu.MM.dd").withResolverStyle(ResolverStyle.STRICT);

  private static final Pattern NAME = Pattern.compile("^(.+)-(\\d{4}\\.\\d{2}\\.\\d{2})$");

  private DailyIndex() {}

  /** {@code <prefix>-yyyy.MM.dd} for the UTC day of {@code time}. */
  public static String name(String prefix, Instant time) {
    return name(prefix, LocalDate.ofInstant(time, ZoneOffset.UTC));
  }

  /** {@code <prefix>-yyyy.MM.dd}. */
  public static String name(String prefix, LocalDate day) {
    if (prefix == null || prefix.isEmpty() || !prefix.equals(prefix.toLowerCase())) {
      throw new IllegalArgumentException("index prefix must be non-empty lower case: " + prefix);
    }
    return prefix + "-" + DAY.format(day);
  }

  /** The day of a daily index name, or empty when the name does not end in {@code -yyyy.MM.dd}. */
  public static Optional<LocalDate> dayOf(String indexName) {
    Matcher m = NAME.matcher(indexName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(m.group(2), DAY));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The prefix of a daily index name, or empty when it is not one. */
  public static Optional<String> prefixOf(String indexName) {
    Matcher m = NAME.matcher(indexName);
    return m.matches() && dayOf(indexName).isPresent() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
