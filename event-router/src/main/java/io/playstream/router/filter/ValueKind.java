package io.playstream.router.filter;

/**
 * The type of a filter variable as expressions see it. Avro values are converted on read: {@code
 * int} and {@code long} become 64-bit integers, {@code float} becomes a double, enums become their
 * symbol name, {@code timestamp-millis} becomes epoch milliseconds and arrays of records become
 * lists of maps.
 */
public enum ValueKind {
  STRING,
  INT,
  DOUBLE,
  BOOL,
  /** A list of strings (for example {@code title_ids}). */
  STRING_LIST,
  /** A list of records, each a map from field name to value (for example {@code candidates}). */
  MAP_LIST,
  /** Anything else, or a variable whose type differs between the event types of a route. */
  DYN
}
