package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.infra.FlinkLauncher;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.testing.LocalFlinkExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable job jar on a real standalone Flink cluster (JobManager and TaskManager in their
 * own JVMs): submitted through the REST API like {@code playstream jobs submit} does, its
 * TaskManager killed (SIGKILL) while it is writing, restarted, and the table checked for every
 * event id exactly once.
 */
class ClusterExactlyOnceIT {
  private static final Duration WAIT = Duration.ofSeconds(150);

  /**
   * Recovery after the TaskManager is killed (its failure shows in the logs printed on timeout).
   */
  private static final Duration RECOVERY_WAIT = Duration.ofMinutes(4);

  private static final Path JOB_JAR = Path.of("target", "sink-iceberg-job.jar");

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();
  @RegisterExtension static final LocalFlinkExtension FLINK = LocalFlinkExtension.shared();

  @TempDir Path dir;

  @Test
  void killingTheTaskManagerMidStreamLosesAndDuplicatesNothing() throws Exception {
    assertThat(JOB_JAR).as("run after `package`").exists();
    String topic = TestTopics.create(KAFKA, "it-cluster-raw", 2);
    String namespace = "cluster_eo";
    FlinkRestClient rest = FLINK.rest();

    try (TestCatalog catalog = new TestCatalog(dir)) {
      String jarId = rest.uploadJar(JOB_JAR);
      String jobId =
          rest.run(
              jarId,
              IcebergSinkJob.class.getName(),
              List.of(
                  "--bootstrap-servers",
                  KAFKA.bootstrapServers(),
                  "--group-id",
                  "it-cluster-" + UUID.randomUUID(),
                  "--starting-offsets",
                  "EARLIEST",
                  "--checkpoint-interval",
                  "1s",
                  "--state-backend",
                  "hashmap",
                  "--catalog-name",
                  catalog.settings.name(),
                  "--catalog-uri",
                  catalog.settings.uri(),
                  "--warehouse",
                  catalog.settings.warehouse(),
                  "--namespace",
                  namespace,
                  "--tables",
                  TableDefinitions.PLAYBACK_EVENTS,
                  "--raw-topic",
                  topic),
              2,
              null,
              false);
      try {
        Table table =
            catalog.catalog.loadTable(
                TableIdentifier.of(namespace, TableDefinitions.PLAYBACK_EVENTS));
        List<SpecificRecord> sent = new ArrayList<>();

        List<SpecificRecord> before = events(500);
        TestTopics.produce(KAFKA, topic, before);
        sent.addAll(before);
        await().atMost(WAIT).until(() -> TestCatalog.rows(table).size() >= before.size());
        assertThat(TestCatalog.rows(table)).hasSize(before.size());

        // the TaskManager dies while it works through a batch; more arrives while it is down
        List<SpecificRecord> during = events(3000);
        TestTopics.produce(KAFKA, topic, during);
        sent.addAll(during);
        FLINK.killTaskManager();
        List<SpecificRecord> whileDown = events(500);
        TestTopics.produce(KAFKA, topic, whileDown);
        sent.addAll(whileDown);
        FLINK.startTaskManager();

        try {
          // recovery: failure detection, restart backoff, redeploy, replay, commits; polled
          // gently, the catalog is a SQLite file the job's committer writes too
          await()
              .atMost(RECOVERY_WAIT)
              .pollInterval(Duration.ofSeconds(2))
              .until(() -> TestCatalog.rows(table).size() >= sent.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          System.out.println("job " + jobId + ": " + rest.job(jobId).state());
          for (String log : List.of(FlinkLauncher.JOBMANAGER, FlinkLauncher.TASKMANAGER)) {
            java.nio.file.Path file = FLINK.stateLayout().logFile(log);
            List<String> lines = java.nio.file.Files.readAllLines(file);
            System.out.println("--- last lines of " + file);
            lines
                .subList(Math.max(0, lines.size() - 60), lines.size())
                .forEach(System.out::println);
          }
          throw e;
        }
        List<Record> rows = TestCatalog.rows(table);
        assertThat(rows).as("count(*)").hasSize(sent.size());
        Set<String> ids = IcebergSinkIT.ids(rows);
        assertThat(ids).as("count(distinct event_id)").hasSize(sent.size());
        assertThat(ids).isEqualTo(new HashSet<>(IcebergSinkIT.ids(sent)));
        assertThat(rest.checkpoints(jobId).restored())
            .as("the job recovered from a checkpoint")
            .isPresent();
      } finally {
        rest.cancel(jobId);
        rest.awaitTerminal(jobId, Duration.ofSeconds(30));
        rest.deleteJar(jarId);
      }
    }
  }

  private static List<SpecificRecord> events(int n) {
    List<SpecificRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(SampleEvents.of(TableDefinitions.PLAYBACK_EVENT_TYPES.get(i % 4)));
    }
    return out;
  }
}
