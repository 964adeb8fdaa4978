package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  private static final Instant AT = Instant.parse("2026-01-01T20:00:05Z");

  private static ConsumerRecord<byte[], byte[]> letter(String route, int replays) {
    byte[] value = EventCodec.standard().encode(SampleEvents.error());
    RecordHeaders original = new RecordHeaders();
    original.add("traceparent", "t".getBytes(StandardCharsets.UTF_8));
    if (replays > 0) {
      original.add(
          DeadLetterHeaders.REPLAY_COUNT,
          Integer.toString(replays).getBytes(StandardCharsets.UTF_8));
    }
    Headers h =
        DeadLetterHeaders.of(
            original,
            DeadLetterHeaders.FILTER_ERROR,
            "boom",
            Topics.FRONTING_PLAYBACK.name(),
            2,
            17,
            route,
            AT,
            "r-1");
    ConsumerRecord<byte[], byte[]> rec =
        new ConsumerRecord<>(Topics.DLQ.name(), 1, 5, "s-1".getBytes(), value);
    h.forEach(x -> rec.headers().add(x));
    return rec;
  }

  @Test
  void aDeadLetterIsReadWithItsOrigin() {
    DeadLetters.DeadLetter d = DeadLetters.fromRecord(letter("eu-errors", 0));
    assertThat(d.reason()).isEqualTo("filter-error");
    assertThat(d.route()).isEqualTo("eu-errors");
    assertThat(d.sourceTopic()).isEqualTo(Topics.FRONTING_PLAYBACK.name());
    assertThat(d.sourcePartition()).isEqualTo(2);
    assertThat(d.sourceOffset()).isEqualTo(17);
    assertThat(d.time()).isEqualTo(AT);
    assertThat(d.replayCount()).isZero();
    assertThat(d.keyText()).isEqualTo("s-1");
    assertThat(d.eventSummary()).startsWith("PlaybackError ");
    assertThat(d.describe()).contains("filter-error").contains("route=eu-errors").contains("boom");
    assertThat(DeadLetters.Query.all().withReason("filter-error").withRoute("eu-errors").matches(d))
        .isTrue();
    assertThat(DeadLetters.Query.all().withReason("undecodable").matches(d)).isFalse();
  }

  @Test
  void aReplayRestoresTheOriginalRecordCountsAndTargetsTheRoute() {
    DeadLetters.DeadLetter d = DeadLetters.fromRecord(letter("eu-errors", 1));
    ProducerRecord<byte[], byte[]> r = DeadLetters.replayRecord(d);
    assertThat(r.topic()).isEqualTo(Topics.FRONTING_PLAYBACK.name());
    assertThat(r.key()).isEqualTo("s-1".getBytes());
    assertThat(r.value()).isEqualTo(d.value());
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("2");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REPLAY_ROUTE))
        .isEqualTo("eu-errors");
    assertThat(DeadLetterHeaders.text(r.headers(), "traceparent")).isEqualTo("t");
    assertThat(r.headers().headers(DeadLetterHeaders.REPLAY_COUNT)).hasSize(1);
    r.headers().forEach(h -> assertThat(h.key()).doesNotStartWith(DeadLetterHeaders.PREFIX));
  }

  @Test
  void queryOffsetsAreCopied() {
    var q = DeadLetters.Query.all().from(Map.of(0, 10L)).withLimit(5);
    assertThat(q.fromOffsets()).containsEntry(0, 10L);
    assertThat(q.limit()).isEqualTo(5);
  }
}
