package io.playstream.services.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.playstream.events.PlaybackStarted;
import io.playstream.schemas.EventSerializer;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaEventEmitterTest {
  private final MockProducer<String, SpecificRecord> producer =
      new MockProducer<>(false, null, new StringSerializer(), new EventSerializer());
  private final KafkaEventEmitter emitter = new KafkaEventEmitter(producer, 1000);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void close() {
    emitter.close();
  }

  @Test
  void sendsToTheCatalogTopicWithKeyAndTypeHeader() {
    PlaybackStarted event = SampleEvents.started();

    emitter.emit(event);

    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    ProducerRecord<String, SpecificRecord> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(Topics.FRONTING_PLAYBACK.name());
    assertThat(sent.key()).isEqualTo(event.getSessionId());
    assertThat(sent.value()).isEqualTo(event);
    assertThat(
            new String(
                sent.headers().lastHeader(KafkaEventEmitter.TYPE_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("PlaybackStarted");
  }

  @Test
  void countsOnAcknowledgementAndFailureByType() {
    emitter.bindTo(registry);
    CompletableFuture<Void> ok = emitter.emit(SampleEvents.started()).toCompletableFuture();
    CompletableFuture<Void> bad = emitter.emit(SampleEvents.rating()).toCompletableFuture();
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);

    assertThat(emitter.emitted()).isEmpty(); // nothing acknowledged yet
    producer.completeNext();
    producer.errorNext(new RuntimeException("broker said no"));

    await().atMost(Duration.ofSeconds(5)).until(() -> ok.isDone() && bad.isDone());
    assertThat(ok).isCompleted();
    assertThat(bad).isCompletedExceptionally();
    assertThat(emitter.emitted()).isEqualTo(Map.of("PlaybackStarted", 1L));
    assertThat(emitter.failed()).isEqualTo(Map.of("Rating", 1L));
    assertThat(registry.scrape())
        .contains("playstream_events_emitted_total{type=\"PlaybackStarted\"} 1.0")
        .contains("playstream_events_failed_total{type=\"Rating\"} 1.0");
  }

  @Test
  void producerConfigIsIdempotentAndSurvivesMinutesOfOutage() {
    Map<String, Object> c = KafkaEventEmitter.producerConfig("127.0.0.1:9092", "test");

    assertThat(c)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000)
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
  }
}
