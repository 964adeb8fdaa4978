package io.playstream.cli;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventDecodingException;
import io.playstream.schemas.Events;
import io.playstream.schemas.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a range of offsets of some topics back, decodes every record and counts events by type,
 * undecodable records and duplicate event ids. Used by {@code playstream demo} and by integration
 * tests to prove that what was emitted arrived exactly once.
 */
public final class TopicAudit implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventCodec codec;

  /**
   * Result of reading a range.
   *
   * @param records records read
   * @param byType decoded events by simple type name
   * @param undecodable records that did not decode, by reason
   * @param duplicates event ids seen more than once, by type (count of extra copies)
   * @param eventIds every distinct event id read
   */
  public record Result(
      long records,
      Map<String, Long> byType,
      Map<String, Long> undecodable,
      Map<String, Long> duplicates,
      Set<String> eventIds) {
    public long totalDuplicates() {
      return duplicates.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public TopicAudit(String bootstrapServers) {
    this(bootstrapServers, EventCodec.standard());
  }

  public TopicAudit(String bootstrapServers, EventCodec codec) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.codec = codec;
  }

  /** The current end offset of every partition of the topics. */
  public Map<TopicPartition, Long> endOffsets(List<TopicSpec> topics) {
    return consumer.endOffsets(partitions(topics), Duration.ofSeconds(30));
  }

  /** Reads from {@code from} (inclusive) to {@code to} (exclusive) per partition. */
  public Result read(
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Duration timeout) {
    List<TopicPartition> parts = new ArrayList<>(to.keySet());
    consumer.assign(parts);
    Map<TopicPartition, Long> remaining = new HashMap<>();
    for (TopicPartition tp : parts) {
      long start = from.getOrDefault(tp, 0L);
      consumer.seek(tp, start);
      if (to.get(tp) > start) {
        remaining.put(tp, to.get(tp));
      }
    }
    Map<String, Long> byType = new TreeMap<>();
    Map<String, Long> undecodable = new TreeMap<>();
    Map<String, Long> duplicates = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    long records = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!remaining.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out reading back " + remaining.keySet() + " after " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Long end = remaining.get(tp);
        if (end == null || r.offset() >= end) {
          continue;
        }
        records++;
        try {
          SpecificRecord event = codec.decode(r.value());
          String type = event.getSchema().getName();
          byType.merge(type, 1L, Long::sum);
          if (!ids.add(Events.eventId(event))) {
            duplicates.merge(type, 1L, Long::sum);
          }
        } catch (EventDecodingException e) {
          undecodable.merge(e.reason(), 1L, Long::sum);
        }
      }
      remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    }
    return new Result(records, byType, undecodable, duplicates, ids);
  }

  private List<TopicPartition> partitions(List<TopicSpec> topics) {
    List<TopicPartition> parts = new ArrayList<>();
    for (TopicSpec t : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(t.name(), Duration.ofSeconds(30));
      if (infos == null) {
        throw new IllegalStateException("topic " + t.name() + " does not exist");
      }
      infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
    }
    return parts;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
