package io.playstream.dashboard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.playstream.infra.Ports;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.flink.FlinkRestClient.CheckpointStats;
import io.playstream.infra.flink.FlinkRestClient.CompletedCheckpoint;
import io.playstream.infra.flink.FlinkRestClient.JobSummary;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlinkStatusTest {
  private static final Instant NOW = Instant.parse("2026-01-01T20:00:00Z");
  private static final Instant STARTED = NOW.minus(Duration.ofMinutes(30));
  private static final Instant CHECKPOINTED = NOW.minusSeconds(12);

  @Test
  void checkpointAgeIsTheTimeSinceTheLatestCompletedCheckpoint() {
    JobSummary job =
        new JobSummary("j1", "playback-health", "RUNNING", STARTED, Duration.ofMinutes(30));
    CheckpointStats stats =
        new CheckpointStats(
            42,
            1,
            0,
            Optional.of(
                new CompletedCheckpoint(
                    42, false, CHECKPOINTED.minusMillis(350), CHECKPOINTED, "file:/cp/chk-42")),
            Optional.empty(),
            Optional.empty());
    FlinkStatus.JobRow row = FlinkStatus.row(job, stats, NOW.toEpochMilli());
    assertThat(row.checkpointAgeMs()).isEqualTo(12_000);
    assertThat(row.lastCheckpointDurationMs()).isEqualTo(350);
    assertThat(row.checkpointsCompleted()).isEqualTo(42);
    assertThat(row.checkpointsFailed()).isEqualTo(1);
    assertThat(row.durationMs()).isEqualTo(Duration.ofMinutes(30).toMillis());

    FlinkStatus.JobRow ended =
        FlinkStatus.row(
            new JobSummary("j0", "old", "CANCELED", STARTED, Duration.ZERO),
            null,
            NOW.toEpochMilli());
    assertThat(ended.checkpointAgeMs()).isNull();
  }

  @Test
  void pollsTheRestApiForRunningJobsAndTheirCheckpoints() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Map<String, String> answers =
        Map.of(
            "/overview",
            "{\"taskmanagers\":1,\"slots-total\":4,\"slots-available\":1,\"jobs-running\":1,"
                + "\"jobs-finished\":0,\"jobs-cancelled\":1,\"jobs-failed\":0,\"flink-version\":\"2.1.0\"}",
            "/jobs/overview",
            "{\"jobs\":[{\"jid\":\"a1\",\"name\":\"playback-health\",\"state\":\"RUNNING\",\"start-time\":"
                + STARTED.toEpochMilli()
                + ",\"duration\":1800000},{\"jid\":\"b2\",\"name\":\"sessionizer\",\"state\":\"CANCELED\","
                + "\"start-time\":"
                + STARTED.minusSeconds(60).toEpochMilli()
                + ",\"duration\":5000}]}",
            "/jobs/a1/checkpoints",
            "{\"counts\":{\"completed\":7,\"failed\":2,\"in_progress\":0},\"latest\":{\"completed\":"
                + "{\"id\":7,\"is_savepoint\":false,\"trigger_timestamp\":"
                + CHECKPOINTED.minusMillis(200).toEpochMilli()
                + ",\"latest_ack_timestamp\":"
                + CHECKPOINTED.toEpochMilli()
                + ",\"external_path\":\"file:/cp/chk-7\"},\"savepoint\":null,\"restored\":null}}");
    server.createContext(
        "/",
        ex -> {
          String body = answers.get(ex.getRequestURI().getPath());
          byte[] bytes =
              (body == null ? "{\"errors\":[\"Not found\"]}" : body)
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
    try {
      FlinkStatus status =
          new FlinkStatus(
              new FlinkRestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
              Clock.fixed(NOW, ZoneOffset.UTC));
      status.poll();
      FlinkStatus.JobsView v = status.view();
      assertThat(v.reachable()).isTrue();
      assertThat(v.cluster().slotsTotal()).isEqualTo(4);
      assertThat(v.cluster().flinkVersion()).isEqualTo("2.1.0");
      assertThat(v.jobs())
          .extracting(FlinkStatus.JobRow::name)
          .containsExactly("playback-health", "sessionizer");
      FlinkStatus.JobRow running = v.jobs().get(0);
      assertThat(running.checkpointAgeMs()).isEqualTo(12_000);
      assertThat(running.checkpointsFailed()).isEqualTo(2);
      assertThat(v.jobs().get(1).state()).isEqualTo("CANCELED");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnreachableClusterIsReportedNotThrown() {
    int port = Ports.freePort();
    FlinkStatus status =
        new FlinkStatus(
            new FlinkRestClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    status.poll();
    assertThat(status.view().reachable()).isFalse();
    assertThat(status.view().error()).contains("not reachable");
    assertThat(status.view().url()).isEqualTo("http://127.0.0.1:" + port);
  }
}
