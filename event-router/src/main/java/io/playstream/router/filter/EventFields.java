package io.playstream.router.filter;

import io.playstream.schemas.EventType;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The variables a filter expression sees for each event type — the binding shared by every filter
 * language:
 *
 * <ul>
 *   <li>every top-level field by its Avro (snake_case) name, e.g. {@code country}, {@code
 *       bitrate_kbps};
 *   <li>every field of the nested {@code header} record as {@code header.<field>}, e.g. {@code
 *       header.service}, {@code header.event_time} (epoch milliseconds);
 *   <li>{@code event_type}: the simple event name, e.g. {@code PlaybackStarted}.
 * </ul>
 *
 * <p>A route over several event types sees the union of their variables; a variable that an event
 * does not have is null for that event.
 */
public final class EventFields {
  /** The variable holding the event's simple type name. */
  public static final String EVENT_TYPE = "event_type";

  private static final Map<EventType, Map<String, EventField>> BY_TYPE = build();

  private EventFields() {}

  /** The variables of one event type, by name, in schema order ({@code event_type} excluded). */
  public static Map<String, EventField> of(EventType type) {
    return BY_TYPE.get(type);
  }

  /** One variable of an event type, or null when the type has no such variable. */
  public static EventField field(EventType type, String name) {
    return BY_TYPE.get(type).get(name);
  }

  /**
   * The variable declarations for a set of event types: name to kind. A variable gets a concrete
   * kind only when every type has it, non-nullable, with the same kind; otherwise it is {@link
   * ValueKind#DYN} (its value may be null).
   */
  public static Map<String, ValueKind> declarations(Collection<EventType> types) {
    Map<String, ValueKind> kinds = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (EventType t : types) {
      for (EventField f : of(t).values()) {
        ValueKind k = f.nullable() ? ValueKind.DYN : f.kind();
        kinds.merge(f.name(), k, (a, b) -> a == b ? a : ValueKind.DYN);
        counts.merge(f.name(), 1, Integer::sum);
      }
    }
    int n = types.size();
    counts.forEach(
        (name, c) -> {
          if (c != n) {
            kinds.put(name, ValueKind.DYN);
          }
        });
    kinds.put(EVENT_TYPE, ValueKind.STRING);
    return Collections.unmodifiableMap(kinds);
  }

  private static Map<EventType, Map<String, EventField>> build() {
    Map<EventType, Map<String, EventField>> all = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      Map<String, EventField> fields = new LinkedHashMap<>();
      for (Schema.Field f : t.schema().getFields()) {
        Schema s = nonNull(f.schema());
        if (s.getType() == Schema.Type.RECORD) {
          for (Schema.Field nf : s.getFields()) {
            Schema ns = nonNull(nf.schema());
            String name = f.name() + "." + nf.name();
            fields.put(
                name,
                new EventField(name, kindOf(ns), isNullable(nf.schema()), ns, f.pos(), nf.pos()));
          }
        } else {
          fields.put(
              f.name(),
              new EventField(f.name(), kindOf(s), isNullable(f.schema()), s, f.pos(), -1));
        }
      }
      all.put(t, Collections.unmodifiableMap(fields));
    }
    return Collections.unmodifiableMap(all);
  }

  /** True when the schema is a union with null. */
  public static boolean isNullable(Schema s) {
    return s.getType() == Schema.Type.UNION
        && s.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
  }

  /** The non-null branch of a nullable union (the schema itself otherwise). */
  public static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    List<Schema> branches =
        s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    return branches.size() == 1 ? branches.get(0) : s;
  }

  static ValueKind kindOf(Schema s) {
    return switch (s.getType()) {
      case STRING, ENUM -> ValueKind.STRING;
      case INT -> ValueKind.INT;
      case LONG ->
          s.getLogicalType() == null || s.getLogicalType() instanceof LogicalTypes.TimestampMillis
              ? ValueKind.INT
              : ValueKind.DYN;
      case FLOAT, DOUBLE -> ValueKind.DOUBLE;
      case BOOLEAN -> ValueKind.BOOL;
      case ARRAY -> {
        Schema items = nonNull(s.getElementType());
        if (items.getType() == Schema.Type.STRING) {
          yield ValueKind.STRING_LIST;
        }
        yield items.getType() == Schema.Type.RECORD ? ValueKind.MAP_LIST : ValueKind.DYN;
      }
      default -> ValueKind.DYN;
    };
  }
}
