package io.playstream.jobs;

import io.playstream.events.EventHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic identities of job outputs: the document id (metric + key dimensions + window start)
 * used in Elasticsearch, and the header event id derived from it. A replay of the same input
 * produces the same ids, so Elasticsearch overwrites instead of duplicating and consumers can
 * de-duplicate Kafka records by event id.
 */
public final class MetricIds {
  /** The {@code service} of every header the metrics jobs write. */
  public static final String SERVICE = "metrics-jobs";

  private MetricIds() {}

  /** {@code sps-<seconds>s:<country>:<device>:<window start ms>}. */
  public static String sps(int windowSeconds, String country, String device, long windowStart) {
    return "sps-" + windowSeconds + "s:" + country + ":" + device + ":" + windowStart;
  }

  /** {@code quality:<dimension>:<value>:<window start ms>}. */
  public static String quality(String dimension, String value, long windowStart) {
    return "quality:" + dimension + ":" + value + ":" + windowStart;
  }

  /** {@code cdn:<server>:<window start ms>}. */
  public static String cdnServer(String serverId, long windowStart) {
    return "cdn:" + serverId + ":" + windowStart;
  }

  /** {@code steering:<window start ms>}. */
  public static String steering(long windowStart) {
    return "steering:" + windowStart;
  }

  /** {@code cdn-health:<server>:<changed at ms>}. */
  public static String healthChange(String serverId, long changedAt) {
    return "cdn-health:" + serverId + ":" + changedAt;
  }

  /** {@code <alert id>:<state>}, e.g. {@code US@1767297600000:OPENED}. */
  public static String alert(String alertId, String state) {
    return alertId + ":" + state;
  }

  /** {@code session:<session id>}. */
  public static String session(String sessionId) {
    return "session:" + sessionId;
  }

  /** A header whose event id is a name-based UUID of the document id. */
  public static EventHeader header(String job, String documentId, Instant time) {
    return EventHeader.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes(documentId.getBytes(StandardCharsets.UTF_8)).toString())
        .setEventTime(time)
        .setService(SERVICE)
        .setInstance(job)
        .setTraceId(null)
        .build();
  }
}
