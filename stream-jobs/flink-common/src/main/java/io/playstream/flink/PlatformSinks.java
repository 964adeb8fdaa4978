package io.playstream.flink;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Kafka sinks of platform records. Event and dead-letter sinks are exactly-once by default: the
 * records become visible to {@code read_committed} consumers when the checkpoint that covers them
 * completes.
 */
public final class PlatformSinks {
  /**
   * Producer transaction timeout: above the longest checkpoint, below the broker's {@code
   * transaction.max.timeout.ms} (15 min by default; an unset value fails with InvalidTxnTimeout).
   */
  public static final String TRANSACTION_TIMEOUT_MS = "600000";

  private PlatformSinks() {}

  /**
   * Avro events to a platform topic: value single-object encoded, key from the event type's key
   * field ({@link EventType#keyOf}), header {@code ps.event-type} = simple schema name.
   *
   * @param transactionalIdPrefix unique per job and sink (two sinks must never share one)
   */
  public static <T extends SpecificRecord> KafkaSink<T> events(
      String bootstrapServers,
      TopicSpec topic,
      DeliveryGuarantee guarantee,
      String transactionalIdPrefix) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(new EventSerialization<T>(topic.name()))
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setKafkaProducerConfig(producerProps())
        .build();
  }

  /** {@link #events(String, TopicSpec, DeliveryGuarantee, String)} exactly-once. */
  public static <T extends SpecificRecord> KafkaSink<T> events(
      String bootstrapServers, TopicSpec topic, String transactionalIdPrefix) {
    return events(bootstrapServers, topic, DeliveryGuarantee.EXACTLY_ONCE, transactionalIdPrefix);
  }

  /**
   * Dead letters to {@code playstream.dlq}: original key, value and headers plus the {@code
   * ps.dlq.*} reason and origin headers, so {@code playstream dlq replay} can send them back.
   */
  public static KafkaSink<DeadLetter> deadLetters(
      String bootstrapServers, DeliveryGuarantee guarantee, String transactionalIdPrefix) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(new DeadLetterSerialization())
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setKafkaProducerConfig(producerProps())
        .build();
  }

  /** {@link #deadLetters(String, DeliveryGuarantee, String)} exactly-once. */
  public static KafkaSink<DeadLetter> deadLetters(
      String bootstrapServers, String transactionalIdPrefix) {
    return deadLetters(bootstrapServers, DeliveryGuarantee.EXACTLY_ONCE, transactionalIdPrefix);
  }

  /** Raw records (original key, value, headers) to a topic, e.g. late events to a late topic. */
  public static KafkaSink<RawEvent> raw(
      String bootstrapServers,
      String topic,
      DeliveryGuarantee guarantee,
      String transactionalIdPrefix) {
    return KafkaSink.<RawEvent>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(new RawSerialization(topic))
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setKafkaProducerConfig(producerProps())
        .build();
  }

  static Properties producerProps() {
    Properties p = new Properties();
    p.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    p.setProperty("compression.type", "lz4");
    p.setProperty("linger.ms", "5");
    return p;
  }

  /** Encodes events with the platform codec. */
  static final class EventSerialization<T extends SpecificRecord>
      implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private transient EventCodec codec;

    EventSerialization(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        T event, KafkaSinkContext context, Long timestamp) {
      if (codec == null) {
        codec = EventCodec.standard();
      }
      EventType type = EventType.of(event);
      RecordHeaders headers = new RecordHeaders();
      headers.add(
          RawEventDeserializer.EVENT_TYPE_HEADER,
          type.simpleName().getBytes(StandardCharsets.UTF_8));
      String key = type.keyOf(event);
      return new ProducerRecord<>(
          topic,
          null,
          null,
          key == null ? null : key.getBytes(StandardCharsets.UTF_8),
          codec.encode(event),
          headers);
    }
  }

  /** Writes dead letters with their reason and origin headers. */
  static final class DeadLetterSerialization implements KafkaRecordSerializationSchema<DeadLetter> {
    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        DeadLetter d, KafkaSinkContext context, Long timestamp) {
      return toRecord(d);
    }
  }

  /** The dead-letter topic record of a dead letter. */
  public static ProducerRecord<byte[], byte[]> toRecord(DeadLetter d) {
    RecordHeaders original = new RecordHeaders();
    for (int i = 0; i < d.headerKeys.length; i++) {
      original.add(d.headerKeys[i], d.headerValues[i]);
    }
    var headers =
        DeadLetterHeaders.of(
            original,
            d.reason,
            d.detail,
            d.sourceTopic,
            d.sourcePartition,
            d.sourceOffset,
            null,
            Instant.ofEpochMilli(d.time == 0 ? System.currentTimeMillis() : d.time),
            d.component);
    return new ProducerRecord<>(Topics.DLQ.name(), null, null, d.key, d.value, headers);
  }

  /** Writes raw records unchanged. */
  static final class RawSerialization implements KafkaRecordSerializationSchema<RawEvent> {
    private final String topic;

    RawSerialization(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        RawEvent e, KafkaSinkContext context, Long timestamp) {
      RecordHeaders headers = new RecordHeaders();
      for (int i = 0; i < e.headerKeys.length; i++) {
        headers.add(e.headerKeys[i], e.headerValues[i]);
      }
      return new ProducerRecord<>(topic, null, null, e.key, e.value, headers);
    }
  }
}
