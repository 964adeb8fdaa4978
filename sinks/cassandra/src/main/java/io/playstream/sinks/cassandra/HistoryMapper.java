package io.playstream.sinks.cassandra;

import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.StopReason;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.RawEvent;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventDecodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps raw route records to writes into the history tables: {@code PlaybackStopped} → {@code
 * viewing_history_by_profile}, {@code Rating} → {@code ratings_by_profile}, {@code
 * PlaybackSessionSummary} → {@code session_summaries_by_profile}. Other event types are skipped.
 *
 * <p>Every write is an idempotent upsert: the primary key comes from the event (profile, event
 * time, session id; profile and title for ratings), the write timestamp is the event time ({@code
 * USING TIMESTAMP}), and the TTL is counted from the event time, so the row expires at the same
 * moment whenever it is written. Writing the same event twice therefore leaves the same row, and an
 * older rating replayed after a newer one does not overwrite it.
 */
public final class HistoryMapper implements CassandraRecordMapper<RawEvent> {
  private static final long serialVersionUID = 1L;

  /** Statement names. */
  public static final String VIEWING = "viewing";

  public static final String RATING = "rating";
  public static final String SESSION = "session";

  /** Cassandra's largest TTL (20 years). */
  static final int MAX_TTL_SECONDS = 630_720_000;

  private final Duration ttl;
  private final Clock clock;
  private final String component;
  private transient EventCodec codec;

  /**
   * @param ttl how long history and session rows live after their event time
   * @param clock the clock TTLs are computed against
   * @param component the job name, written into dead letters
   */
  public HistoryMapper(Duration ttl, Clock clock, String component) {
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.component = Objects.requireNonNull(component, "component");
  }

  @Override
  public Map<String, String> statements(String keyspace) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(
        VIEWING,
        "INSERT INTO "
            + keyspace
            + ".viewing_history_by_profile (profile_id, watched_at, session_id, title_id,"
            + " watched_seconds, position_ms, completed, stop_reason, event_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?");
    s.put(
        RATING,
        "INSERT INTO "
            + keyspace
            + ".ratings_by_profile (profile_id, title_id, thumb, rated_at, country, event_id)"
            + " VALUES (?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
    s.put(
        SESSION,
        "INSERT INTO "
            + keyspace
            + ".session_summaries_by_profile (profile_id, started_at, session_id, title_id,"
            + " ended_at, end_reason, stop_reason, watch_seconds, heartbeat_count,"
            + " rebuffer_count, rebuffer_seconds, mean_bitrate_kbps, error_count, fatal_error,"
            + " startup_latency_ms, cdn_server_id, device_type, country, isp, event_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " USING TTL ? AND TIMESTAMP ?");
    return s;
  }

  @Override
  public CqlWrite toWrite(RawEvent record) {
    if (record.value == null) {
      throw new RejectedRecordException(DeadLetterHeaders.UNDECODABLE, "record has no value");
    }
    if (codec == null) {
      codec = EventCodec.standard();
    }
    SpecificRecord event;
    try {
      event = codec.decode(record.value);
    } catch (EventDecodingException e) {
      throw new RejectedRecordException(e.reason(), e.getMessage(), e);
    }
    return toWrite(event, clock.instant(), ttl);
  }

  /** The write of a decoded event at time {@code now}; null for a type this sink skips. */
  public static CqlWrite toWrite(SpecificRecord event, Instant now, Duration ttl) {
    if (event instanceof PlaybackStopped s) {
      return viewing(s, now, ttl);
    }
    if (event instanceof Rating r) {
      return rating(r);
    }
    if (event instanceof PlaybackSessionSummary s) {
      return session(s, now, ttl);
    }
    return null;
  }

  /** A viewing-history row; null when it would already have expired. */
  static CqlWrite viewing(PlaybackStopped e, Instant now, Duration ttl) {
    Instant at = e.getHeader().getEventTime();
    int ttlSeconds = ttlSeconds(at, now, ttl);
    if (ttlSeconds <= 0) {
      return null;
    }
    return CqlWrite.of(
        VIEWING,
        e.getProfileId(),
        at,
        e.getSessionId(),
        e.getTitleId(),
        e.getWatchedSeconds(),
        e.getPositionMs(),
        e.getReason() == StopReason.COMPLETED,
        e.getReason().name(),
        e.getHeader().getEventId(),
        ttlSeconds,
        writeTimestamp(at));
  }

  /** A rating row (no TTL: ratings feed the recommenders for as long as they stand). */
  static CqlWrite rating(Rating r) {
    Instant at = r.getHeader().getEventTime();
    return CqlWrite.of(
        RATING,
        r.getProfileId(),
        r.getTitleId(),
        r.getThumb().name(),
        at,
        r.getCountry(),
        r.getHeader().getEventId(),
        writeTimestamp(at));
  }

  /** A session-summary row; null when it would already have expired. */
  static CqlWrite session(PlaybackSessionSummary s, Instant now, Duration ttl) {
    int ttlSeconds = ttlSeconds(s.getEndedAt(), now, ttl);
    if (ttlSeconds <= 0) {
      return null;
    }
    return CqlWrite.of(
        SESSION,
        s.getProfileId(),
        s.getStartedAt(),
        s.getSessionId(),
        s.getTitleId(),
        s.getEndedAt(),
        s.getEndReason().name(),
        s.getStopReason() == null ? null : s.getStopReason().name(),
        s.getWatchSeconds(),
        s.getHeartbeatCount(),
        s.getRebufferCount(),
        s.getRebufferSeconds(),
        s.getMeanBitrateKbps(),
        s.getErrorCount(),
        s.getFatalError(),
        s.getStartupLatencyMs(),
        s.getCdnServerId(),
        s.getDeviceType(),
        s.getCountry(),
        s.getIsp(),
        s.getHeader().getEventId(),
        ttlSeconds,
        writeTimestamp(s.getHeader().getEventTime()));
  }

  /**
   * Seconds until {@code eventTime + ttl}, as of {@code now}: the row expires at the same moment
   * however late it is written. At most Cassandra's limit; 0 or less means already expired.
   */
  static int ttlSeconds(Instant eventTime, Instant now, Duration ttl) {
    long seconds = Duration.between(now, eventTime.plus(ttl)).toSeconds();
    return (int) Math.max(Integer.MIN_VALUE, Math.min(MAX_TTL_SECONDS, seconds));
  }

  /** The write timestamp of an event: its event time in microseconds. */
  static long writeTimestamp(Instant eventTime) {
    return Math.multiplyExact(eventTime.toEpochMilli(), 1000L);
  }

  @Override
  public DeadLetter deadLetter(RawEvent record, String reason, String detail) {
    return DeadLetter.of(record, reason, detail, component);
  }
}
