package io.playstream.router;

import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Manages the applied routes on the compacted routes topic ({@code playstream.routes}: key = route
 * name, value = the route's YAML, null = deleted) — the API behind {@code playstream routes
 * apply|list|delete|validate}. Every router instance reads that topic, so a change here reaches all
 * of them within seconds.
 *
 * <p>{@link #apply} validates the whole set first and changes nothing when any route has a problem;
 * the routes that pass are written in one Kafka transaction (all or none) after their destination
 * topics are created. Not thread-safe; close it.
 */
public final class RoutesClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A route as stored on the routes topic. */
  public record AppliedRoute(
      String name, Route route, String text, String error, long offset, Instant timestamp) {
    /** True when the stored text is a valid route (error is null). */
    public boolean valid() {
      return error == null;
    }
  }

  /**
   * What {@link #apply} did.
   *
   * @param added routes that did not exist
   * @param changed routes whose text changed
   * @param unchanged routes applied with the same text as before (not written again)
   * @param createdTopics destination topics this call created
   */
  public record ApplyResult(
      List<String> added,
      List<String> changed,
      List<String> unchanged,
      List<String> createdTopics) {}

  private final Map<String, Object> clientConfig;
  private final RouteValidator validator;
  private final short replicationFactor;
  private KafkaProducer<String, String> producer;

  /** A client for the cluster at these bootstrap servers (replication factor 1 for new topics). */
  public RoutesClient(String bootstrapServers) {
    this(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        RouteValidator.standard(),
        (short) 1);
  }

  /**
   * @param clientConfig common client settings (at least bootstrap.servers)
   * @param validator the validator (its filter language must be the routers')
   * @param replicationFactor for destination and catalog topics this client creates
   */
  public RoutesClient(
      Map<String, Object> clientConfig, RouteValidator validator, short replicationFactor) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.validator = validator;
    this.replicationFactor = replicationFactor;
  }

  /** Every problem of a route set, without touching Kafka ({@code routes validate FILE}). */
  public static List<RouteProblem> validate(List<Route> routes) {
    return RouteValidator.standard().validate(routes);
  }

  /**
   * Validates all routes, then creates their destination topics and writes them in one transaction.
   * Routes not named here are left as they are.
   *
   * @throws RouteValidationException when any route has a problem; nothing is changed then
   */
  public ApplyResult apply(List<Route> routes) throws InterruptedException {
    validator.check(routes);
    Map<String, AppliedRoute> current = new HashMap<>();
    for (AppliedRoute a : list()) {
      current.put(a.name(), a);
    }
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    Map<String, String> toWrite = new LinkedHashMap<>();
    for (Route r : routes) {
      String text = RouteYaml.toYaml(r);
      AppliedRoute before = current.get(r.name());
      if (before == null) {
        added.add(r.name());
        toWrite.put(r.name(), text);
      } else if (before.text().equals(text)) {
        unchanged.add(r.name());
      } else {
        changed.add(r.name());
        toWrite.put(r.name(), text);
      }
    }
    List<String> createdTopics;
    try (Admin admin = Admin.create(clientConfig)) {
      List<TopicSpec> topics = new ArrayList<>(Topics.all());
      for (Route r : routes) {
        topics.add(destinationSpec(r));
      }
      createdTopics = TopicAdmin.ensureTopics(admin, topics, replicationFactor);
    }
    if (!toWrite.isEmpty()) {
      writeAtomically(toWrite);
    }
    return new ApplyResult(
        List.copyOf(added), List.copyOf(changed), List.copyOf(unchanged), createdTopics);
  }

  /**
   * Deletes a route (a tombstone on the routes topic); its destination topic stays.
   *
   * @return false when no such route was applied (nothing is written then)
   */
  public boolean delete(String name) throws InterruptedException {
    boolean exists = list().stream().anyMatch(a -> a.name().equals(name));
    if (!exists) {
      return false;
    }
    Map<String, String> tombstone = new HashMap<>();
    tombstone.put(name, null);
    writeAtomically(tombstone);
    return true;
  }

  /** The applied routes, read from the routes topic to its end, by name. */
  public List<AppliedRoute> list() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "playstream-routes-client");
    Map<String, AppliedRoute> byName = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, Topics.ROUTES.name());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading " + Topics.ROUTES.name());
        }
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
          if (rec.key() == null) {
            continue;
          }
          if (rec.value() == null) {
            byName.remove(rec.key());
          } else {
            byName.put(rec.key(), parse(rec));
          }
        }
      }
    }
    return List.copyOf(byName.values());
  }

  private static AppliedRoute parse(ConsumerRecord<String, String> rec) {
    Instant time = Instant.ofEpochMilli(rec.timestamp());
    try {
      List<Route> routes = RouteYaml.parse(rec.value(), rec.key());
      Route r = routes.size() == 1 ? routes.get(0) : null;
      return new AppliedRoute(
          rec.key(),
          r,
          rec.value(),
          r == null ? "expected one route, found " + routes.size() : null,
          rec.offset(),
          time);
    } catch (RouteValidationException e) {
      return new AppliedRoute(rec.key(), null, rec.value(), e.getMessage(), rec.offset(), time);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      return List.of();
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void writeAtomically(Map<String, String> records) {
    KafkaProducer<String, String> p = producer();
    p.beginTransaction();
    try {
      for (Map.Entry<String, String> e : records.entrySet()) {
        p.send(new ProducerRecord<>(Topics.ROUTES.name(), e.getKey(), e.getValue()));
      }
      p.commitTransaction();
    } catch (RuntimeException e) {
      try {
        p.abortTransaction();
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      producer = null;
      p.close(Duration.ofSeconds(5));
      throw e;
    }
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "playstream-routes-client-" + UUID.randomUUID());
      config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
      producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
      producer.initTransactions();
    }
    return producer;
  }

  /** The topic spec of a route's destination, for creation. */
  static TopicSpec destinationSpec(Route r) {
    TopicSpec standard = Topics.route(r.name());
    if (r.destinationTopic().equals(standard.name())) {
      return standard;
    }
    return new TopicSpec(
        r.destinationTopic(),
        standard.partitions(),
        standard.retention(),
        false,
        standard.keyField(),
        standard.valueFormat(),
        "Events selected by route " + r.name());
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
