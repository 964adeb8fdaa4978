package io.playstream.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class FlinkJobOptionsTest {
  @Command(name = "job")
  static class Job {
    @Mixin FlinkJobOptions options;
  }

  @Test
  void defaultsFitTheLocalPlatform() {
    Job job = new Job();
    new CommandLine(job).parseArgs();
    assertThat(job.options.bootstrapServers).isEqualTo("127.0.0.1:9092");
    assertThat(job.options.checkpointInterval).isEqualTo(Duration.ofSeconds(5));
    assertThat(job.options.startingOffsets).isEqualTo(PlatformSources.StartingOffsets.COMMITTED);
    assertThat(job.options.groupIdOr("metrics")).isEqualTo("metrics");
    assertThat(job.options.stateBackend).isEqualTo("rocksdb");
  }

  @Test
  void parsesArguments() {
    Job job = new Job();
    new CommandLine(job)
        .parseArgs(
            "--bootstrap-servers=k:1",
            "--checkpoint-interval=500ms",
            "--idleness=0",
            "--starting-offsets=EARLIEST",
            "--group-id=g",
            "--parallelism=3");
    assertThat(job.options.checkpointInterval).isEqualTo(Duration.ofMillis(500));
    assertThat(job.options.idleness).isZero();
    assertThat(job.options.groupIdOr("x")).isEqualTo("g");
    assertThat(job.options.parallelism).isEqualTo(3);
  }

  @Test
  void durationsHaveShortFormsAndClearErrors() {
    assertThat(FlinkJobOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(FlinkJobOptions.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(FlinkJobOptions.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> FlinkJobOptions.parseDuration("soon"))
        .hasMessageContaining("not a duration");
  }
}
