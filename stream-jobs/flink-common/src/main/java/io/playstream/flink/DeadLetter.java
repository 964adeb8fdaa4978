package io.playstream.flink;

import java.time.Instant;

/**
 * A record a job could not handle, bound for {@code playstream.dlq}: the original key, value and
 * headers, with the reason, a detail text and where it came from (see {@code DeadLetterHeaders}). A
 * Flink POJO.
 */
public class DeadLetter {
  public byte[] key;
  public byte[] value;
  public String[] headerKeys = new String[0];
  public byte[][] headerValues = new byte[0][];

  /**
   * One of the {@code DeadLetterHeaders} reasons (undecodable, unknown-schema, sink-rejected...).
   */
  public String reason;

  /** What exactly was wrong. */
  public String detail;

  public String sourceTopic;
  public int sourcePartition = -1;
  public long sourceOffset = -1;

  /** The job or sink that gave up on the record (goes to the instance header). */
  public String component;

  /** When it was dead-lettered, epoch ms. */
  public long time;

  public DeadLetter() {}

  /** A dead letter of a raw record. */
  public static DeadLetter of(RawEvent e, String reason, String detail, String component) {
    DeadLetter d = new DeadLetter();
    d.key = e.key;
    d.value = e.value;
    d.headerKeys = e.headerKeys;
    d.headerValues = e.headerValues;
    d.reason = reason;
    d.detail = detail;
    d.sourceTopic = e.topic;
    d.sourcePartition = e.partition;
    d.sourceOffset = e.offset;
    d.component = component;
    d.time = Instant.now().toEpochMilli();
    return d;
  }

  @Override
  public String toString() {
    return "DeadLetter{"
        + reason
        + " from "
        + sourceTopic
        + "/"
        + sourcePartition
        + "@"
        + sourceOffset
        + ": "
        + detail
        + "}";
  }
}
