package io.playstream.sinks.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.infra.testing.LocalFlinkExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployable job jar on a real standalone Flink cluster (JobManager and TaskManager in their
 * own JVMs), submitted through the REST API like {@code playstream jobs submit}: its main applies
 * the schema to a new keyspace, the TaskManager is killed (SIGKILL) while the job writes, started
 * again, and the tables are compared with what was sent.
 */
class ClusterRecoveryIT {
  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final Path JOB_JAR = Path.of("target", "sink-cassandra-job.jar");
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @RegisterExtension
  static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();
  @RegisterExtension static final LocalFlinkExtension FLINK = LocalFlinkExtension.shared();

  @Test
  void killingTheTaskManagerMidStreamLosesAndDuplicatesNothing() throws Exception {
    assertThat(JOB_JAR).as("run after `package`").exists();
    String prefix = "cl-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = "history-cluster-" + prefix;
    String keyspace = TestCassandra.keyspaceName("cluster_it");
    TestKafka.createTopic(KAFKA, topic, 2);
    KAFKA.createCatalogTopics();
    FlinkRestClient rest = FLINK.rest();
    String jarId = rest.uploadJar(JOB_JAR);
    String jobId =
        rest.run(
            jarId,
            ViewingHistoryJob.class.getName(),
            List.of(
                "--bootstrap-servers",
                KAFKA.bootstrapServers(),
                "--group-id",
                "cluster-it-" + prefix,
                "--starting-offsets",
                "EARLIEST",
                "--checkpoint-interval",
                "PT1S",
                "--state-backend",
                "hashmap",
                "--topics",
                topic,
                "--contact-points",
                CASSANDRA.contactPoints(),
                "--local-datacenter",
                CASSANDRA.localDatacenter(),
                "--keyspace",
                keyspace),
            1,
            null,
            false);
    try (CqlSession session = TestCassandra.session(CASSANDRA)) {
      // the job's main applied the schema before it submitted the job
      assertThat(CqlSchema.appliedVersions(session, keyspace)).containsExactly(1, 2, 3, 4, 5);
      List<SpecificRecord> sent = new ArrayList<>();

      List<SpecificRecord> before = batch(prefix, 0, 400);
      TestKafka.send(KAFKA, topic, before);
      sent.addAll(before);
      await().atMost(WAIT).until(() -> rows(session, keyspace) >= before.size());

      // the TaskManager dies while it works through a batch; more arrives while it is down
      List<SpecificRecord> during = batch(prefix, 400, 3000);
      TestKafka.send(KAFKA, topic, during);
      sent.addAll(during);
      await().atMost(WAIT).until(() -> rows(session, keyspace) > before.size() + 100);
      FLINK.killTaskManager();
      List<SpecificRecord> whileDown = batch(prefix, 3400, 400);
      TestKafka.send(KAFKA, topic, whileDown);
      sent.addAll(whileDown);
      FLINK.startTaskManager();

      await().atMost(WAIT).until(() -> rows(session, keyspace) >= sent.size());
      assertThat(rows(session, keyspace)).isEqualTo(sent.size());
      assertThat(keys(session, keyspace)).isEqualTo(keys(sent));
      assertThat(rest.checkpoints(jobId).restored())
          .as("the job recovered from a checkpoint")
          .isPresent();
      assertThat(TestKafka.deadLetters(KAFKA, topic, 0)).isEmpty();
    } finally {
      rest.cancel(jobId);
      rest.awaitTerminal(jobId, Duration.ofSeconds(30));
      rest.deleteJar(jarId);
    }
  }

  /** Four stops for each rating, distinct keys. */
  private static List<SpecificRecord> batch(String prefix, int from, int n) {
    List<SpecificRecord> out = new ArrayList<>();
    out.addAll(HistoryEvents.stops(prefix, from, n * 4 / 5, NOW));
    out.addAll(HistoryEvents.ratings(prefix, from, n - n * 4 / 5, NOW));
    return out;
  }

  private static long rows(CqlSession session, String keyspace) {
    return TestCassandra.count(session, keyspace, "viewing_history_by_profile")
        + TestCassandra.count(session, keyspace, "ratings_by_profile");
  }

  private static Set<String> keys(CqlSession session, String keyspace) {
    Set<String> out = new HashSet<>();
    session
        .execute("SELECT profile_id, session_id FROM " + keyspace + ".viewing_history_by_profile")
        .forEach(r -> out.add(r.getString(0) + " " + r.getString(1)));
    session
        .execute("SELECT profile_id, title_id FROM " + keyspace + ".ratings_by_profile")
        .forEach(r -> out.add(r.getString(0) + " " + r.getString(1)));
    return out;
  }

  private static Set<String> keys(List<SpecificRecord> sent) {
    Set<String> out = new HashSet<>();
    for (SpecificRecord e : sent) {
      if (e instanceof io.playstream.events.PlaybackStopped s) {
        out.add(s.getProfileId() + " " + s.getSessionId());
      } else if (e instanceof io.playstream.events.Rating r) {
        out.add(r.getProfileId() + " " + r.getTitleId());
      }
    }
    return out;
  }
}
