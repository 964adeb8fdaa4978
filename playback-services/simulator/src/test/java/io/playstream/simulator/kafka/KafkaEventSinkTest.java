package io.playstream.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.EventSerializer;
import io.playstream.schemas.EventType;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.simulator.ReportCounter;
import io.playstream.simulator.model.Action;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaEventSinkTest {
  private static final Action.Playback SESSION =
      new Action.Playback(
          "s-1", "a-1", "p-1", "t-1", "tv", "US", "us-east", "comcast", "198.18.0.1", "oca-1");
  private static final Action STARTED = new Action.ReportStarted(1_000, SESSION, 900, 3000);
  private static final Action HEALTH =
      new Action.ReportCdnHealth(0, "oca-1", "us-east", 0.4, true, 40_000, 12);
  private static final Action UNLICENSED =
      new Action.RequestPlay(0, SESSION, false, List.of(), false);

  @Test
  void producesToTheCatalogTopicWithKeyAndTypeHeaderAndCountsAcknowledgements() throws Exception {
    MockProducer<String, SpecificRecord> producer =
        new MockProducer<>(true, null, new StringSerializer(), new EventSerializer());
    ReportCounter counter = new ReportCounter();
    try (KafkaEventSink sink =
        new KafkaEventSink(producer, new EventFactory(1, Instant.EPOCH), counter)) {
      sink.submit(STARTED);
      sink.submit(HEALTH);
      sink.submit(UNLICENSED);
      assertThat(sink.drain(Duration.ofSeconds(5))).isTrue();
    }
    List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
    assertThat(sent).hasSize(2);
    ProducerRecord<String, SpecificRecord> started = sent.get(0);
    assertThat(started.topic()).isEqualTo(EventType.PLAYBACK_STARTED.topic().name());
    assertThat(started.key()).isEqualTo("s-1");
    assertThat(
            new String(
                started.headers().lastHeader(KafkaEventEmitter.TYPE_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("PlaybackStarted");
    assertThat(sent.get(1).topic()).isEqualTo(EventType.CDN_SERVER_HEALTH.topic().name());
    assertThat(sent.get(1).key()).isEqualTo("oca-1");
    assertThat(counter.expected(EventType.PLAYBACK_STARTED)).isEqualTo(1);
    assertThat(counter.expected(EventType.CDN_SERVER_HEALTH)).isEqualTo(1);
    assertThat(counter.rejectedByStatus()).containsEntry("451", 1L);
  }

  @Test
  void aFailedSendCountsAsFailedNotExpected() throws Exception {
    MockProducer<String, SpecificRecord> producer =
        new MockProducer<>(false, null, new StringSerializer(), new EventSerializer());
    ReportCounter counter = new ReportCounter();
    KafkaEventSink sink = new KafkaEventSink(producer, new EventFactory(1, Instant.EPOCH), counter);
    sink.submit(STARTED);
    assertThat(sink.outstanding()).isEqualTo(1);
    producer.errorNext(new TimeoutException("no broker"));
    assertThat(sink.outstanding()).isZero();
    assertThat(counter.expected(EventType.PLAYBACK_STARTED)).isZero();
    assertThat(counter.failedByReason()).containsEntry("TimeoutException", 1L);
  }
}
