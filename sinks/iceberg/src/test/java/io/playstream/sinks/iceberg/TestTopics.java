package io.playstream.sinks.iceberg;

import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics and records on the test broker, as the router writes them. */
final class TestTopics {
  private TestTopics() {}

  /** A fresh topic with a unique name. */
  static String create(LocalKafkaExtension kafka, String prefix, int partitions) throws Exception {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    kafka
        .adminClient()
        .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
        .all()
        .get();
    return name;
  }

  /** Produces events (single-object encoded, keyed, with the ps.event-type header). */
  static void produce(
      LocalKafkaExtension kafka, String topic, List<? extends SpecificRecord> events) {
    EventCodec codec = EventCodec.standard();
    try (KafkaProducer<byte[], byte[]> p = producer(kafka)) {
      for (SpecificRecord e : events) {
        EventType type = EventType.of(e);
        ProducerRecord<byte[], byte[]> r =
            new ProducerRecord<>(
                topic, Events.key(e).getBytes(StandardCharsets.UTF_8), codec.encode(e));
        r.headers().add("ps.event-type", type.simpleName().getBytes(StandardCharsets.UTF_8));
        p.send(r);
      }
      p.flush();
    }
  }

  /** Produces raw bytes without an event-type header. */
  static void produceBytes(LocalKafkaExtension kafka, String topic, byte[] key, byte[] value) {
    try (KafkaProducer<byte[], byte[]> p = producer(kafka)) {
      p.send(new ProducerRecord<>(topic, key, value));
      p.flush();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(LocalKafkaExtension kafka) {
    Map<String, Object> pc = new HashMap<>(kafka.clientConfig());
    pc.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    pc.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    pc.put(ProducerConfig.ACKS_CONFIG, "all");
    pc.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(pc);
  }

  /** Reads committed records of a topic until at least {@code atLeast} came and it went quiet. */
  static List<ConsumerRecord<byte[], byte[]>> readCommitted(
      LocalKafkaExtension kafka, String topic, int atLeast) {
    Map<String, Object> cc = new HashMap<>(kafka.clientConfig());
    cc.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cc.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    cc.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cc)) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (out.size() < atLeast || emptyPolls < 3)) {
        var records = c.poll(Duration.ofMillis(300));
        emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
        records.forEach(out::add);
      }
    }
    return out;
  }
}
