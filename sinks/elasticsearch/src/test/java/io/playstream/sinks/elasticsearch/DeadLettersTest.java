package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void aRecordWithOriginalBytesIsDeadLetteredAsThoseBytesWithReasonAndOrigin() {
    byte[] value = {(byte) 0xC3, 1, 9, 9};
    RecordOrigin origin =
        RecordOrigin.of(
            "playstream.route.catalog",
            2,
            77,
            "t-1".getBytes(StandardCharsets.UTF_8),
            value,
            new String[] {"ps.event-type", "ps.dlq.reason"},
            new byte[][] {
              "TitleUpserted".getBytes(StandardCharsets.UTF_8),
              "old".getBytes(StandardCharsets.UTF_8)
            });
    EsAction action = EsAction.index("playstream-titles", "t-1", "{}").withOrigin(origin);

    ProducerRecord<byte[], byte[]> r =
        DeadLetters.record(
            action,
            DeadLetterHeaders.SINK_REJECTED,
            "document_parsing_exception: failed to parse field [release_year]",
            "title-index-0",
            NOW);

    assertThat(r.topic()).isEqualTo(Topics.DLQ.name());
    assertThat(r.key()).isEqualTo("t-1".getBytes(StandardCharsets.UTF_8));
    assertThat(r.value()).isEqualTo(value);
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON))
        .isEqualTo("sink-rejected");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.DETAIL))
        .isEqualTo(
            "document_parsing_exception: failed to parse field [release_year]"
                + " [INDEX playstream-titles/t-1]");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo("playstream.route.catalog");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_PARTITION))
        .isEqualTo("2");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
        .isEqualTo("77");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.INSTANCE))
        .isEqualTo("title-index-0");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.TIME))
        .isEqualTo(NOW.toString());
    assertThat(DeadLetterHeaders.text(r.headers(), "ps.event-type")).isEqualTo("TitleUpserted");
    // an earlier dead-letter reason on the original record is not carried over
    assertThat(r.headers().headers(DeadLetterHeaders.REASON)).hasSize(1);
  }

  @Test
  void aComputedDocumentIsDeadLetteredAsItsIdAndJson() {
    EsAction action =
        EsAction.index("playstream-metrics-sps-2026.01.01", "sps:US:tv:1", "{\"starts\":\"x\"}")
            .withOrigin(RecordOrigin.position("playstream.route.metrics-playback", 1, 5));

    ProducerRecord<byte[], byte[]> r =
        DeadLetters.record(
            action, DeadLetterHeaders.SINK_WRITE_FAILED, "gave up", "metrics-sps-0", NOW);

    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("sps:US:tv:1");
    assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"starts\":\"x\"}");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON))
        .isEqualTo("sink-write-failed");
    assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("5");
  }
}
