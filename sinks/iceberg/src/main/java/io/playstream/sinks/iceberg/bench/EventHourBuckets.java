package io.playstream.sinks.iceberg.bench;

import io.playstream.schemas.Events;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * FileSink buckets by the event's hour ({@code event_hour=yyyy-MM-dd-HH}), the layout of the
 * Iceberg table's {@code hour(event_time)} partitions.
 */
public final class EventHourBuckets<T extends SpecificRecord> implements BucketAssigner<T, String> {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH").withZone(ZoneOffset.UTC);

  @Override
  public String getBucketId(T element, Context context) {
    Instant t = Events.header(element).getEventTime();
    return "event_hour=" + HOUR.format(t);
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }
}
