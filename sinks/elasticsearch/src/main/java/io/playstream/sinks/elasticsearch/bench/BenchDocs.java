package io.playstream.sinks.elasticsearch.bench;

import io.playstream.sinks.elasticsearch.DocumentIds;
import io.playstream.sinks.elasticsearch.EsAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's documents: metric-like JSON (about 330 bytes) made from a sequence number, the
 * same for the sink and the bare loop. Building one is part of what both sides time.
 */
public final class BenchDocs {
  private static final String[] COUNTRIES = {"US", "BR", "DE", "IN", "JP", "FR", "GB", "MX"};
  private static final String[] DEVICES = {"tv", "mobile", "web", "console"};
  private static final long EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  /** The explicit mapping of the benchmark's indices (one shard, no replica). */
  public static final String INDEX_BODY =
      """
      {"settings":{"number_of_shards":1,"number_of_replicas":0},
       "mappings":{"dynamic":"strict","properties":{
         "metric":{"type":"keyword"},"window_start":{"type":"date"},"window_end":{"type":"date"},
         "country":{"type":"keyword"},"device_type":{"type":"keyword"},"starts":{"type":"long"},
         "sps":{"type":"double"},"play_failures":{"type":"long"},"failure_rate":{"type":"double"},
         "event_id":{"type":"keyword"}}}}
      """;

  /** When the sink saw its first document in this JVM (System.nanoTime), 0 before. */
  private static final AtomicLong FIRST_DOCUMENT = new AtomicLong();

  private BenchDocs() {}

  /**
   * Document {@code i} as an index action, noting when the first one was asked for: the sink's
   * converter calls this, and the benchmark times its run from that moment (the MiniCluster runs in
   * the benchmark's JVM, so the note is visible to it).
   */
  public static EsAction timedAction(String index, long i) {
    if (FIRST_DOCUMENT.get() == 0) {
      FIRST_DOCUMENT.compareAndSet(0, System.nanoTime());
    }
    return action(index, i);
  }

  /** Forgets the first-document time before a run. */
  static void resetClock() {
    FIRST_DOCUMENT.set(0);
  }

  /** When the first document reached the sink (System.nanoTime), or 0. */
  static long firstDocumentNanos() {
    return FIRST_DOCUMENT.get();
  }

  /** The id of document {@code i} (deterministic). */
  public static String id(long i) {
    return DocumentIds.join("bench", i);
  }

  /** Document {@code i} as JSON bytes. */
  public static byte[] json(long i) {
    long windowStart = EPOCH + (i / 32) * 10_000L;
    String country = COUNTRIES[(int) (i % COUNTRIES.length)];
    String device = DEVICES[(int) ((i / COUNTRIES.length) % DEVICES.length)];
    long starts = 50 + (i * 7919) % 1000;
    long failures = (i * 31) % 17;
    String json =
        "{\"metric\":\"sps\",\"window_start\":"
            + windowStart
            + ",\"window_end\":"
            + (windowStart + 10_000L)
            + ",\"country\":\""
            + country
            + "\",\"device_type\":\""
            + device
            + "\",\"starts\":"
            + starts
            + ",\"sps\":"
            + (starts / 10.0)
            + ",\"play_failures\":"
            + failures
            + ",\"failure_rate\":"
            + ((double) failures / starts)
            + ",\"event_id\":\"bench-"
            + i
            + "-0f8fad5b-d9cb-469f-a165-70867728950e\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Document {@code i} as an index action. */
  public static EsAction action(String index, long i) {
    return EsAction.index(index, id(i), json(i));
  }
}
