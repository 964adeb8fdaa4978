package io.playstream.router.filter;

import io.playstream.schemas.EventType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One decoded event as filters see it: the record, its type, and its variables by name (see {@link
 * EventFields}). Made once per record and shared by every route's filter.
 */
public final class EventView {
  private final SpecificRecord record;
  private final EventType type;
  private final Map<String, EventField> fields;
  private Map<String, Object> map;

  private EventView(SpecificRecord record, EventType type) {
    this.record = record;
    this.type = type;
    this.fields = EventFields.of(type);
  }

  /** A view of an event. */
  public static EventView of(SpecificRecord record) {
    return new EventView(Objects.requireNonNull(record, "record"), EventType.of(record));
  }

  /** A view of an event whose type is already known. */
  public static EventView of(SpecificRecord record, EventType type) {
    return new EventView(Objects.requireNonNull(record, "record"), type);
  }

  public SpecificRecord record() {
    return record;
  }

  public EventType type() {
    return type;
  }

  /** True when the event has this variable ({@code event_type} included). */
  public boolean has(String name) {
    return fields.containsKey(name) || EventFields.EVENT_TYPE.equals(name);
  }

  /** A variable's value in expression form (see {@link ValueKind}), or null. */
  public Object get(String name) {
    EventField f = fields.get(name);
    if (f != null) {
      return f.value(record);
    }
    return EventFields.EVENT_TYPE.equals(name) ? type.simpleName() : null;
  }

  /** Every variable of this event as an unmodifiable map (built on first call). */
  public Map<String, Object> asMap() {
    if (map == null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(EventFields.EVENT_TYPE, type.simpleName());
      for (EventField f : fields.values()) {
        m.put(f.name(), f.value(record));
      }
      map = Collections.unmodifiableMap(m);
    }
    return map;
  }

  @Override
  public String toString() {
    return type.simpleName() + asMap();
  }
}
