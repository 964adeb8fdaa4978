package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {
  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {1, 2, 3};
  private final RouterMetrics metrics = RouterMetrics.inMemory();

  private record Context(Headers headers) implements ErrorHandlerContext {
    @Override
    public String topic() {
      return Topics.FRONTING_PLAYBACK.name();
    }

    @Override
    public int partition() {
      return 3;
    }

    @Override
    public long offset() {
      return 42;
    }

    @Override
    public String processorNodeId() {
      return "router";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, 3);
    }

    @Override
    public long timestamp() {
      return 0;
    }

    @Override
    public byte[] sourceRawKey() {
      return KEY;
    }

    @Override
    public byte[] sourceRawValue() {
      return VALUE;
    }
  }

  private <T extends DeadLetterHandlers.Base> T configured(T handler) {
    handler.configure(
        Map.of(
            DeadLetterHandlers.INSTANCE_ID_CONFIG,
            "r-1",
            DeadLetterHandlers.METRICS_CONFIG,
            metrics));
    return handler;
  }

  private static void assertDeadLetter(
      List<ProducerRecord<byte[], byte[]>> records, String reason) {
    assertThat(records).hasSize(1);
    ProducerRecord<byte[], byte[]> r = records.get(0);
    assertThat(r.topic()).isEqualTo(Topics.DLQ.name());
    assertThat(r.key()).isEqualTo(KEY);
    assertThat(r.value()).isEqualTo(VALUE);
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON)).isEqualTo(reason);
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(Topics.FRONTING_PLAYBACK.name());
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_PARTITION))
        .isEqualTo("3");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
        .isEqualTo("42");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.INSTANCE)).isEqualTo("r-1");
    assertThat(DeadLetterHeaders.text(r.headers(), "traceparent")).isEqualTo("t");
  }

  private static Headers headers() {
    RecordHeaders h = new RecordHeaders();
    h.add("traceparent", "t".getBytes(StandardCharsets.UTF_8));
    return h;
  }

  @Test
  void deserializationErrorsAreDeadLettered() {
    var response =
        configured(new DeadLetterHandlers.Deserialization())
            .handleError(
                new Context(headers()),
                new ConsumerRecord<>(Topics.FRONTING_PLAYBACK.name(), 3, 42, KEY, VALUE),
                new SerializationException("bad"));
    assertDeadLetter(response.deadLetterQueueRecords(), DeadLetterHeaders.DESERIALIZATION_ERROR);
    assertThat(metrics.deadLettersByReason()).containsEntry("deserialization-error", 1L);
  }

  @Test
  void processingErrorsAreDeadLettered() {
    var response =
        configured(new DeadLetterHandlers.Processing())
            .handleError(
                new Context(headers()), new Record<>(KEY, VALUE, 0L), new IllegalStateException());
    assertDeadLetter(response.deadLetterQueueRecords(), DeadLetterHeaders.PROCESSING_ERROR);
  }

  @Test
  void productionErrorsAreRetriedOrDeadLetteredButNeverLoopOnTheDeadLetterTopic() {
    DeadLetterHandlers.Production handler = configured(new DeadLetterHandlers.Production());
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(Topics.route("a").name(), KEY, new byte[] {9});
    assertDeadLetter(
        handler
            .handleError(new Context(headers()), out, new RecordTooLargeException("big"))
            .deadLetterQueueRecords(),
        DeadLetterHeaders.TOO_LARGE);
    assertThat(
            handler.handleError(new Context(headers()), out, new TimeoutException("slow")).result())
        .isEqualTo(ProductionExceptionHandler.Result.RETRY);
    ProducerRecord<byte[], byte[]> dlq = new ProducerRecord<>(Topics.DLQ.name(), KEY, VALUE);
    assertThat(
            handler
                .handleError(new Context(headers()), dlq, new RecordTooLargeException("big"))
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }
}
