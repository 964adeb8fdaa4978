package io.playstream.services.it;

import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.EventDeserializer;
import io.playstream.schemas.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The real broker of this test JVM (started once by the project's launcher through {@link
 * LocalKafkaExtension}) with the fronting topics, and a reader of them.
 */
final class KafkaCluster implements AutoCloseable {
  private final String bootstrapServers;

  private KafkaCluster(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  static KafkaCluster on(LocalKafkaExtension kafka) throws Exception {
    kafka.createCatalogTopics();
    return new KafkaCluster(kafka.bootstrapServers());
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Reads a topic from the beginning until {@code done} holds for what was read (bounded).
   *
   * @throws AssertionError when the condition does not hold within the timeout
   */
  List<ConsumerRecord<String, SpecificRecord>> readUntil(
      TopicSpec topic,
      Predicate<List<ConsumerRecord<String, SpecificRecord>>> done,
      Duration timeout) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5000);
    List<ConsumerRecord<String, SpecificRecord>> read = new ArrayList<>();
    try (KafkaConsumer<String, SpecificRecord> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new EventDeserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(read)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "condition on "
                  + topic.name()
                  + " not met within "
                  + timeout
                  + "; read "
                  + read.size());
        }
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  /** The broker belongs to the extension, which stops it at the end of the test run. */
  @Override
  public void close() {}
}
