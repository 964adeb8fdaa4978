package io.playstream.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.CassandraLauncher;
import io.playstream.infra.CassandraNode;
import io.playstream.infra.Ports;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real Cassandra node started by {@link LocalCassandraExtension}. */
class LocalCassandraIT {
  @RegisterExtension
  static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();

  @Test
  void nodeAnswersCqlWithItsReleaseVersion() throws Exception {
    assertThat(CASSANDRA.releaseVersion()).startsWith("5.0.");
    assertThat(CASSANDRA.contactPoints()).startsWith("127.0.0.1:");
    assertThat(CASSANDRA.localDatacenter()).isEqualTo("datacenter1");
    assertThat(Ports.isOpen("127.0.0.1", CASSANDRA.contactPoint().getPort())).isTrue();
  }

  @Test
  void stateFolderHoldsPidLogConfigAndData() throws Exception {
    var layout = CASSANDRA.stateLayout();

    assertThat(Files.readString(layout.pidFile("cassandra")).trim())
        .isEqualTo(Long.toString(CASSANDRA.nodePid()));
    assertThat(Files.readString(layout.logFile("cassandra")))
        .contains("Starting listening for CQL clients");
    assertThat(layout.confDir("cassandra").resolve("cassandra.yaml")).exists();
    assertThat(layout.confDir("cassandra").resolve("logback.xml")).exists();
    assertThat(layout.dataDir("cassandra").resolve("data").resolve("system")).isDirectory();
  }

  @Test
  void aSecondLauncherReportsTheRunningNode() throws Exception {
    CassandraLauncher second =
        new CassandraLauncher(
            CASSANDRA.stateLayout(),
            new CassandraLauncher.Settings(
                CASSANDRA.contactPoint().getPort(),
                storagePort(),
                "512m",
                Duration.ofSeconds(30),
                Duration.ofSeconds(20),
                Map.of()));

    CassandraNode node = second.start();

    assertThat(node.reused()).isTrue();
    assertThat(node.pid()).isEqualTo(CASSANDRA.nodePid());
    assertThat(node.releaseVersion()).startsWith("5.0.");
  }

  @Test
  void nodeStopsCleanlyAndStartsAgainOnItsData() throws Exception {
    long before = CASSANDRA.nodePid();

    CASSANDRA.stopNode();

    assertThat(CASSANDRA.isNodeAlive()).isFalse();
    assertThat(CASSANDRA.stateLayout().pidFile("cassandra")).doesNotExist();
    assertThat(Files.readString(CASSANDRA.stateLayout().logFile("cassandra")))
        .contains("Cassandra shutdown complete");

    CASSANDRA.startNode();

    assertThat(CASSANDRA.isNodeAlive()).isTrue();
    assertThat(CASSANDRA.nodePid()).isNotEqualTo(before);
    assertThat(CASSANDRA.releaseVersion()).startsWith("5.0.");
  }

  private static int storagePort() throws Exception {
    String yaml =
        Files.readString(CASSANDRA.stateLayout().confDir("cassandra").resolve("cassandra.yaml"));
    return yaml.lines()
        .filter(l -> l.startsWith("storage_port: "))
        .map(l -> Integer.parseInt(l.substring("storage_port: ".length()).trim()))
        .findFirst()
        .orElseThrow();
  }
}
