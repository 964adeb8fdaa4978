package io.playstream.simulator;

import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import io.playstream.simulator.kafka.ProducerSettings;
import io.playstream.simulator.model.ModelConfig;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer benchmark's workload: simulated events produced as fast as possible, no pacing; the
 * mix is that of a steady audience (mostly heartbeats, then CDN health reports, impressions,
 * starts, stops, steering decisions, ratings and errors).
 *
 * <p>The sending thread runs the model and sends ready bytes ({@link LoadRecords}: key and value
 * bytes, type header, {@code ByteArraySerializer}); the values are written straight from the
 * model's actions by {@link io.playstream.simulator.kafka.ActionEncoder}. The records, and their
 * order, are exactly those of the plain loop (model, {@code EventFactory}, {@code
 * KafkaEventSink.record}, {@code StringSerializer} and {@code EventSerializer}): the same seed
 * gives the same events. Making a record costs about as much as sending it; the load makes records
 * on the thread that sends them, like {@code ProducerPerformance}, rather than on a thread of its
 * own: on a machine whose cores are all busy (the broker shares them) a generator thread adds no
 * capacity, only hand-offs, and it would take a larger share of a contended machine than the
 * baseline's one thread.
 *
 * <p>A run may start with uncounted warm-up records ({@link #run(String, long, long, long, Map)}),
 * like {@code ProducerPerformance --warmup-records}, so that a measurement is of the steady state
 * rather than of the JIT compiler.
 */
public final class DirectKafkaLoad {
  /** Event time of simulated time 0 for load events. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private DirectKafkaLoad() {}

  /** The audience of the load: 2,000 profiles, one visit every 2 simulated seconds. */
  public static ModelConfig loadModel(long seed) {
    return ModelConfig.defaults(seed).withProfiles(2_000).withVisitsPerSimSecond(0.5);
  }

  /**
   * Produces {@code events} simulated events to the fronting topics (created first when missing,
   * replication factor 1) and waits for every acknowledgement.
   *
   * @param producerOverrides producer settings applied over {@link ProducerSettings#defaults} (may
   *     be null); the key and value serializers are always {@code ByteArraySerializer}, since the
   *     records are serialized before they are sent
   * @throws IllegalStateException when a send failed
   */
  public static LoadResult run(
      String bootstrapServers, long events, long seed, Map<String, Object> producerOverrides)
      throws InterruptedException {
    return run(bootstrapServers, 0, events, seed, producerOverrides);
  }

  /**
   * Produces {@code warmupEvents} and then {@code events} simulated events (the same stream of a
   * seed, one producer) and measures only the second part, as Kafka's {@code ProducerPerformance
   * --warmup-records} does: the clock starts when the first measured record is sent and the result
   * counts the acknowledgements of measured records only.
   *
   * @see #run(String, long, long, Map)
   */
  public static LoadResult run(
      String bootstrapServers,
      long warmupEvents,
      long events,
      long seed,
      Map<String, Object> producerOverrides)
      throws InterruptedException {
    if (events < 0 || warmupEvents < 0) {
      throw new IllegalArgumentException("events and warmupEvents must be >= 0");
    }
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicAdmin.ensureTopics(admin, Topics.fronting(), (short) 1);
    }
    LoadRecords records = new LoadRecords(seed);
    Map<String, Object> config =
        ProducerSettings.withOverrides(
            bootstrapServers,
            "playstream-simulator-load",
            producerOverrides == null ? Map.of() : producerOverrides);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (Producer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      return produce(producer, records, warmupEvents, events);
    }
  }

  /** {@link #produce(Producer, Supplier, long, long)} without warm-up. */
  static LoadResult produce(
      Producer<byte[], byte[]> producer,
      Supplier<ProducerRecord<byte[], byte[]>> records,
      long events) {
    return produce(producer, records, 0, events);
  }

  /**
   * Sends the first {@code warmup + events} records of {@code records}, each made just before it is
   * sent, and flushes. Without warm-up the time runs from the first record until {@code flush()}
   * returned; with warm-up it runs from the moment the first measured record is made (warm-up
   * records may still be in flight, as in {@code ProducerPerformance}) until {@code flush()}
   * returned, and only measured records are counted.
   *
   * @throws IllegalStateException when generating a record or an acknowledgement failed
   */
  static LoadResult produce(
      Producer<byte[], byte[]> producer,
      Supplier<ProducerRecord<byte[], byte[]>> records,
      long warmup,
      long events) {
    long total = warmup + events;
    Acks warmupAcks = new Acks();
    Acks acks = new Acks();
    long measuredBytes = 0;
    long backlog = 0;
    long start = System.nanoTime();
    for (long sent = 0; sent < total; sent++) {
      if (sent == warmup && warmup > 0) {
        start = System.nanoTime();
        backlog = warmup - warmupAcks.acked.get() - warmupAcks.failures.get();
      }
      ProducerRecord<byte[], byte[]> r;
      try {
        r = records.get();
      } catch (RuntimeException e) {
        throw new IllegalStateException("generating load records failed", e);
      }
      if (sent < warmup) {
        producer.send(r, warmupAcks);
      } else {
        producer.send(r, acks);
        measuredBytes += (r.key() == null ? 0 : r.key().length) + r.value().length;
      }
    }
    producer.flush();
    long elapsed = System.nanoTime() - start;
    long failures = warmupAcks.failures.get() + acks.failures.get();
    if (failures > 0) {
      Exception first = warmupAcks.firstError.get();
      throw new IllegalStateException(
          failures + " of " + total + " sends failed",
          first != null ? first : acks.firstError.get());
    }
    // every send was acknowledged: the bytes sent are the bytes acknowledged
    return new LoadResult(acks.acked.get(), measuredBytes, elapsed, backlog);
  }

  /** One callback for every send: counts acknowledgements and failures. */
  private static final class Acks implements Callback {
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicReference<Exception> firstError = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
      if (error == null) {
        acked.incrementAndGet();
      } else {
        failures.incrementAndGet();
        firstError.compareAndSet(null, error);
      }
    }
  }
}
