package io.playstream.sinks.cassandra.bench;

import io.playstream.events.EventHeader;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Row {@code i} of a bench run, as the raw route record the job would read: four stops (viewing
 * history) for every rating, over 1000 profiles, every key distinct within a run. Deterministic, so
 * both sides of the bench write the same kind of rows.
 *
 * <p>As a Flink map it also notes when the first row was made ({@link #FIRST_ROW_NANOS}): the bench
 * runs the MiniCluster in its own JVM and times ours from the first row to the end of the job.
 */
final class BenchRows implements MapFunction<Long, RawEvent> {
  private static final long serialVersionUID = 1L;
  static final AtomicLong FIRST_ROW_NANOS = new AtomicLong();
  private static final String TOPIC = "playstream.route.cassandra-history";

  private final String prefix;
  private final long baseMillis;

  BenchRows(String prefix, Instant base) {
    this.prefix = prefix;
    this.baseMillis = base.toEpochMilli();
  }

  @Override
  public RawEvent map(Long i) {
    if (i == 0) {
      FIRST_ROW_NANOS.set(System.nanoTime());
    }
    return row(i);
  }

  RawEvent row(long i) {
    Instant at = Instant.ofEpochMilli(baseMillis - i);
    EventHeader header =
        EventHeader.newBuilder()
            .setEventId(prefix + "-e" + i)
            .setEventTime(at)
            .setService("bench")
            .setInstance("bench")
            .setTraceId(null)
            .build();
    String profile = prefix + "-p" + (i % 1000);
    if (i % 5 == 4) {
      Rating r =
          Rating.newBuilder()
              .setHeader(header)
              .setProfileId(profile)
              .setTitleId("t-" + i)
              .setThumb(i % 2 == 0 ? Thumb.UP : Thumb.DOWN)
              .setCountry("US")
              .build();
      return RawEvents.of(r, TOPIC, 0, i);
    }
    PlaybackStopped s =
        PlaybackStopped.newBuilder()
            .setHeader(header)
            .setSessionId(prefix + "-s" + i)
            .setProfileId(profile)
            .setTitleId("t-" + (i % 9000))
            .setReason(i % 3 == 0 ? StopReason.COMPLETED : StopReason.USER_STOPPED)
            .setWatchedSeconds(600 + i % 3000)
            .setPositionMs((600 + i % 3000) * 1000)
            .build();
    return RawEvents.of(s, TOPIC, 0, i);
  }
}
