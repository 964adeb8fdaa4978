package io.playstream.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.schemas.EventDeserializer;
import io.playstream.schemas.EventSerializer;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real broker process started by {@link LocalKafkaExtension}. */
class LocalKafkaIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  private static final Duration BOUND = Duration.ofSeconds(30);

  @BeforeAll
  static void topics() throws InterruptedException {
    KAFKA.createCatalogTopics();
  }

  @Test
  void brokerAnswers() throws Exception {
    var nodes = KAFKA.adminClient().describeCluster().nodes().get(10, TimeUnit.SECONDS);

    assertThat(nodes).extracting(Node::port).containsExactly(port(KAFKA.bootstrapServers()));
    assertThat(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Test
  void catalogTopicsExistAndEnsuringThemAgainCreatesNone() throws Exception {
    Set<String> names = KAFKA.adminClient().listTopics().names().get(10, TimeUnit.SECONDS);

    assertThat(names).containsAll(Topics.all().stream().map(TopicSpec::name).toList());
    assertThat(KAFKA.createCatalogTopics()).isEmpty();
  }

  @Test
  void eventsProducedWithTheCatalogSerializerAreConsumedBackDecoded() throws Exception {
    Map<String, SpecificRecord> sent = new HashMap<>();
    for (EventType type : EventType.values()) {
      SpecificRecord event = SampleEvents.of(type);
      sent.put(Events.eventId(event), event);
    }

    try (KafkaProducer<String, SpecificRecord> producer = producer()) {
      for (SpecificRecord event : sent.values()) {
        producer.send(
            new ProducerRecord<>(EventType.of(event).topic().name(), Events.key(event), event));
      }
      producer.flush();
    }

    Map<String, SpecificRecord> received = new HashMap<>();
    List<TopicSpec> topics =
        sent.values().stream().map(e -> EventType.of(e).topic()).distinct().toList();
    try (KafkaConsumer<String, SpecificRecord> consumer = consumer(new EventDeserializer())) {
      consumer.assign(partitions(topics));
      consumer.seekToBeginning(consumer.assignment());
      await(
          () -> {
            for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) {
              received.put(Events.eventId(r.value()), r.value());
              assertThat(r.key()).isEqualTo(Events.key(r.value()));
            }
            return received.keySet().containsAll(sent.keySet());
          });
    }
    for (var e : sent.entrySet()) {
      assertThat(received.get(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void recordsSurviveABrokerStopAndStart() throws Exception {
    TopicSpec topic = Topics.ROUTES;
    String runId = Long.toString(System.nanoTime());
    List<String> keys = IntStream.range(0, 20).mapToObj(i -> runId + "-" + i).toList();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer())) {
      for (String k : keys) {
        producer.send(new ProducerRecord<>(topic.name(), k, "v-" + k)).get(10, TimeUnit.SECONDS);
      }
    }
    long pidBefore = KAFKA.brokerPid();

    KAFKA.stopBroker();
    assertThat(KAFKA.isBrokerAlive()).isFalse();
    KAFKA.startBroker();

    assertThat(KAFKA.brokerPid()).isNotEqualTo(pidBefore);
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(new StringDeserializer())) {
      consumer.assign(partitions(List.of(topic)));
      consumer.seekToBeginning(consumer.assignment());
      await(
          () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.key()));
            return seen.containsAll(keys);
          });
    }
  }

  @Test
  void aSecondLauncherForTheSameStateReportsTheRunningBroker() throws Exception {
    var settings =
        new KafkaLauncher.Settings(
            port(KAFKA.bootstrapServers()),
            controllerPort(),
            "512m",
            Duration.ofSeconds(30),
            Duration.ofSeconds(20),
            Map.of());

    KafkaBroker found = new KafkaLauncher(KAFKA.stateLayout(), settings).start();

    assertThat(found.reused()).isTrue();
    assertThat(found.pid()).isEqualTo(KAFKA.brokerPid());
  }

  private static int controllerPort() throws Exception {
    String props =
        Files.readString(
            KAFKA.stateLayout().confDir(KafkaLauncher.COMPONENT).resolve("server.properties"));
    String voters =
        props
            .lines()
            .filter(l -> l.startsWith("controller.quorum.voters="))
            .findFirst()
            .orElseThrow();
    return port(voters);
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static List<TopicPartition> partitions(List<TopicSpec> topics) {
    return topics.stream()
        .flatMap(
            t -> IntStream.range(0, t.partitions()).mapToObj(p -> new TopicPartition(t.name(), p)))
        .collect(Collectors.toList());
  }

  private static Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(KAFKA.clientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return config;
  }

  private static KafkaProducer<String, SpecificRecord> producer() {
    return new KafkaProducer<>(producerConfig(), new StringSerializer(), new EventSerializer());
  }

  private static <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
    Map<String, Object> config = new HashMap<>(KAFKA.clientConfig());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), values);
  }

  private static void await(Callable<Boolean> condition) {
    Awaitility.await().atMost(BOUND).pollInterval(Duration.ZERO).until(condition);
  }
}
