package io.playstream.jobs.es;

import io.playstream.events.CdnServerHealthChanged;
import io.playstream.events.CdnServerMetric;
import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.events.SteeringMetric;
import io.playstream.jobs.MetricIds;
import io.playstream.schemas.Events;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Elasticsearch documents of the job outputs, as named functions (one per output type). Each
 * document has a deterministic id ({@link MetricIds}: metric + window start + key dimensions), so a
 * replay overwrites instead of duplicating, and goes to a daily index by its window start: {@code
 * playstream-metrics-<metric>-yyyy.MM.dd}, alerts to {@code playstream-alerts-yyyy.MM.dd} (the
 * index templates of the Elasticsearch sink); session summaries by their end to {@code
 * playstream-metrics-sessions-yyyy.MM.dd}, id {@code session:<session id>}.
 *
 * <p>Fields: every field of the Avro record except the header and binary sketches, with snake_case
 * names as in the schema, plus {@code metric}, {@code event_id} and {@code event_time} (the window
 * start, or the time of the change / evaluation; a date in the index templates).
 */
public final class MetricDocuments {
  /** Index prefix of SpsMetric documents. */
  public static final String SPS = "playstream-metrics-sps";

  /** Index prefix of PlaybackQualityMetric documents. */
  public static final String PLAYBACK_QUALITY = "playstream-metrics-playback-quality";

  /** Index prefix of CdnServerMetric documents. */
  public static final String CDN = "playstream-metrics-cdn";

  /** Index prefix of SteeringMetric documents. */
  public static final String STEERING = "playstream-metrics-steering";

  /** Index prefix of CdnServerHealthChanged documents. */
  public static final String CDN_HEALTH = "playstream-metrics-cdn-health";

  /** Index prefix of PlaybackSessionSummary documents. */
  public static final String SESSIONS = "playstream-metrics-sessions";

  /** Index prefix of SpsAlert documents. */
  public static final String ALERTS = "playstream-alerts";

  private MetricDocuments() {}

  public static MetricDocument sps(SpsMetric m) {
    long start = m.getWindowStart().toEpochMilli();
    return doc(
        SPS,
        "sps",
        m.getWindowStart(),
        MetricIds.sps(m.getWindowSeconds(), m.getCountry(), m.getDeviceType(), start),
        m);
  }

  public static MetricDocument quality(PlaybackQualityMetric m) {
    return doc(
        PLAYBACK_QUALITY,
        "playback-quality",
        m.getWindowStart(),
        MetricIds.quality(
            m.getDimension().name(), m.getDimensionValue(), m.getWindowStart().toEpochMilli()),
        m);
  }

  public static MetricDocument cdnServer(CdnServerMetric m) {
    return doc(
        CDN,
        "cdn",
        m.getWindowStart(),
        MetricIds.cdnServer(m.getServerId(), m.getWindowStart().toEpochMilli()),
        m);
  }

  public static MetricDocument steering(SteeringMetric m) {
    return doc(
        STEERING,
        "steering",
        m.getWindowStart(),
        MetricIds.steering(m.getWindowStart().toEpochMilli()),
        m);
  }

  public static MetricDocument healthChange(CdnServerHealthChanged c) {
    return doc(
        CDN_HEALTH,
        "cdn-health",
        c.getChangedAt(),
        MetricIds.healthChange(c.getServerId(), c.getChangedAt().toEpochMilli()),
        c);
  }

  public static MetricDocument session(PlaybackSessionSummary s) {
    return doc(SESSIONS, "session", s.getEndedAt(), MetricIds.session(s.getSessionId()), s);
  }

  public static MetricDocument alert(SpsAlert a) {
    return doc(
        ALERTS,
        "sps-alert",
        a.getEvaluatedAt(),
        MetricIds.alert(a.getAlertId(), a.getState().name()),
        a);
  }

  private static MetricDocument doc(
      String prefix, String metric, Instant timestamp, String id, SpecificRecord r) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("metric", metric);
    fields.put("event_time", timestamp);
    fields.put("event_id", Events.eventId(r));
    for (Schema.Field f : r.getSchema().getFields()) {
      if (f.name().equals("header")) {
        continue;
      }
      Object v = r.get(f.pos());
      if (v instanceof ByteBuffer) {
        continue; // sketches stay on Kafka
      }
      if (v instanceof Enum<?> e) {
        v = e.name();
      } else if (v instanceof CharSequence cs) {
        v = cs.toString();
      }
      fields.put(f.name(), v);
    }
    return new MetricDocument(prefix, timestamp, id, fields);
  }
}
