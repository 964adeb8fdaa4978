package io.playstream.router.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * One filter variable of one event type: where its value sits in the record (a top-level field, or
 * a field of the {@code header} record) and how it is converted for expressions.
 *
 * @param name variable name: the Avro field name, or {@code header.<field>} for header fields
 * @param kind the value type expressions see
 * @param nullable true when the field's schema is a union with null
 * @param schema the field's (non-null branch) schema
 * @param position field position in the event record
 * @param nestedPosition field position inside the nested record, or -1 for a top-level field
 */
public record EventField(
    String name,
    ValueKind kind,
    boolean nullable,
    Schema schema,
    int position,
    int nestedPosition) {

  /** The raw Avro value of this field in an event (a String, Integer, Instant, list, ...). */
  public Object raw(IndexedRecord event) {
    Object v = event.get(position);
    if (nestedPosition >= 0) {
      v = v == null ? null : ((IndexedRecord) v).get(nestedPosition);
    }
    return v;
  }

  /** The value as expressions see it (see {@link ValueKind}), or null. */
  public Object value(IndexedRecord event) {
    return convert(raw(event));
  }

  /** Converts a raw Avro value to its expression form. */
  public static Object convert(Object v) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Double) {
      return v;
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Instant t) {
      return t.toEpochMilli();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof GenericEnumSymbol<?> || v instanceof CharSequence) {
      return v.toString();
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(convert(o));
      }
      return out;
    }
    if (v instanceof IndexedRecord r) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Schema.Field f : r.getSchema().getFields()) {
        m.put(f.name(), convert(r.get(f.pos())));
      }
      return m;
    }
    return v;
  }
}
