package io.playstream.bench;

import io.playstream.infra.KafkaBroker;
import io.playstream.infra.KafkaLauncher;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Kafka broker of the bench's own, in a temporary state folder on free ports, so a benchmark
 * never touches the platform's data; closing stops it and deletes the folder.
 */
final class BenchBroker implements AutoCloseable {
  private final Path dir;
  private final StateLayout layout;
  private final KafkaBroker broker;

  private BenchBroker(Path dir, StateLayout layout, KafkaBroker broker) {
    this.dir = dir;
    this.layout = layout;
    this.broker = broker;
  }

  /** Starts a broker for the named bench, saying where on {@code out}. */
  static BenchBroker start(String bench, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("playstream-bench-" + bench);
    StateLayout layout = new StateLayout(dir);
    List<Integer> ports = Ports.freePorts(2);
    KafkaLauncher launcher =
        new KafkaLauncher(
            layout,
            new KafkaLauncher.Settings(
                ports.get(0),
                ports.get(1),
                "1g",
                Duration.ofSeconds(90),
                Duration.ofSeconds(30),
                Map.of()));
    out.println("bench " + bench + ": starting a broker for the bench in " + dir);
    try {
      return new BenchBroker(dir, layout, launcher.start());
    } catch (Exception | Error e) {
      deleteQuietly(dir);
      throw e;
    }
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The temporary state folder (for child JVMs the bench starts). */
  StateLayout layout() {
    return layout;
  }

  @Override
  public void close() {
    broker.stop();
    deleteQuietly(dir);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder
    }
  }
}
