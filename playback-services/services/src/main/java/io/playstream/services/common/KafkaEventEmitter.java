package io.playstream.services.common;

import io.micrometer.core.instrument.MeterRegistry;
import io.playstream.schemas.EventSerializer;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to Kafka with an idempotent producer: key from {@link Events#key}, topic from {@link
 * EventType#topic()}, value in single-object Avro encoding, header {@value #TYPE_HEADER} = simple
 * type name.
 *
 * <p>{@link KafkaProducer#send} may block (up to {@code max.block.ms}) while the broker is
 * unreachable and metadata is unknown. Sends therefore run on one dedicated thread fed by a bounded
 * queue, so request threads never wait on Kafka; one thread also keeps the emit order. When the
 * queue is full the event fails at once (counted and logged) rather than stalling the service.
 *
 * <p>The delivery timeout is five minutes: a broker outage shorter than that loses nothing, the
 * producer retries and the broker de-duplicates retries.
 */
public final class KafkaEventEmitter implements EventEmitter {
  /** Record header carrying the simple Avro type name. */
  public static final String TYPE_HEADER = "ps.event-type";

  /** Events waiting for the send thread before new ones fail fast. */
  public static final int DEFAULT_QUEUE_CAPACITY = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventEmitter.class);

  /**
   * Bound of each shutdown step (handing queued events over, then the producer's flush): with the
   * broker up both take milliseconds; with it down nothing can be delivered anyway, and the whole
   * stop must fit in a launcher's grace period.
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Producer<String, SpecificRecord> producer;
  private final ThreadPoolExecutor sender;
  private final EventCounts counts = new EventCounts();

  /** Wraps a producer (tests pass a {@code MockProducer}). */
  public KafkaEventEmitter(Producer<String, SpecificRecord> producer, int queueCapacity) {
    this.producer = producer;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            r -> {
              Thread t = new Thread(r, "kafka-event-sender");
              t.setDaemon(true);
              return t;
            });
  }

  /** An emitter with a real producer against {@code bootstrapServers}. */
  public static KafkaEventEmitter create(String bootstrapServers, String clientId) {
    KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(
            producerConfig(bootstrapServers, clientId),
            new StringSerializer(),
            new EventSerializer());
    return new KafkaEventEmitter(producer, DEFAULT_QUEUE_CAPACITY);
  }

  /** The producer configuration the services use. */
  public static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    return c;
  }

  @Override
  public CompletionStage<Void> emit(SpecificRecord event) {
    EventType type = EventType.of(event);
    String typeName = type.simpleName();
    RecordHeaders headers = new RecordHeaders();
    headers.add(TYPE_HEADER, typeName.getBytes(StandardCharsets.UTF_8));
    ProducerRecord<String, SpecificRecord> record =
        new ProducerRecord<>(type.topic().name(), null, Events.key(event), event, headers);
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      sender.execute(new SendTask(record, typeName, done));
    } catch (RejectedExecutionException e) {
      fail(typeName, event, done, new IllegalStateException("send queue full or closed", e));
    }
    return done;
  }

  /** One queued send; kept as a type so that sends still queued at shutdown can be failed. */
  private final class SendTask implements Runnable {
    final ProducerRecord<String, SpecificRecord> record;
    final String typeName;
    final CompletableFuture<Void> done;

    SendTask(
        ProducerRecord<String, SpecificRecord> record,
        String typeName,
        CompletableFuture<Void> done) {
      this.record = record;
      this.typeName = typeName;
      this.done = done;
    }

    @Override
    public void run() {
      send(record, typeName, done);
    }
  }

  private void send(
      ProducerRecord<String, SpecificRecord> record,
      String typeName,
      CompletableFuture<Void> done) {
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              counts.recordEmitted(typeName);
              done.complete(null);
            } else {
              fail(typeName, record.value(), done, error);
            }
          });
    } catch (RuntimeException e) {
      // serialization errors, max.block.ms exceeded, producer closed
      fail(typeName, record.value(), done, e);
    }
  }

  private void fail(
      String typeName, SpecificRecord event, CompletableFuture<Void> done, Throwable error) {
    counts.recordFailed(typeName);
    LOG.warn(
        "event {} ({}) was not delivered: {}", Events.eventId(event), typeName, error.toString());
    done.completeExceptionally(error);
  }

  @Override
  public Map<String, Long> emitted() {
    return counts.emitted();
  }

  @Override
  public Map<String, Long> failed() {
    return counts.failed();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counts.bindTo(registry);
  }

  /** Sends what is queued, waits (bounded) for acknowledgements, then closes the producer. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        List<Runnable> dropped = sender.shutdownNow();
        LOG.warn(
            "{} queued events were not handed to Kafka before shutdown; counted as failed",
            dropped.size());
        for (Runnable r : dropped) {
          if (r instanceof SendTask task) {
            counts.recordFailed(task.typeName);
            task.done.completeExceptionally(
                new IllegalStateException("emitter closed before the event was sent"));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(CLOSE_TIMEOUT);
    LOG.info("event producer closed; emitted {} failed {}", emitted(), failed());
  }
}
