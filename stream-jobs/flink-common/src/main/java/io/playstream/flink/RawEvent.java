package io.playstream.flink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record of a platform topic, not yet decoded: its origin, times, key, value and headers.
 *
 * <p>A Flink POJO (public fields, no-arg constructor), so it travels through a job without Kryo.
 * {@link #eventTime} is the event's own time ({@code header.event_time}, read without decoding the
 * body, see {@link EventTimes}) or the Kafka timestamp when the bytes are not a readable event.
 */
public class RawEvent {
  /** Topic the record was read from. */
  public String topic;

  /** Partition the record was read from. */
  public int partition;

  /** Offset of the record. */
  public long offset;

  /** The Kafka record timestamp, epoch ms. */
  public long kafkaTimestamp;

  /** Event time, epoch ms: {@code header.event_time}, or the Kafka timestamp if unreadable. */
  public long eventTime;

  /** Value of the {@code ps.event-type} header (simple schema name), or null. */
  public String eventType;

  /** Record key bytes, or null. */
  public byte[] key;

  /** Record value bytes (single-object encoded Avro for platform events), or null. */
  public byte[] value;

  /** Header keys, parallel to {@link #headerValues}. */
  public String[] headerKeys = new String[0];

  /** Header values, parallel to {@link #headerKeys}. */
  public byte[][] headerValues = new byte[0][];

  public RawEvent() {}

  /** The last value of a header as UTF-8 text, or null. */
  public String header(String name) {
    for (int i = headerKeys.length - 1; i >= 0; i--) {
      if (headerKeys[i].equals(name)) {
        return headerValues[i] == null ? null : new String(headerValues[i], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Where the record came from, as {@code topic/partition@offset}. */
  public String origin() {
    return topic + "/" + partition + "@" + offset;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RawEvent r)) {
      return false;
    }
    return partition == r.partition
        && offset == r.offset
        && kafkaTimestamp == r.kafkaTimestamp
        && eventTime == r.eventTime
        && Objects.equals(topic, r.topic)
        && Objects.equals(eventType, r.eventType)
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value)
        && Arrays.equals(headerKeys, r.headerKeys)
        && Arrays.deepEquals(headerValues, r.headerValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset);
  }

  @Override
  public String toString() {
    return "RawEvent{" + origin() + ", type=" + eventType + ", eventTime=" + eventTime + "}";
  }
}
