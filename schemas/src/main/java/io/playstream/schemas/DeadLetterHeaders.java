package io.playstream.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Header names and reasons of dead letters. A dead letter is the original key and value bytes of a
 * record a component (router, Flink job, sink) could not handle, on {@code playstream.dlq}, with
 * the original headers plus these (UTF-8 text values).
 */
public final class DeadLetterHeaders {
  /** Prefix of every dead-letter header. */
  public static final String PREFIX = "ps.dlq.";

  public static final String REASON = "ps.dlq.reason";
  public static final String DETAIL = "ps.dlq.detail";
  public static final String SOURCE_TOPIC = "ps.dlq.source.topic";
  public static final String SOURCE_PARTITION = "ps.dlq.source.partition";
  public static final String SOURCE_OFFSET = "ps.dlq.source.offset";
  public static final String ROUTE = "ps.dlq.route";
  public static final String TIME = "ps.dlq.time";
  public static final String INSTANCE = "ps.dlq.instance";

  /** How many times a record was replayed from the dead-letter topic (set by replay). */
  public static final String REPLAY_COUNT = "ps.replay.count";

  /** On a replayed route-specific dead letter: apply only this route (set by replay). */
  public static final String REPLAY_ROUTE = "ps.replay.route";

  // reasons
  public static final String UNDECODABLE = "undecodable";
  public static final String UNKNOWN_SCHEMA = "unknown-schema";
  public static final String FILTER_ERROR = "filter-error";
  public static final String TOO_LARGE = "too-large";
  public static final String INVALID_ROUTE_OUTPUT = "invalid-route-output";
  public static final String PROCESSING_ERROR = "processing-error";
  public static final String DESERIALIZATION_ERROR = "deserialization-error";
  public static final String SERIALIZATION_ERROR = "serialization-error";
  public static final String PRODUCTION_ERROR = "production-error";

  /** A sink's store rejected the record for good (mapping conflict, invalid value...). */
  public static final String SINK_REJECTED = "sink-rejected";

  /** A sink gave up writing the record after its retries. */
  public static final String SINK_WRITE_FAILED = "sink-write-failed";

  public static final int MAX_DETAIL_CHARS = 2000;

  private DeadLetterHeaders() {}

  /**
   * The headers of a dead letter: the original headers without earlier {@code ps.dlq.*} and {@code
   * ps.replay.route} headers, plus reason, detail, origin, route (when not null), time and
   * instance.
   */
  public static Headers of(
      Headers original,
      String reason,
      String detail,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset,
      String route,
      Instant time,
      String instance) {
    RecordHeaders h = new RecordHeaders();
    if (original != null) {
      for (Header header : original) {
        if (!header.key().startsWith(PREFIX) && !header.key().equals(REPLAY_ROUTE)) {
          h.add(header.key(), header.value());
        }
      }
    }
    add(h, REASON, reason);
    add(h, DETAIL, truncate(detail));
    add(h, SOURCE_TOPIC, sourceTopic);
    add(h, SOURCE_PARTITION, Integer.toString(sourcePartition));
    add(h, SOURCE_OFFSET, Long.toString(sourceOffset));
    if (route != null) {
      add(h, ROUTE, route);
    }
    add(h, TIME, time.toString());
    if (instance != null) {
      add(h, INSTANCE, instance);
    }
    return h;
  }

  /** Headers of a routed record: the original ones without dead-letter and replay directives. */
  public static Headers forOutput(Headers original) {
    RecordHeaders h = new RecordHeaders();
    for (Header header : original) {
      if (!header.key().startsWith(PREFIX) && !header.key().equals(REPLAY_ROUTE)) {
        h.add(header.key(), header.value());
      }
    }
    return h;
  }

  /** The last value of a header as text, or null. */
  public static String text(Headers headers, String key) {
    if (headers == null) {
      return null;
    }
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void add(RecordHeaders h, String key, String value) {
    h.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
  }

  private static String truncate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_DETAIL_CHARS ? s : s.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
