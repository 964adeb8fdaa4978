package io.playstream.schemas;

import io.playstream.events.EventHeader;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Helpers common to every event: its header, id and record key. */
public final class Events {
  private Events() {}

  /** A fresh header with a random UUID event id. */
  public static EventHeader newHeader(
      String service, String instance, Instant eventTime, String traceId) {
    return EventHeader.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setEventTime(eventTime)
        .setService(service)
        .setInstance(instance)
        .setTraceId(traceId)
        .build();
  }

  /** The header of any Playstream event. */
  public static EventHeader header(SpecificRecord event) {
    Schema.Field f = event.getSchema().getField("header");
    if (f == null) {
      throw new IllegalArgumentException(event.getSchema().getFullName() + " has no header");
    }
    return (EventHeader) event.get(f.pos());
  }

  /** The event id from the header. */
  public static String eventId(SpecificRecord event) {
    return header(event).getEventId();
  }

  /** The record key the topic catalog prescribes for this event. */
  public static String key(SpecificRecord event) {
    return EventType.of(event).keyOf(event);
  }
}
