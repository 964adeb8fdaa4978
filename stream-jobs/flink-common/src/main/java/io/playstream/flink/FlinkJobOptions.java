package io.playstream.flink;

import io.playstream.flink.PlatformSources.StartingOffsets;
import java.io.Serializable;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options every Playstream Flink job takes (a picocli mixin: {@code @Mixin FlinkJobOptions
 * job;}). Defaults fit the local platform; {@code playstream jobs submit} passes the platform
 * config's values.
 */
public class FlinkJobOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  public String bootstrapServers = "127.0.0.1:9092";

  @Option(
      names = "--group-id",
      description = "Kafka consumer group of the job's sources (default: the job's name).")
  public String groupId;

  @Option(
      names = "--starting-offsets",
      defaultValue = "COMMITTED",
      description =
          "Where to start without a checkpoint/savepoint: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}, i.e. committed offsets else earliest).")
  public StartingOffsets startingOffsets = StartingOffsets.COMMITTED;

  @Option(
      names = "--parallelism",
      defaultValue = "0",
      description = "Job parallelism; 0 keeps the cluster default (default: ${DEFAULT-VALUE}).")
  public int parallelism;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "Checkpoint interval; exactly-once sinks commit on checkpoints (default:"
              + " ${DEFAULT-VALUE}).")
  public Duration checkpointInterval = Duration.ofSeconds(5);

  @Option(
      names = "--checkpoint-dir",
      description =
          "Checkpoint directory URI (default: the cluster's execution.checkpointing.dir).")
  public String checkpointDir;

  @Option(
      names = "--state-backend",
      defaultValue = "rocksdb",
      description = "Keyed state backend: rocksdb or hashmap (default: ${DEFAULT-VALUE}).")
  public String stateBackend = "rocksdb";

  @Option(
      names = "--out-of-orderness",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "Bounded out-of-orderness of event-time watermarks (default: ${DEFAULT-VALUE}).")
  public Duration outOfOrderness = Duration.ofSeconds(2);

  @Option(
      names = "--idleness",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "A source partition without records for this long stops holding watermarks back;"
              + " 0 disables (default: ${DEFAULT-VALUE}).")
  public Duration idleness = Duration.ofSeconds(5);

  /** The group id, or the given default when none was set. */
  public String groupIdOr(String jobName) {
    return groupId == null || groupId.isBlank() ? jobName : groupId;
  }

  /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return parseDuration(value);
    }
  }

  /**
   * Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d}, {@code 0} or ISO-8601.
   */
  public static Duration parseDuration(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    if (v.startsWith("p")) {
      return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration (examples: 500ms, 5s, 2m, 1h, 7d)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
