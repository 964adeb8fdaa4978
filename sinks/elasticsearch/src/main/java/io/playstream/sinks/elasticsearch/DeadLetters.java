package io.playstream.sinks.elasticsearch;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter record of an action Elasticsearch would not take: on {@code playstream.dlq}, the
 * original key, value and headers of the record it came from (when known) plus {@link
 * DeadLetterHeaders} reason, detail, origin, time and instance. An action without original bytes (a
 * document computed from many records) is dead-lettered as its id (key) and JSON document (value)
 * instead, with whatever origin position it names.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * The dead-letter record.
   *
   * @param reason {@link DeadLetterHeaders#SINK_REJECTED} or {@link
   *     DeadLetterHeaders#SINK_WRITE_FAILED}
   * @param detail the Elasticsearch error ({@code type: reason})
   * @param component the {@code ps.dlq.instance} value
   */
  public static ProducerRecord<byte[], byte[]> record(
      EsAction action, String reason, String detail, String component, Instant time) {
    RecordOrigin o = action.getOrigin();
    Headers original = new RecordHeaders();
    byte[] key;
    byte[] value;
    if (o != null && o.hasOriginalValue()) {
      for (int i = 0; i < o.getHeaderKeys().length; i++) {
        original.add(o.getHeaderKeys()[i], o.getHeaderValues()[i]);
      }
      key = o.getKey();
      value = o.getValue();
    } else {
      key = action.getId().getBytes(StandardCharsets.UTF_8);
      value = action.getDocument();
    }
    Headers headers =
        DeadLetterHeaders.of(
            original,
            reason,
            detail + " [" + action.describe() + "]",
            o == null || o.getTopic() == null ? "" : o.getTopic(),
            o == null ? -1 : o.getPartition(),
            o == null ? -1 : o.getOffset(),
            null,
            time,
            component);
    return new ProducerRecord<>(Topics.DLQ.name(), null, null, key, value, headers);
  }
}
