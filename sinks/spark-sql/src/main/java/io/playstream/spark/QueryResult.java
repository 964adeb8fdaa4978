package io.playstream.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows a statement returned, as plain Java values (String, Long, Double, BigDecimal, Boolean,
 * Instant, LocalDate, byte[], and List / Map for nested values).
 *
 * @param columns column names, in order
 * @param rows rows, each with one value per column (null for SQL NULL)
 * @param truncated true when there were more rows than were kept
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
  public QueryResult {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + r.size() + " values for " + columns.size() + " columns: " + r);
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = Collections.unmodifiableList(copy);
    Objects.requireNonNull(columns);
  }

  /** A result with no columns and no rows (DDL, INSERT). */
  public static QueryResult empty() {
    return new QueryResult(List.of(), List.of(), false);
  }
}
