package io.playstream.sinks.iceberg;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * How records of one Avro type become rows of a table.
 *
 * @param schema the record's Avro schema (the current, compiled one)
 * @param derivesSchema whether the table's columns are derived from this record (false for a record
 *     that only fills some columns of a table shaped by another, e.g. TitleRemoved)
 * @param constants column → value for columns the record has no field for (String, Boolean, Long,
 *     Integer, Double, Instant)
 * @param sources column → record field path ({@code reason}, {@code header.event_time}) for columns
 *     named differently from the field they take
 */
public record RecordMapping(
    org.apache.avro.Schema schema,
    boolean derivesSchema,
    Map<String, Object> constants,
    Map<String, String> sources)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RecordMapping {
    Objects.requireNonNull(schema, "schema");
    if (schema.getType() != org.apache.avro.Schema.Type.RECORD) {
      throw new IllegalArgumentException("not an Avro record schema: " + schema);
    }
    constants = constants == null ? Map.of() : Map.copyOf(constants);
    sources = sources == null ? Map.of() : Map.copyOf(sources);
  }

  /** A record whose fields are the table's columns. */
  public static RecordMapping of(org.apache.avro.Schema schema) {
    return new RecordMapping(schema, true, Map.of(), Map.of());
  }

  /** Simple Avro name of the record, e.g. {@code PlaybackStarted}. */
  public String name() {
    return schema.getName();
  }
}
