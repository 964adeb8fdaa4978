package io.playstream.jobs.es;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One Elasticsearch document of a metric: the daily index it belongs to, its deterministic id and
 * its fields (values are strings, numbers, booleans and {@link Instant}s).
 *
 * @param indexPrefix daily index prefix, e.g. {@code playstream-metrics-sps}
 * @param day the instant whose UTC day names the index (the window start)
 * @param id deterministic id: metric + key dimensions + window start
 * @param fields the document
 */
public record MetricDocument(
    String indexPrefix, Instant day, String id, Map<String, Object> fields) {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

  /** {@code <prefix>-yyyy.MM.dd} (UTC), the daily index naming of the Elasticsearch sink. */
  public String index() {
    return indexPrefix + "-" + DAY.format(LocalDate.ofInstant(day, ZoneOffset.UTC));
  }
}
