package io.playstream.sinks.iceberg.bench;

import io.playstream.events.EventHeader;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.schemas.Topics;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The bench's input: a pool of encoded heartbeats (as the route topic carries them) built once per
 * source reader from a fixed seed, handed out round-robin. Both sides of the bench read the same
 * pool, so they get the same rows.
 */
public final class BenchEvents implements GeneratorFunction<Long, RawEvent> {
  private static final long serialVersionUID = 1L;

  /** First event time; the pool spans two hours (two hourly partitions). */
  public static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  private final int poolSize;
  private transient RawEvent[] pool;

  public BenchEvents(int poolSize) {
    this.poolSize = poolSize;
  }

  @Override
  public void open(SourceReaderContext readerContext) {
    pool = pool(poolSize, 42L);
  }

  @Override
  public RawEvent map(Long index) {
    return pool[(int) (index % pool.length)];
  }

  /** {@code size} encoded heartbeats from a seed (deterministic). */
  public static RawEvent[] pool(int size, long seed) {
    Random rnd = new Random(seed);
    String topic = Topics.route("iceberg-raw").name();
    RawEvent[] out = new RawEvent[size];
    for (int i = 0; i < size; i++) {
      Instant t = START.plusMillis((long) i * 7_200_000L / size);
      PlaybackHeartbeat h =
          PlaybackHeartbeat.newBuilder()
              .setHeader(
                  EventHeader.newBuilder()
                      .setEventId(new UUID(rnd.nextLong(), rnd.nextLong()).toString())
                      .setEventTime(t)
                      .setService("playback")
                      .setInstance("playback-" + rnd.nextInt(4))
                      .setTraceId(Long.toHexString(rnd.nextLong()))
                      .build())
              .setSessionId("s-" + rnd.nextInt(size / 10 + 1))
              .setProfileId(Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()))
              .setTitleId("t-" + rnd.nextInt(2_000))
              .setCdnServerId("oca-" + rnd.nextInt(40))
              .setPositionMs(rnd.nextInt(7_200_000))
              .setBitrateKbps(1_000 + rnd.nextInt(7_000))
              .setBufferLevelMs(rnd.nextInt(30_000))
              .setRebufferCount(rnd.nextInt(10) < 9 ? 0 : 1 + rnd.nextInt(3))
              .setRebufferDurationMs(rnd.nextInt(2_000))
              .setDroppedFrames(rnd.nextInt(20))
              .setIntervalMs(10_000L)
              .build();
      out[i] = RawEvents.of(h, topic, i % 4, i);
    }
    return out;
  }
}
