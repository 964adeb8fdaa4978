package io.playstream.recs.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.recs.job.bench.RecsLatencyBenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code bench recs-latency} on a real broker and node, a short run: it ends with a RESULT line.
 */
class RecsLatencyBenchIT {
  @RegisterExtension
  static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @Test
  void measuresPlayToCassandraLatency() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new RecsLatencyBenchMain())
              .execute(
                  "--bootstrap-servers",
                  KAFKA.bootstrapServers(),
                  "--contact-points",
                  CASSANDRA.contactPoints(),
                  "--local-datacenter",
                  CASSANDRA.localDatacenter(),
                  "--keyspace",
                  "recs_bench_" + ProcessHandle.current().pid(),
                  "--plays",
                  "40",
                  "--warmup",
                  "10");
    } finally {
      System.setOut(saved);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(out);
    assertThat(code).as(out).isZero();
    Matcher m =
        Pattern.compile("RESULT name=recs-latency ours=([0-9.]+) baseline=1000 ratio=([0-9.]+)")
            .matcher(out);
    assertThat(m.find()).as(out).isTrue();
    // at least the debounce, and an answer for every play
    assertThat(Double.parseDouble(m.group(1))).isGreaterThan(150.0);
    assertThat(out).contains("40 plays");
  }
}
