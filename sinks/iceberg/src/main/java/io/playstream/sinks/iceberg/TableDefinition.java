package io.playstream.sinks.iceberg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.types.Types;

/**
 * One platform table: its name, the Avro record types written to it, and how it is laid out.
 *
 * <p>The table schema is derived from the record schemas ({@link #schema()}): one record type gives
 * its own columns; several give a wide table with a leading {@link #eventTypeColumn()} that holds
 * each row's Avro record name. {@link #extraColumns()} are appended (columns a job computes, such
 * as a removal flag). With {@link #identifierColumns()} set, those columns are required and the
 * table's identifier fields, and every other column is optional (an upsert table whose rows may be
 * written from partial information).
 *
 * @param name table name inside the namespace
 * @param description what a row is, stored as the table's {@code comment} property
 * @param inputs the Avro record types written to this table and how; the columns are derived from
 *     those with {@link RecordMapping#derivesSchema()}
 * @param eventTypeColumn name of the discriminator column of a wide table, or null
 * @param extraColumns columns appended after the derived ones (ids are reassigned)
 * @param partitioning partition fields as {@code identity(col)}, {@code year|month|day|hour(col)},
 *     {@code bucket(n, col)} or {@code truncate(w, col)}
 * @param sortColumns the table's sort order (ascending, nulls first), applied by compaction
 * @param identifierColumns identifier (primary key) columns of an upsert table, else empty
 * @param properties table properties set on create (and added when missing on evolve)
 */
public record TableDefinition(
    String name,
    String description,
    List<RecordMapping> inputs,
    String eventTypeColumn,
    List<Types.NestedField> extraColumns,
    List<String> partitioning,
    List<String> sortColumns,
    List<String> identifierColumns,
    Map<String, String> properties)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern UNARY =
      Pattern.compile("(identity|year|month|day|hour)\\(\\s*(\\w+)\\s*\\)");
  private static final Pattern BINARY =
      Pattern.compile("(bucket|truncate)\\(\\s*(\\d+)\\s*,\\s*(\\w+)\\s*\\)");

  public TableDefinition {
    Objects.requireNonNull(name, "name");
    if (inputs == null || inputs.stream().noneMatch(RecordMapping::derivesSchema)) {
      throw new IllegalArgumentException(
          "table " + name + " needs at least one record schema to derive its columns from");
    }
    inputs = List.copyOf(inputs);
    if (inputs.stream().filter(RecordMapping::derivesSchema).count() > 1
        && eventTypeColumn == null) {
      throw new IllegalArgumentException(
          "table " + name + " holds several record types and needs an event type column");
    }
    extraColumns = extraColumns == null ? List.of() : List.copyOf(extraColumns);
    partitioning = partitioning == null ? List.of() : List.copyOf(partitioning);
    sortColumns = sortColumns == null ? List.of() : List.copyOf(sortColumns);
    identifierColumns = identifierColumns == null ? List.of() : List.copyOf(identifierColumns);
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** Whether rows are upserted by the identifier columns (format v2 equality deletes). */
  public boolean upsert() {
    return !identifierColumns.isEmpty();
  }

  /** The Avro record schemas the columns are derived from. */
  public List<org.apache.avro.Schema> records() {
    return inputs.stream().filter(RecordMapping::derivesSchema).map(RecordMapping::schema).toList();
  }

  /**
   * How a record type is written to this table, by simple or full Avro name, or null. A wide
   * table's records get their name as the {@link #eventTypeColumn()} constant.
   */
  public RecordMapping input(String recordName) {
    for (RecordMapping m : inputs) {
      if (m.name().equals(recordName) || m.schema().getFullName().equals(recordName)) {
        if (eventTypeColumn != null && !m.constants().containsKey(eventTypeColumn)) {
          java.util.Map<String, Object> c = new java.util.HashMap<>(m.constants());
          c.put(eventTypeColumn, m.name());
          return new RecordMapping(m.schema(), m.derivesSchema(), c, m.sources());
        }
        return m;
      }
    }
    return null;
  }

  /** The table schema derived from the record schemas (provisional field ids). */
  public Schema schema() {
    List<Types.NestedField> leading = new ArrayList<>();
    if (eventTypeColumn != null) {
      leading.add(
          Types.NestedField.required(
              0, eventTypeColumn, Types.StringType.get(), "Avro record name of the event."));
    }
    Schema derived = AvroToIceberg.unionOf(leading, records());
    List<Types.NestedField> columns = new ArrayList<>(derived.columns());
    int next = derived.highestFieldId();
    for (Types.NestedField f : extraColumns) {
      if (derived.findField(f.name()) != null) {
        throw new IllegalArgumentException(
            "table " + name + ": extra column '" + f.name() + "' is also a record field");
      }
      columns.add(Types.NestedField.of(++next, f.isOptional(), f.name(), f.type(), f.doc()));
    }
    if (identifierColumns.isEmpty()) {
      return new Schema(columns);
    }
    Set<String> ids = new HashSet<>(identifierColumns);
    List<Types.NestedField> keyed = new ArrayList<>();
    Set<Integer> identifierIds = new HashSet<>();
    for (Types.NestedField f : columns) {
      if (ids.remove(f.name())) {
        keyed.add(f.asRequired());
        identifierIds.add(f.fieldId());
      } else {
        keyed.add(f.asOptional());
      }
    }
    if (!ids.isEmpty()) {
      throw new IllegalArgumentException("table " + name + ": no identifier column(s) " + ids);
    }
    return new Schema(keyed, identifierIds);
  }

  /** The partition spec over a schema of this table (the derived one or the table's own). */
  public PartitionSpec partitionSpec(Schema schema) {
    PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
    for (String p : partitioning) {
      Matcher u = UNARY.matcher(p.trim());
      Matcher bin = BINARY.matcher(p.trim());
      if (u.matches()) {
        String col = u.group(2);
        switch (u.group(1)) {
          case "identity" -> b.identity(col);
          case "year" -> b.year(col);
          case "month" -> b.month(col);
          case "day" -> b.day(col);
          default -> b.hour(col);
        }
      } else if (bin.matches()) {
        int n = Integer.parseInt(bin.group(2));
        String col = bin.group(3);
        if (bin.group(1).equals("bucket")) {
          b.bucket(col, n);
        } else {
          b.truncate(col, n);
        }
      } else {
        throw new IllegalArgumentException("table " + name + ": bad partition field '" + p + "'");
      }
    }
    return b.build();
  }

  /** The sort order over a schema of this table. */
  public SortOrder sortOrder(Schema schema) {
    if (sortColumns.isEmpty()) {
      return SortOrder.unsorted();
    }
    SortOrder.Builder b = SortOrder.builderFor(schema);
    for (String c : sortColumns) {
      b.asc(c);
    }
    return b.build();
  }

  /** Properties to create the table with: {@link #properties()} plus the comment. */
  public Map<String, String> createProperties() {
    Map<String, String> out = new LinkedHashMap<>(properties);
    if (description != null) {
      out.putIfAbsent("comment", description);
    }
    return out;
  }
}
