package io.playstream.sinks.iceberg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Derives Iceberg table schemas from the platform's Avro event schemas.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>The common envelope (field {@value #HEADER_FIELD}, record {@code EventHeader}) is
 *       flattened: its fields become the first top-level columns ({@code event_id}, {@code
 *       event_time}, {@code service}, {@code instance}, {@code trace_id}), so analysts filter and
 *       partition on them directly. Other nested records stay structs.
 *   <li>A union of {@code null} and one type is an optional column of that type; every other field
 *       is required. Other unions are rejected.
 *   <li>{@code timestamp-millis}/{@code -micros} → {@code timestamptz}; {@code local-timestamp-*} →
 *       {@code timestamp}; {@code date} → {@code date}; {@code time-*} → {@code time}; {@code
 *       decimal} → {@code decimal(p, s)}; enums → {@code string}; arrays → {@code list}; maps →
 *       {@code map<string, …>}; {@code bytes} → {@code binary}; {@code fixed} → {@code fixed}.
 *   <li>Column docs are the Avro field docs.
 * </ul>
 *
 * <p>Field ids here are only provisional: the catalog assigns fresh ids when a table is created and
 * {@code UpdateSchema.unionByNameWith} assigns ids to new columns, matching columns by name.
 */
public final class AvroToIceberg {
  /** The envelope field every platform event carries; its fields are flattened. */
  public static final String HEADER_FIELD = "header";

  private AvroToIceberg() {}

  /** The Iceberg schema of one Avro record, header flattened. */
  public static Schema schemaOf(org.apache.avro.Schema record) {
    return new Schema(columnsOf(record, new AtomicInteger()));
  }

  /**
   * A wide schema for several record types in one table: the {@code leading} columns first (e.g. an
   * {@code event_type} discriminator), then every column of every record, in first-seen order. A
   * column is required only when every record has it and has it required. Two records with a field
   * of the same name but another type are rejected.
   *
   * @throws IllegalArgumentException when two records disagree on a column's type
   */
  public static Schema unionOf(
      List<Types.NestedField> leading, List<org.apache.avro.Schema> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a union schema needs at least one record schema");
    }
    AtomicInteger ids = new AtomicInteger();
    Map<String, Types.NestedField> byName = new LinkedHashMap<>();
    Map<String, String> firstOwner = new LinkedHashMap<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Types.NestedField f : leading) {
      byName.put(
          f.name(),
          Types.NestedField.of(ids.incrementAndGet(), f.isOptional(), f.name(), f.type(), f.doc()));
      firstOwner.put(f.name(), "(leading)");
      seen.put(f.name(), records.size());
    }
    for (org.apache.avro.Schema record : records) {
      for (Types.NestedField f : columnsOf(record, ids)) {
        Types.NestedField prior = byName.get(f.name());
        if (prior == null) {
          byName.put(f.name(), f);
          firstOwner.put(f.name(), record.getName());
          seen.put(f.name(), 1);
          continue;
        }
        if (!sameShape(prior.type(), f.type())) {
          throw new IllegalArgumentException(
              "column '"
                  + f.name()
                  + "' is "
                  + prior.type()
                  + " in "
                  + firstOwner.get(f.name())
                  + " but "
                  + f.type()
                  + " in "
                  + record.getName());
        }
        seen.merge(f.name(), 1, Integer::sum);
        if (f.isOptional() && prior.isRequired()) {
          byName.put(f.name(), prior.asOptional());
        }
      }
    }
    List<Types.NestedField> out = new ArrayList<>();
    for (Types.NestedField f : byName.values()) {
      boolean everywhere = seen.get(f.name()) == records.size();
      out.add(everywhere ? f : f.asOptional());
    }
    return new Schema(out);
  }

  /** The top-level columns of a record: the header's fields first, then the record's others. */
  static List<Types.NestedField> columnsOf(org.apache.avro.Schema record, AtomicInteger ids) {
    requireRecord(record);
    List<Types.NestedField> out = new ArrayList<>();
    org.apache.avro.Schema.Field header = record.getField(HEADER_FIELD);
    if (header != null) {
      org.apache.avro.Schema h = header.schema();
      if (h.getType() != org.apache.avro.Schema.Type.RECORD) {
        throw new IllegalArgumentException(
            record.getFullName() + "." + HEADER_FIELD + " is not a record, cannot flatten it");
      }
      out.addAll(fieldsOf(h, ids));
    }
    for (org.apache.avro.Schema.Field f : record.getFields()) {
      if (f != header) {
        out.add(field(f, ids, record.getFullName()));
      }
    }
    return out;
  }

  private static List<Types.NestedField> fieldsOf(
      org.apache.avro.Schema record, AtomicInteger ids) {
    List<Types.NestedField> out = new ArrayList<>();
    for (org.apache.avro.Schema.Field f : record.getFields()) {
      out.add(field(f, ids, record.getFullName()));
    }
    return out;
  }

  private static Types.NestedField field(
      org.apache.avro.Schema.Field f, AtomicInteger ids, String owner) {
    int id = ids.incrementAndGet();
    org.apache.avro.Schema s = f.schema();
    boolean optional = isNullable(s);
    Type type;
    try {
      type = typeOf(nonNull(s), ids);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(owner + "." + f.name() + ": " + e.getMessage(), e);
    }
    return Types.NestedField.of(id, optional, f.name(), type, f.doc());
  }

  /** The Iceberg type of a (non-nullable) Avro schema. */
  static Type typeOf(org.apache.avro.Schema s, AtomicInteger ids) {
    LogicalType logical = s.getLogicalType();
    switch (s.getType()) {
      case BOOLEAN:
        return Types.BooleanType.get();
      case INT:
        if (logical instanceof LogicalTypes.Date) {
          return Types.DateType.get();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
          return Types.TimeType.get();
        }
        return Types.IntegerType.get();
      case LONG:
        if (logical instanceof LogicalTypes.TimestampMillis
            || logical instanceof LogicalTypes.TimestampMicros) {
          return Types.TimestampType.withZone();
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis
            || logical instanceof LogicalTypes.LocalTimestampMicros) {
          return Types.TimestampType.withoutZone();
        }
        if (logical instanceof LogicalTypes.TimeMicros) {
          return Types.TimeType.get();
        }
        return Types.LongType.get();
      case FLOAT:
        return Types.FloatType.get();
      case DOUBLE:
        return Types.DoubleType.get();
      case STRING:
      case ENUM:
        return Types.StringType.get();
      case BYTES:
        if (logical instanceof LogicalTypes.Decimal d) {
          return Types.DecimalType.of(d.getPrecision(), d.getScale());
        }
        return Types.BinaryType.get();
      case FIXED:
        if (logical instanceof LogicalTypes.Decimal d) {
          return Types.DecimalType.of(d.getPrecision(), d.getScale());
        }
        return Types.FixedType.ofLength(s.getFixedSize());
      case RECORD:
        return Types.StructType.of(fieldsOf(s, ids));
      case ARRAY:
        {
          org.apache.avro.Schema items = s.getElementType();
          int elementId = ids.incrementAndGet();
          Type element = typeOf(nonNull(items), ids);
          return isNullable(items)
              ? Types.ListType.ofOptional(elementId, element)
              : Types.ListType.ofRequired(elementId, element);
        }
      case MAP:
        {
          org.apache.avro.Schema values = s.getValueType();
          int keyId = ids.incrementAndGet();
          int valueId = ids.incrementAndGet();
          Type value = typeOf(nonNull(values), ids);
          return isNullable(values)
              ? Types.MapType.ofOptional(keyId, valueId, Types.StringType.get(), value)
              : Types.MapType.ofRequired(keyId, valueId, Types.StringType.get(), value);
        }
      case UNION:
        throw new IllegalArgumentException(
            "union " + s + " is not supported (only a union of null and one type is)");
      case NULL:
      default:
        throw new IllegalArgumentException("Avro type " + s.getType() + " has no Iceberg type");
    }
  }

  /** True for a union that contains {@code null}. */
  static boolean isNullable(org.apache.avro.Schema s) {
    return s.getType() == org.apache.avro.Schema.Type.UNION
        && s.getTypes().stream().anyMatch(t -> t.getType() == org.apache.avro.Schema.Type.NULL);
  }

  /** The non-null branch of {@code [null, T]}, or the schema itself. */
  static org.apache.avro.Schema nonNull(org.apache.avro.Schema s) {
    if (s.getType() != org.apache.avro.Schema.Type.UNION) {
      return s;
    }
    List<org.apache.avro.Schema> branches =
        s.getTypes().stream().filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).toList();
    if (branches.size() != 1) {
      throw new IllegalArgumentException(
          "union " + s + " is not supported (only a union of null and one type is)");
    }
    return branches.get(0);
  }

  /** Whether two types are the same apart from field ids (docs are ignored too). */
  static boolean sameShape(Type a, Type b) {
    if (a.typeId() != b.typeId()) {
      return false;
    }
    if (a.isPrimitiveType()) {
      return a.equals(b);
    }
    List<Types.NestedField> fa = a.asNestedType().fields();
    List<Types.NestedField> fb = b.asNestedType().fields();
    if (fa.size() != fb.size()) {
      return false;
    }
    for (int i = 0; i < fa.size(); i++) {
      Types.NestedField x = fa.get(i);
      Types.NestedField y = fb.get(i);
      if (!x.name().equals(y.name())
          || x.isOptional() != y.isOptional()
          || !sameShape(x.type(), y.type())) {
        return false;
      }
    }
    return true;
  }

  private static void requireRecord(org.apache.avro.Schema s) {
    if (s.getType() != org.apache.avro.Schema.Type.RECORD) {
      throw new IllegalArgumentException("not an Avro record schema: " + s);
    }
  }
}
