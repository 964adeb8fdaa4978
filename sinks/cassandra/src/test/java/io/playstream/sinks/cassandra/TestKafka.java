package io.playstream.sinks.cassandra;

import io.playstream.flink.RawEventDeserializer;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics, events and dead letters on the test broker of {@link LocalKafkaExtension}. */
final class TestKafka {
  private static final EventCodec CODEC = EventCodec.standard();

  private TestKafka() {}

  static void createTopic(LocalKafkaExtension kafka, String topic, int partitions)
      throws Exception {
    kafka
        .adminClient()
        .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
        .all()
        .get();
  }

  /** Produces events as the router would route them: key, single-object value, type header. */
  static void send(LocalKafkaExtension kafka, String topic, List<? extends SpecificRecord> events) {
    Map<String, Object> c = new HashMap<>(kafka.clientConfig());
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(c)) {
      for (SpecificRecord e : events) {
        EventType type = EventType.of(e);
        ProducerRecord<byte[], byte[]> r =
            new ProducerRecord<>(
                topic, type.keyOf(e).getBytes(StandardCharsets.UTF_8), CODEC.encode(e));
        r.headers()
            .add(
                RawEventDeserializer.EVENT_TYPE_HEADER,
                type.simpleName().getBytes(StandardCharsets.UTF_8));
        p.send(r);
      }
      p.flush();
    }
  }

  /**
   * Dead letters whose source topic is {@code sourceTopic}: reads {@code playstream.dlq} from the
   * beginning until at least {@code expected} were found (30 s at most) and the reader has caught
   * up with the end of every partition, so unexpected extra ones are returned too.
   */
  static List<ConsumerRecord<byte[], byte[]>> deadLetters(
      LocalKafkaExtension kafka, String sourceTopic, int expected) {
    Map<String, Object> c = new HashMap<>(kafka.clientConfig());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.DLQ.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        boolean caughtUp = false;
        while (!caughtUp) {
          collect(consumer.poll(Duration.ofMillis(100)), sourceTopic, out);
          caughtUp = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        }
        if (out.size() >= expected || System.nanoTime() > deadline) {
          return out;
        }
      }
    }
  }

  private static void collect(
      Iterable<ConsumerRecord<byte[], byte[]>> records,
      String sourceTopic,
      List<ConsumerRecord<byte[], byte[]>> out) {
    for (var r : records) {
      if (sourceTopic.equals(header(r, DeadLetterHeaders.SOURCE_TOPIC))) {
        out.add(r);
      }
    }
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    return DeadLetterHeaders.text(r.headers(), key);
  }
}
