package io.playstream.flink;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/** Builds {@link RawEvent}s from events, for bounded sources in tests and benchmarks. */
public final class RawEvents {
  private static final EventCodec CODEC = EventCodec.standard();

  private RawEvents() {}

  /** The raw record a route topic would carry for this event, at the given offset. */
  public static RawEvent of(SpecificRecord event, String topic, int partition, long offset) {
    EventType type = EventType.of(event);
    RawEvent e = new RawEvent();
    e.topic = topic;
    e.partition = partition;
    e.offset = offset;
    e.eventTime = Events.header(event).getEventTime().toEpochMilli();
    e.kafkaTimestamp = e.eventTime;
    e.eventType = type.simpleName();
    String key = type.keyOf(event);
    e.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    e.value = CODEC.encode(event);
    e.headerKeys = new String[] {RawEventDeserializer.EVENT_TYPE_HEADER};
    e.headerValues = new byte[][] {e.eventType.getBytes(StandardCharsets.UTF_8)};
    return e;
  }

  /** A raw record with arbitrary bytes (for dead-letter tests). */
  public static RawEvent bytes(byte[] value, String topic, int partition, long offset, long time) {
    RawEvent e = new RawEvent();
    e.topic = topic;
    e.partition = partition;
    e.offset = offset;
    e.eventTime = time;
    e.kafkaTimestamp = time;
    e.value = value;
    return e;
  }
}
