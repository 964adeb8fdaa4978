package io.playstream.flink.smoke;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.TimeUtils;

/**
 * The cluster smoke job: an unbounded, rate-limited sequence of longs, counted per key (keyed
 * state, RocksDB on the local cluster) and in total (operator state, exposed as the gauges {@value
 * ProgressTracker#PROCESSED_GAUGE} and {@value ProgressTracker#RESTORED_GAUGE}). It runs until
 * cancelled, checkpoints, and shows after a restore from a savepoint how many records the restored
 * state had counted. No inputs and no outputs: it proves that the cluster runs, checkpoints and
 * restores jobs, and is the catalog entry {@code smoke} of {@code playstream jobs}.
 *
 * <p>Arguments: {@code --rate N} (records per second, default {@value #DEFAULT_RATE}), {@code
 * --checkpoint-interval D} ({@code 5s}, {@code 500ms} or ISO-8601 {@code PT5S}; default {@code
 * 1s}), {@code --keys N} (distinct keys, default {@value #DEFAULT_KEYS}).
 */
public final class SmokeJob {
  /** Job name shown by the cluster. */
  public static final String JOB_NAME = "playstream-smoke";

  /** Operator uids: stable so that a changed job still restores its state. */
  public static final String SOURCE_UID = "smoke-source";

  public static final String COUNTER_UID = "smoke-counter";
  public static final String PROGRESS_UID = "smoke-progress";
  public static final String SINK_UID = "smoke-sink";

  static final double DEFAULT_RATE = 20;
  static final int DEFAULT_KEYS = 4;
  static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  private SmokeJob() {}

  /**
   * Wires the job: {@code source -> keyBy(value % keys) -> per-key count -> total count -> sink}.
   */
  public static void build(
      StreamExecutionEnvironment env, Source<Long, ?, ?> source, Sink<Long> sink, int keys) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be at least 1: " + keys);
    }
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "smoke-source")
        .uid(SOURCE_UID)
        .name("smoke-source")
        .keyBy(v -> Math.floorMod(v, (long) keys), Types.LONG)
        .process(new KeyedCounter())
        .uid(COUNTER_UID)
        .name("smoke-counter")
        .map(new ProgressTracker())
        .uid(PROGRESS_UID)
        .name("smoke-progress")
        .sinkTo(sink)
        .uid(SINK_UID)
        .name("smoke-sink");
  }

  /** The unbounded, rate-limited source of 0, 1, 2, ... */
  public static DataGeneratorSource<Long> source(double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    return new DataGeneratorSource<>(
        index -> index, Long.MAX_VALUE, RateLimiterStrategy.perSecond(ratePerSecond), Types.LONG);
  }

  /** Parses {@code 5s}, {@code 500 ms} (Flink's syntax) or ISO-8601 {@code PT5S}. */
  static Duration parseDuration(String text) {
    String t = text.trim();
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      return Duration.parse(t);
    }
    return TimeUtils.parseDuration(t);
  }

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    double rate = params.getDouble("rate", DEFAULT_RATE);
    int keys = params.getInt("keys", DEFAULT_KEYS);
    Duration interval =
        params.has("checkpoint-interval")
            ? parseDuration(params.get("checkpoint-interval"))
            : DEFAULT_CHECKPOINT_INTERVAL;
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(interval.toMillis());
    build(env, source(rate), new DiscardingSink<>(), keys);
    env.execute(JOB_NAME);
  }
}
