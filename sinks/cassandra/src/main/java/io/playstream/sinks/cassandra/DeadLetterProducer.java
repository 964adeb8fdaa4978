package io.playstream.sinks.cassandra;

import io.playstream.flink.DeadLetter;
import io.playstream.flink.PlatformSinks;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The sink writer's own producer of dead letters to {@code playstream.dlq} (idempotent, {@code
 * acks=all}). Sends are asynchronous; the first send error is kept and reported by {@link
 * #checkError()}, and {@link #flush()} waits until every dead letter sent so far is acknowledged —
 * the writer calls it before each checkpoint, so a checkpoint never covers a dead letter that could
 * still be lost.
 */
final class DeadLetterProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> error = new AtomicReference<>();

  DeadLetterProducer(String bootstrapServers, String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    // the Kafka client loads its classes through the context class loader: make it ours (the
    // user-code class loader on a cluster)
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(DeadLetterProducer.class.getClassLoader());
    try {
      this.producer = new KafkaProducer<>(p);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Sends a dead letter; a failure shows up in {@link #checkError()}. */
  void send(DeadLetter deadLetter) {
    producer.send(
        PlatformSinks.toRecord(deadLetter),
        (metadata, e) -> {
          if (e != null) {
            error.compareAndSet(null, e);
          }
        });
  }

  /** Waits until every dead letter sent so far is acknowledged (or failed). */
  void flush() {
    producer.flush();
  }

  /** The first send error, if any. */
  Exception checkError() {
    return error.get();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
