package io.playstream.sinks.cassandra;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One write, as a {@link CassandraRecordMapper} derives it from a record: which prepared statement
 * and the values for its bind markers, in order. Values use the driver's default Java types ({@code
 * String} for text, {@code Instant} for timestamp, {@code Long} for bigint, {@code Integer} for
 * int, {@code Double}, {@code Boolean}); {@code null} is allowed for non-key columns.
 *
 * @param statement the statement's name in {@link CassandraRecordMapper#statements(String)}
 * @param values bind values in bind-marker order
 */
public record CqlWrite(String statement, List<Object> values) {
  public CqlWrite {
    Objects.requireNonNull(statement, "statement");
    // List.copyOf rejects nulls, and null is a legal column value
    values = Collections.unmodifiableList(Arrays.asList(values.toArray()));
  }

  /** A write of {@code statement} with these values. */
  public static CqlWrite of(String statement, Object... values) {
    return new CqlWrite(statement, Arrays.asList(values));
  }
}
