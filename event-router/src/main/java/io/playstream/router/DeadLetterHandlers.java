package io.playstream.router;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams exception handlers that turn failures outside the router's own code into dead
 * letters instead of crashing the instance: the record that failed is written to {@code
 * playstream.dlq} with its source bytes and the usual headers, and processing resumes. The router
 * catches its own failures itself (see {@link RouterProcessor}); these are the backstop for
 * deserialization, unexpected processing exceptions and producer errors.
 *
 * <p>Configured in {@link RouterStreamsConfig}; they read the instance id and the metrics from the
 * Streams configuration ({@link #INSTANCE_ID_CONFIG}, {@link #METRICS_CONFIG}).
 */
public final class DeadLetterHandlers {
  /** Streams config entry with the router instance id (a String). */
  public static final String INSTANCE_ID_CONFIG = "playstream.router.instance.id";

  /** Streams config entry with the {@link RouterMetrics} object. */
  public static final String METRICS_CONFIG = "playstream.router.metrics";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

  private DeadLetterHandlers() {}

  /** Shared configuration of the three handlers. */
  abstract static class Base {
    String instanceId = "unknown";
    RouterMetrics metrics;
    Clock clock = Clock.systemUTC();

    public void configure(Map<String, ?> configs) {
      Object id = configs.get(INSTANCE_ID_CONFIG);
      if (id != null) {
        instanceId = id.toString();
      }
      if (configs.get(METRICS_CONFIG) instanceof RouterMetrics m) {
        metrics = m;
      }
    }

    ProducerRecord<byte[], byte[]> deadLetter(
        ErrorHandlerContext ctx,
        byte[] fallbackKey,
        byte[] fallbackValue,
        Headers fallbackHeaders,
        String reason,
        Exception e) {
      byte[] key = ctx.sourceRawKey() != null ? ctx.sourceRawKey() : fallbackKey;
      byte[] value = ctx.sourceRawValue() != null ? ctx.sourceRawValue() : fallbackValue;
      Headers headers =
          DeadLetterHeaders.of(
              ctx.headers() != null ? ctx.headers() : fallbackHeaders,
              reason,
              e.getClass().getSimpleName() + ": " + e.getMessage(),
              ctx.topic(),
              ctx.partition(),
              ctx.offset(),
              null,
              clock.instant(),
              instanceId);
      LOG.warn(
          "dead-lettering {}-{}@{} ({}): {}",
          ctx.topic(),
          ctx.partition(),
          ctx.offset(),
          reason,
          e.toString());
      if (metrics != null) {
        metrics.deadLetter(reason, null);
      }
      return new ProducerRecord<>(Topics.DLQ.name(), null, key, value, headers);
    }
  }

  /** Records that do not deserialize go to the dead-letter topic. */
  public static final class Deserialization extends Base
      implements DeserializationExceptionHandler {
    @Override
    public Response handleError(
        ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
      return Response.resume(
          List.of(
              deadLetter(
                  context,
                  record.key(),
                  record.value(),
                  record.headers(),
                  DeadLetterHeaders.DESERIALIZATION_ERROR,
                  exception)));
    }
  }

  /** An unexpected exception in a processor dead-letters the source record. */
  public static final class Processing extends Base implements ProcessingExceptionHandler {
    @Override
    public Response handleError(
        ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
      return Response.resume(
          List.of(
              deadLetter(
                  context, null, null, null, DeadLetterHeaders.PROCESSING_ERROR, exception)));
    }
  }

  /**
   * Producer errors: retriable ones are retried; a record the broker refuses (too large, invalid)
   * or that cannot be serialized is dead-lettered. A failure to write to the dead-letter topic
   * itself stops the instance, since there is nowhere left to put the record.
   */
  public static final class Production extends Base implements ProductionExceptionHandler {
    @Override
    public Response handleError(
        ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
      if (exception instanceof RetriableException) {
        return Response.retry();
      }
      if (Topics.DLQ.name().equals(record.topic())) {
        LOG.error("cannot write to the dead-letter topic: {}", exception.toString());
        return Response.fail();
      }
      String reason =
          exception instanceof RecordTooLargeException
              ? DeadLetterHeaders.TOO_LARGE
              : DeadLetterHeaders.PRODUCTION_ERROR;
      return Response.resume(
          List.of(
              deadLetter(
                  context, record.key(), record.value(), record.headers(), reason, exception)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(
        ErrorHandlerContext context,
        ProducerRecord record,
        Exception exception,
        SerializationExceptionOrigin origin) {
      return Response.resume(
          List.of(
              deadLetter(
                  context,
                  null,
                  null,
                  record.headers(),
                  DeadLetterHeaders.SERIALIZATION_ERROR,
                  exception)));
    }
  }
}
