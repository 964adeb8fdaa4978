package io.playstream.sinks.elasticsearch;

import io.playstream.flink.RawEvent;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a document came from: the Kafka record it was made of (topic, partition, offset) and, when
 * the document stands for one record, that record's original key, value and headers. A rejected
 * document goes to the dead-letter topic as these original bytes, so {@code playstream dlq replay}
 * can send it back to {@link #getTopic() its topic}.
 *
 * <p>A Flink POJO (public no-arg constructor, getters and setters), so it travels through a job
 * without Kryo.
 */
public class RecordOrigin implements Serializable {
  private static final long serialVersionUID = 1L;

  private String topic;
  private int partition = -1;
  private long offset = -1;
  private byte[] key;
  private byte[] value;
  private String[] headerKeys = new String[0];
  private byte[][] headerValues = new byte[0][];

  /** For Flink's POJO serializer; use the factories. */
  public RecordOrigin() {}

  /** The origin of a record, with its original bytes ({@code key}, {@code value} may be null). */
  public static RecordOrigin of(
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String[] headerKeys,
      byte[][] headerValues) {
    if (headerKeys.length != headerValues.length) {
      throw new IllegalArgumentException("header keys and values differ in length");
    }
    RecordOrigin o = new RecordOrigin();
    o.topic = Objects.requireNonNull(topic, "topic");
    o.partition = partition;
    o.offset = offset;
    o.key = key;
    o.value = value;
    o.headerKeys = headerKeys.clone();
    o.headerValues = headerValues.clone();
    return o;
  }

  /** The origin of a raw platform record (its bytes and headers included). */
  public static RecordOrigin of(RawEvent e) {
    return of(e.topic, e.partition, e.offset, e.key, e.value, e.headerKeys, e.headerValues);
  }

  /**
   * The origin of a document computed from many records (a metric window, say): only a position
   * worth naming, no original bytes. Its dead letter carries the document JSON as value instead.
   */
  public static RecordOrigin position(String topic, int partition, long offset) {
    return of(topic, partition, offset, null, null, new String[0], new byte[0][]);
  }

  /** Whether the original record value is known. */
  public boolean hasOriginalValue() {
    return value != null;
  }

  /** {@code topic/partition@offset}. */
  public String describe() {
    return topic + "/" + partition + "@" + offset;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public int getPartition() {
    return partition;
  }

  public void setPartition(int partition) {
    this.partition = partition;
  }

  public long getOffset() {
    return offset;
  }

  public void setOffset(long offset) {
    this.offset = offset;
  }

  public byte[] getKey() {
    return key;
  }

  public void setKey(byte[] key) {
    this.key = key;
  }

  public byte[] getValue() {
    return value;
  }

  public void setValue(byte[] value) {
    this.value = value;
  }

  public String[] getHeaderKeys() {
    return headerKeys;
  }

  public void setHeaderKeys(String[] headerKeys) {
    this.headerKeys = headerKeys;
  }

  public byte[][] getHeaderValues() {
    return headerValues;
  }

  public void setHeaderValues(byte[][] headerValues) {
    this.headerValues = headerValues;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RecordOrigin r)) {
      return false;
    }
    return partition == r.partition
        && offset == r.offset
        && Objects.equals(topic, r.topic)
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value)
        && Arrays.equals(headerKeys, r.headerKeys)
        && Arrays.deepEquals(headerValues, r.headerValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return describe();
  }
}
