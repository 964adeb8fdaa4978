package io.playstream.simulator.kafka;

import io.playstream.schemas.EventSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The simulator's producer configuration: idempotent, {@code acks=all}, lz4, and batching tuned for
 * throughput (linger 20 ms, 256 KiB batches, 64 MiB buffer). Delivery timeout five minutes, like
 * the services', so a short broker outage loses nothing.
 */
public final class ProducerSettings {
  private ProducerSettings() {}

  public static Map<String, Object> defaults(String bootstrapServers, String clientId) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    return c;
  }

  /** Defaults with {@code overrides} applied on top. */
  public static Map<String, Object> withOverrides(
      String bootstrapServers, String clientId, Map<String, Object> overrides) {
    Map<String, Object> c = defaults(bootstrapServers, clientId);
    c.putAll(overrides);
    return c;
  }
}
