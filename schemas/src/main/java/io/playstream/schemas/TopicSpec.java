package io.playstream.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One Kafka topic of the platform: name, partitioning, retention and what its records carry.
 *
 * <p>Keys are always UTF-8 strings (see {@link #keyField()}); values are single-object encoded Avro
 * events (see {@link EventCodec}) unless {@link #valueFormat()} says otherwise.
 *
 * @param name topic name
 * @param partitions partition count used when the topic is created
 * @param retention how long records are kept (ignored for compacted topics)
 * @param compacted true for log-compacted topics (latest value per key wins)
 * @param keyField which event field is the record key, so ordering holds per that key
 * @param valueFormat what the value bytes are
 * @param description one line for operators
 */
public record TopicSpec(
    String name,
    int partitions,
    Duration retention,
    boolean compacted,
    String keyField,
    ValueFormat valueFormat,
    String description) {

  /** What a topic's value bytes are. */
  public enum ValueFormat {
    /** Avro single-object encoding of a Playstream event. */
    AVRO_EVENT,
    /** Raw bytes as they arrived (dead letters), described by headers. */
    RAW_BYTES,
    /** UTF-8 text (YAML or JSON documents such as route definitions). */
    TEXT
  }

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1 for " + name);
    }
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(keyField, "keyField");
    Objects.requireNonNull(valueFormat, "valueFormat");
  }

  /** Topic-level configuration to apply when the topic is created. */
  public Map<String, String> configs() {
    if (compacted) {
      return Map.of("cleanup.policy", "compact");
    }
    return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
  }
}
