package io.playstream.cli;

import io.playstream.infra.CassandraLauncher;
import io.playstream.infra.CassandraNode;
import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.infra.PlatformConfig;
import io.playstream.infra.PlatformOptions;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code playstream bench recs-latency}: recs-job's {@code RecsLatencyBenchMain} (the real job in a
 * Flink MiniCluster, play event → updated row in Cassandra) in a child JVM on its tool classpath
 * ({@code RuntimeClasspath.loadTool("recs-job")}). It needs a Kafka broker and a Cassandra node:
 * those given with {@code --bootstrap-servers} / {@code --contact-points}; else the platform's when
 * they answer (after {@code playstream up}; the bench makes its own topics and keyspace rows, keyed
 * by a run id); else a broker and a node of its own, in a temporary folder on free ports, stopped
 * and deleted afterwards.
 */
final class RecsLatencyBench {
  static final String NAME = "recs-latency";
  static final String TOOL = "recs-job";
  static final String MAIN_CLASS = "io.playstream.recs.job.bench.RecsLatencyBenchMain";

  private RecsLatencyBench() {}

  /** Runs the bench; returns its exit code. */
  static int run(List<String> extra, boolean quick, PrintStream out) throws Exception {
    List<String> args = new ArrayList<>(extra);
    if (args.contains("--help") || args.contains("-h")) {
      return ToolProcess.run(TOOL, MAIN_CLASS, args, "512m");
    }
    if (quick && !has(args, "--plays")) {
      args.addAll(List.of("--plays", "40", "--warmup", "10"));
    }
    PlatformConfig config = PlatformConfig.builder(PlaystreamCli.root()).build();
    Path temp = null;
    KafkaBroker broker = null;
    CassandraNode node = null;
    try {
      if (!has(args, "--bootstrap-servers")) {
        String platform = config.get(PlatformOptions.KAFKA_BOOTSTRAP_SERVERS);
        if (answers(platform)) {
          out.println("bench " + NAME + ": using the platform's broker at " + platform);
          args.addAll(List.of("--bootstrap-servers", platform));
        } else {
          temp = temp != null ? temp : Files.createTempDirectory("playstream-bench-recs");
          out.println("bench " + NAME + ": no broker at " + platform + "; starting one in " + temp);
          List<Integer> ports = Ports.freePorts(2);
          broker =
              new KafkaLauncher(
                      new StateLayout(temp),
                      new KafkaLauncher.Settings(
                          ports.get(0),
                          ports.get(1),
                          "1g",
                          Duration.ofSeconds(90),
                          Duration.ofSeconds(30),
                          Map.of()))
                  .start();
          args.addAll(List.of("--bootstrap-servers", broker.bootstrapServers()));
        }
      }
      if (!has(args, "--contact-points")) {
        String platform = config.get(PlatformOptions.CASSANDRA_CONTACT_POINTS);
        if (answers(platform)) {
          out.println("bench " + NAME + ": using the platform's Cassandra at " + platform);
          args.addAll(
              List.of(
                  "--contact-points",
                  platform,
                  "--local-datacenter",
                  config.get(PlatformOptions.CASSANDRA_LOCAL_DATACENTER),
                  "--keyspace",
                  config.get(PlatformOptions.CASSANDRA_KEYSPACE)));
        } else {
          temp = temp != null ? temp : Files.createTempDirectory("playstream-bench-recs");
          out.println(
              "bench "
                  + NAME
                  + ": no Cassandra at "
                  + platform
                  + "; starting a node in "
                  + temp
                  + " (about 10-40 s)");
          node =
              new CassandraLauncher(new StateLayout(temp), CassandraLauncher.Settings.forTest())
                  .start();
          args.addAll(
              List.of(
                  "--contact-points",
                  node.contactPoints(),
                  "--local-datacenter",
                  node.localDatacenter()));
        }
      }
      return ToolProcess.run(TOOL, MAIN_CLASS, args, "2g");
    } finally {
      if (node != null) {
        node.stop();
      }
      if (broker != null) {
        broker.stop();
      }
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  private static boolean has(List<String> args, String option) {
    return args.stream().anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
  }

  /** Whether the first {@code host:port} of a list accepts connections. */
  static boolean answers(String hostPorts) {
    if (hostPorts == null || hostPorts.isBlank()) {
      return false;
    }
    String first = hostPorts.split(",")[0].trim();
    int colon = first.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    try {
      return Ports.isOpen(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder
    }
  }
}
