package io.playstream.services.it;

import io.playstream.schemas.EventDeserializer;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A one-node KRaft cluster in this JVM with the fronting topics, and a reader of them. */
final class KafkaCluster implements AutoCloseable {
  private final KafkaClusterTestKit kit;

  private KafkaCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  static KafkaCluster start() throws Exception {
    KafkaClusterTestKit kit =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kit.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, Topics.fronting(), (short) 1);
    }
    return new KafkaCluster(kit);
  }

  String bootstrapServers() {
    return kit.bootstrapServers();
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

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
