package io.playstream.bench;

import io.playstream.simulator.DirectKafkaLoad;
import io.playstream.simulator.LoadResult;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Child-JVM side of {@link ProducerBench} for "ours": {@code ProducerLoadMain <bootstrap>
 * <warmup-records> <records> <seed> [key=value producer overrides...]}; prints one {@code LOAD
 * records=... records_per_sec=... avg_record_size=... backlog_at_start=...} line about the measured
 * records (after the warm-up ones, as {@code ProducerPerformance --warmup-records} reports its
 * steady state).
 */
public final class ProducerLoadMain {
  private ProducerLoadMain() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long warmup = Long.parseLong(args[1]);
    long records = Long.parseLong(args[2]);
    long seed = Long.parseLong(args[3]);
    Map<String, Object> overrides = new HashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      overrides.put(kv[0], kv[1]);
    }
    LoadResult r = DirectKafkaLoad.run(bootstrap, warmup, records, seed, overrides);
    System.out.println(
        String.format(
            Locale.ROOT,
            "LOAD records=%d records_per_sec=%.1f avg_record_size=%.1f backlog_at_start=%d",
            r.records(),
            r.recordsPerSecond(),
            r.averageRecordSize(),
            r.backlogAtStart()));
  }
}
