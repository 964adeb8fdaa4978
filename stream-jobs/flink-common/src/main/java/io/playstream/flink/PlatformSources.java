package io.playstream.flink;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Kafka sources of platform topics and the event-time watermark strategy every job uses. */
public final class PlatformSources {
  private PlatformSources() {}

  /** Where a job starts reading when it has no checkpoint or savepoint to restore. */
  public enum StartingOffsets {
    /** The consumer group's committed offsets, or the earliest when there are none (default). */
    COMMITTED,
    /** The earliest offsets (reprocess everything retained). */
    EARLIEST,
    /** The latest offsets (only new records). */
    LATEST;

    OffsetsInitializer initializer() {
      return switch (this) {
        case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        case EARLIEST -> OffsetsInitializer.earliest();
        case LATEST -> OffsetsInitializer.latest();
      };
    }
  }

  /**
   * A source of raw records from platform topics, read with {@code read_committed} isolation (so
   * only committed output of exactly-once writers is seen) and committing offsets on checkpoints.
   */
  public static KafkaSource<RawEvent> kafka(
      String bootstrapServers, String groupId, StartingOffsets start, List<String> topics) {
    return kafka(bootstrapServers, groupId, start, topics, false);
  }

  /**
   * Like {@link #kafka(String, String, StartingOffsets, List)}; with {@code boundedAtLatest} the
   * source stops at the offsets that are latest when the job starts (replays, tests, benchmarks).
   */
  public static KafkaSource<RawEvent> kafka(
      String bootstrapServers,
      String groupId,
      StartingOffsets start,
      List<String> topics,
      boolean boundedAtLatest) {
    Properties props = new Properties();
    props.setProperty("isolation.level", "read_committed");
    props.setProperty("commit.offsets.on.checkpoint", "true");
    props.setProperty("partition.discovery.interval.ms", "60000");
    var builder =
        KafkaSource.<RawEvent>builder()
            .setBootstrapServers(bootstrapServers)
            .setGroupId(groupId)
            .setTopics(topics)
            .setStartingOffsets(start.initializer())
            .setDeserializer(new RawEventDeserializer())
            .setProperties(props);
    if (boundedAtLatest) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** {@link #kafka(String, String, StartingOffsets, List)} with the options' servers and start. */
  public static KafkaSource<RawEvent> kafka(FlinkJobOptions options, List<String> topics) {
    return kafka(options.bootstrapServers, options.groupId, options.startingOffsets, topics);
  }

  /**
   * Event-time watermarks: bounded out-of-orderness on {@link RawEvent#eventTime}, and idleness so
   * a quiet partition does not hold windows back. Kafka sources apply it per partition.
   */
  public static WatermarkStrategy<RawEvent> eventTime(Duration outOfOrderness, Duration idleness) {
    WatermarkStrategy<RawEvent> s =
        WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(outOfOrderness)
            .withTimestampAssigner((e, ts) -> e.eventTime);
    return idleness.isZero() ? s : s.withIdleness(idleness);
  }

  /** {@link #eventTime(Duration, Duration)} with the options' bounds. */
  public static WatermarkStrategy<RawEvent> eventTime(FlinkJobOptions options) {
    return eventTime(options.outOfOrderness, options.idleness);
  }
}
