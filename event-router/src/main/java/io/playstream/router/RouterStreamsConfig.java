package io.playstream.router;

import io.playstream.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The router's Kafka Streams runtime configuration, kept apart from the topology: exactly-once
 * (v2), the dead-letter exception handlers, and settings that suit a local single-broker cluster as
 * well as a production one.
 */
public final class RouterStreamsConfig {
  /**
   * Transaction timeout of the Streams producers: an open transaction of a killed instance is
   * aborted by the broker after this, so read_committed readers move on.
   */
  public static final int TRANSACTION_TIMEOUT_MS = 10_000;

  private RouterStreamsConfig() {}

  /** Streams properties for these options; {@code metrics} is passed to the exception handlers. */
  public static Properties properties(RouterOptions o, RouterMetrics metrics) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, o.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
    p.put(StreamsConfig.CLIENT_ID_CONFIG, o.instanceId());
    p.put(StreamsConfig.STATE_DIR_CONFIG, o.stateDir().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, o.commitInterval().toMillis());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, o.streamThreads());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) o.replicationFactor());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandlers.Deserialization.class.getName());
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandlers.Processing.class.getName());
    p.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandlers.Production.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ.name());
    p.put(DeadLetterHandlers.INSTANCE_ID_CONFIG, o.instanceId());
    p.put(DeadLetterHandlers.METRICS_CONFIG, metrics);
    long session = o.sessionTimeout().toMillis();
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) Math.max(1000, session / 3));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    p.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        TRANSACTION_TIMEOUT_MS);
    p.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        Math.max(1_048_576, o.maxRecordBytes() + 64 * 1024));
    return p;
  }
}
