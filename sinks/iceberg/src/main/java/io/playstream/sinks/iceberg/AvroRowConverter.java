package io.playstream.sinks.iceberg;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Converts Avro records of one type (generated {@code SpecificRecord}s or {@code GenericRecord}s)
 * into Flink {@link RowData} laid out as an Iceberg table's schema, the row type Iceberg's Flink
 * sink writes ({@link FlinkSchemaUtil#convert(Schema)}).
 *
 * <p>Columns are matched by name: a table column takes the record's top-level field of that name,
 * else the {@value AvroToIceberg#HEADER_FIELD} record's field of that name, else a constant given
 * at build time (such as the event type of a wide table), else null. A required column with no
 * source is a build error; a required column whose value is null is a {@link
 * RowConversionException}. The record may thus have fewer fields than the table (an older writer
 * schema, or another event type of a wide table); record fields the table lacks are ignored (the
 * table is evolved before a job writes, see {@link TableSync}).
 *
 * <p>Values: timestamps become {@link TimestampData} (from {@code Instant}, {@code LocalDateTime}
 * or epoch millis/micros as the logical type says), strings and enums {@link StringData}, arrays
 * {@link GenericArrayData}, maps {@link GenericMapData}, nested records {@link GenericRowData}.
 *
 * <p>Not serializable and not thread-safe: build one per task (in {@code open()}).
 */
public final class AvroRowConverter {
  private final Schema table;
  private final RowType rowType;
  private final Column[] columns;

  private AvroRowConverter(Schema table, Column[] columns) {
    this.table = table;
    this.rowType = FlinkSchemaUtil.convert(table);
    this.columns = columns;
  }

  /**
   * A converter for records of {@code record} into rows of {@code table}.
   *
   * @param constants values of columns that are not in the record (Java values: String, Long,
   *     Instant, Boolean...), converted by the column's type
   * @throws IllegalArgumentException when a required column has no source or a field's type does
   *     not fit its column
   */
  public static AvroRowConverter of(
      Schema table, org.apache.avro.Schema record, Map<String, Object> constants) {
    return of(table, new RecordMapping(record, true, constants, Map.of()));
  }

  /**
   * A converter for records of {@code mapping.schema()} into rows of {@code table}, with the
   * mapping's constants and renamed sources.
   *
   * @throws IllegalArgumentException when a required column has no source or a field's type does
   *     not fit its column
   */
  public static AvroRowConverter of(Schema table, RecordMapping mapping) {
    org.apache.avro.Schema record = mapping.schema();
    org.apache.avro.Schema.Field header = record.getField(AvroToIceberg.HEADER_FIELD);
    org.apache.avro.Schema headerSchema =
        header == null ? null : AvroToIceberg.nonNull(header.schema());
    List<Types.NestedField> fields = table.columns();
    Column[] columns = new Column[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Types.NestedField col = fields.get(i);
      String name = col.name();
      String path = mapping.sources().get(name);
      org.apache.avro.Schema.Field top;
      org.apache.avro.Schema.Field sub = null;
      if (path != null) {
        String[] parts = path.split("\\.");
        top = record.getField(parts[0]);
        if (top == null || parts.length > 2) {
          throw new IllegalArgumentException(
              "column '" + name + "': no field " + path + " in " + record.getFullName());
        }
        if (parts.length == 2) {
          org.apache.avro.Schema parent = AvroToIceberg.nonNull(top.schema());
          sub =
              parent.getType() == org.apache.avro.Schema.Type.RECORD
                  ? parent.getField(parts[1])
                  : null;
          if (sub == null) {
            throw new IllegalArgumentException(
                "column '" + name + "': no field " + path + " in " + record.getFullName());
          }
        }
      } else {
        top = record.getField(name);
        if (top == header) {
          top = null;
        }
        if (top == null && headerSchema != null && headerSchema.getField(name) != null) {
          top = header;
          sub = headerSchema.getField(name);
        }
      }
      Column c;
      if (top != null && sub == null) {
        c =
            new Column(
                name, col.isRequired(), top.pos(), -1, converter(col.type(), top.schema(), name));
      } else if (top != null) {
        c =
            new Column(
                name,
                col.isRequired(),
                top.pos(),
                sub.pos(),
                converter(col.type(), sub.schema(), name));
      } else if (mapping.constants().containsKey(name)) {
        Object value = constant(col.type(), mapping.constants().get(name), name);
        c = new Column(name, col.isRequired(), -1, -1, v -> value);
      } else {
        if (col.isRequired()) {
          throw new IllegalArgumentException(
              "required column '"
                  + name
                  + "' has no field in "
                  + record.getFullName()
                  + " and no constant");
        }
        c = new Column(name, false, -1, -1, v -> null);
      }
      columns[i] = c;
    }
    return new AvroRowConverter(table, columns);
  }

  /** The table schema rows are laid out as. */
  public Schema tableSchema() {
    return table;
  }

  /** The Flink row type of the rows ({@link FlinkSchemaUtil#convert(Schema)} of the table). */
  public RowType rowType() {
    return rowType;
  }

  /**
   * Converts one record.
   *
   * @throws RowConversionException when a required column is null or a value has an unexpected Java
   *     type
   */
  public GenericRowData convert(IndexedRecord record) {
    GenericRowData row = new GenericRowData(columns.length);
    for (int i = 0; i < columns.length; i++) {
      Column c = columns[i];
      Object raw;
      if (c.pos < 0) {
        raw = null;
      } else if (c.subPos < 0) {
        raw = record.get(c.pos);
      } else {
        IndexedRecord parent = (IndexedRecord) record.get(c.pos);
        raw = parent == null ? null : parent.get(c.subPos);
      }
      Object value;
      try {
        value = c.converter.convert(raw);
      } catch (RuntimeException e) {
        throw new RowConversionException(
            "column '" + c.name + "' of " + record.getSchema().getName() + ": " + e, e);
      }
      if (value == null && c.required) {
        throw new RowConversionException(
            "required column '" + c.name + "' is null in " + record.getSchema().getName());
      }
      row.setField(i, value);
    }
    return row;
  }

  /** Index of a column in the rows, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].name.equals(column)) {
        return i;
      }
    }
    return -1;
  }

  private record Column(
      String name, boolean required, int pos, int subPos, ValueConverter converter) {}

  /** Converts one non-null Avro value to its Flink internal value. */
  @FunctionalInterface
  interface ValueConverter {
    Object convert(Object value);
  }

  private static Object constant(Type type, Object value, String name) {
    if (value == null) {
      return null;
    }
    switch (type.typeId()) {
      case STRING:
        return StringData.fromString(value.toString());
      case TIMESTAMP:
        if (value instanceof Instant i) {
          return TimestampData.fromInstant(i);
        }
        if (value instanceof LocalDateTime l) {
          return TimestampData.fromLocalDateTime(l);
        }
        break;
      case BOOLEAN:
      case INTEGER:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return value;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "constant for column '" + name + "' of type " + type + " cannot be " + value.getClass());
  }

  static ValueConverter converter(Type type, org.apache.avro.Schema avro, String path) {
    org.apache.avro.Schema s = AvroToIceberg.nonNull(avro);
    LogicalType logical = s.getLogicalType();
    ValueConverter inner = scalarOrNested(type, s, logical, path);
    // nested values may be null inside lists, maps and structs
    return v -> v == null ? null : inner.convert(v);
  }

  private static ValueConverter scalarOrNested(
      Type type, org.apache.avro.Schema s, LogicalType logical, String path) {
    switch (type.typeId()) {
      case BOOLEAN:
        return v -> (Boolean) v;
      case INTEGER:
        return v -> ((Number) v).intValue();
      case LONG:
        return v -> ((Number) v).longValue();
      case FLOAT:
        return v -> ((Number) v).floatValue();
      case DOUBLE:
        return v -> ((Number) v).doubleValue();
      case STRING:
        return v -> StringData.fromString(v.toString());
      case DATE:
        return v -> v instanceof LocalDate d ? (int) d.toEpochDay() : ((Number) v).intValue();
      case TIME:
        {
          boolean micros = logical instanceof LogicalTypes.TimeMicros;
          return v -> {
            if (v instanceof LocalTime t) {
              return (int) (t.toNanoOfDay() / 1_000_000L);
            }
            long n = ((Number) v).longValue();
            return (int) (micros ? n / 1000 : n);
          };
        }
      case TIMESTAMP:
        {
          boolean micros =
              logical instanceof LogicalTypes.TimestampMicros
                  || logical instanceof LogicalTypes.LocalTimestampMicros;
          return v -> {
            if (v instanceof Instant i) {
              return TimestampData.fromInstant(i);
            }
            if (v instanceof LocalDateTime l) {
              return TimestampData.fromLocalDateTime(l);
            }
            long n = ((Number) v).longValue();
            if (micros) {
              return TimestampData.fromEpochMillis(
                  Math.floorDiv(n, 1000), (int) Math.floorMod(n, 1000) * 1000);
            }
            return TimestampData.fromEpochMillis(n);
          };
        }
      case BINARY:
      case FIXED:
        return AvroRowConverter::bytes;
      case DECIMAL:
        {
          Types.DecimalType d = (Types.DecimalType) type;
          Conversions.DecimalConversion conversion = new Conversions.DecimalConversion();
          return v -> {
            BigDecimal bd;
            if (v instanceof BigDecimal b) {
              bd = b;
            } else if (v instanceof ByteBuffer buf) {
              bd = conversion.fromBytes(buf.duplicate(), s, logical);
            } else {
              bd = conversion.fromFixed((GenericFixed) v, s, logical);
            }
            return DecimalData.fromBigDecimal(bd, d.precision(), d.scale());
          };
        }
      case LIST:
        {
          Types.ListType list = (Types.ListType) type;
          ValueConverter element =
              converter(list.elementType(), s.getElementType(), path + ".element");
          return v -> {
            List<?> in = (List<?>) v;
            Object[] out = new Object[in.size()];
            for (int i = 0; i < out.length; i++) {
              out[i] = element.convert(in.get(i));
            }
            return new GenericArrayData(out);
          };
        }
      case MAP:
        {
          Types.MapType map = (Types.MapType) type;
          ValueConverter value = converter(map.valueType(), s.getValueType(), path + ".value");
          return v -> {
            Map<?, ?> in = (Map<?, ?>) v;
            Map<Object, Object> out = new HashMap<>(in.size() * 2);
            for (Map.Entry<?, ?> e : in.entrySet()) {
              out.put(StringData.fromString(e.getKey().toString()), value.convert(e.getValue()));
            }
            return new GenericMapData(out);
          };
        }
      case STRUCT:
        return struct((Types.StructType) type, s, path);
      default:
        throw new IllegalArgumentException(
            path + ": Iceberg type " + type + " is not written by this converter");
    }
  }

  private static ValueConverter struct(
      Types.StructType type, org.apache.avro.Schema s, String path) {
    if (s.getType() != org.apache.avro.Schema.Type.RECORD) {
      throw new IllegalArgumentException(path + ": struct column but Avro " + s.getType());
    }
    List<Types.NestedField> fields = type.fields();
    int[] positions = new int[fields.size()];
    boolean[] required = new boolean[fields.size()];
    List<ValueConverter> converters = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      Types.NestedField f = fields.get(i);
      org.apache.avro.Schema.Field af = s.getField(f.name());
      required[i] = f.isRequired();
      if (af == null) {
        if (f.isRequired()) {
          throw new IllegalArgumentException(
              path + "." + f.name() + ": required but not in " + s.getFullName());
        }
        positions[i] = -1;
        converters.add(v -> null);
      } else {
        positions[i] = af.pos();
        converters.add(converter(f.type(), af.schema(), path + "." + f.name()));
      }
    }
    ValueConverter[] conv = converters.toArray(ValueConverter[]::new);
    return v -> {
      IndexedRecord r = (IndexedRecord) v;
      GenericRowData row = new GenericRowData(positions.length);
      for (int i = 0; i < positions.length; i++) {
        Object value = positions[i] < 0 ? null : conv[i].convert(r.get(positions[i]));
        if (value == null && required[i]) {
          throw new RowConversionException(path + "." + fields.get(i).name() + " is null");
        }
        row.setField(i, value);
      }
      return row;
    };
  }

  private static byte[] bytes(Object v) {
    if (v instanceof byte[] b) {
      return b;
    }
    if (v instanceof ByteBuffer buf) {
      ByteBuffer d = buf.duplicate();
      byte[] out = new byte[d.remaining()];
      d.get(out);
      return out;
    }
    return ((GenericFixed) v).bytes();
  }
}
