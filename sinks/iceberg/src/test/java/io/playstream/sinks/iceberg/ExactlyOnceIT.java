package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.flink.RawEvent;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under failure: the sink job runs on a MiniCluster against the real broker, a failure
 * is injected mid-stream after some checkpoints were committed, the job restarts from its last
 * checkpoint, and the table ends up with every event id exactly once.
 */
class ExactlyOnceIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int FIRST = 300;
  private static final int SECOND = 400;

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir static Path dir;
  private static TestCatalog catalog;

  /**
   * Records left before the injected failure; 0 = disarmed. Static: the MiniCluster shares the JVM.
   */
  static final AtomicInteger FAIL_AFTER = new AtomicInteger();

  static final AtomicBoolean FAIL_ON_CHECKPOINT = new AtomicBoolean();
  static final AtomicInteger FAILURES = new AtomicInteger();

  @BeforeAll
  static void openCatalog() {
    catalog = new TestCatalog(dir);
  }

  @AfterAll
  static void closeCatalog() throws Exception {
    catalog.close();
  }

  @Test
  void aFailureWhileWritingReplaysWithoutDuplicates() throws Exception {
    runWithFailure("eo_write", () -> FAIL_AFTER.set(SECOND / 2));
  }

  @Test
  void aFailureRightAfterACheckpointCompletesCommitsItOnce() throws Exception {
    runWithFailure("eo_commit", () -> FAIL_ON_CHECKPOINT.set(true));
  }

  private void runWithFailure(String namespace, Runnable arm) throws Exception {
    FAILURES.set(0);
    FAIL_AFTER.set(0);
    FAIL_ON_CHECKPOINT.set(false);
    String topic = TestTopics.create(KAFKA, "it-eo", 2);

    StreamExecutionEnvironment env = environment();
    DataStream<RawEvent> raw =
        env.fromSource(
                io.playstream.flink.PlatformSources.kafka(
                    KAFKA.bootstrapServers(),
                    "it-eo-" + UUID.randomUUID(),
                    io.playstream.flink.PlatformSources.StartingOffsets.EARLIEST,
                    List.of(topic)),
                WatermarkStrategy.noWatermarks(),
                "route")
            .uid("source");
    DataStream<RawEvent> failing =
        raw.map(new InjectedFailure()).returns(RawEvent.class).name("failure").uid("failure");
    IcebergSinkJob.build(
        failing,
        catalog.loader,
        new IcebergSinkJob.Settings(
            Namespace.of(namespace),
            List.of(TableDefinitions.playbackEvents(TableDefinitions.defaultWriteProperties())),
            0,
            "sink-" + namespace));
    JobClient job = env.executeAsync("exactly-once " + namespace);
    try {
      Table table =
          catalog.catalog.loadTable(
              TableIdentifier.of(namespace, TableDefinitions.PLAYBACK_EVENTS));

      List<SpecificRecord> first = events(FIRST);
      TestTopics.produce(KAFKA, topic, first);
      await().atMost(WAIT).until(() -> TestCatalog.rows(table).size() >= FIRST);
      assertThat(TestCatalog.rows(table)).hasSize(FIRST);
      long snapshotsBefore = snapshots(table);

      arm.run();
      List<SpecificRecord> second = events(SECOND);
      TestTopics.produce(KAFKA, topic, second);
      await().atMost(WAIT).until(() -> FAILURES.get() == 1);
      await().atMost(WAIT).until(() -> TestCatalog.rows(table).size() >= FIRST + SECOND);
      // the injected failure may land just after the commit: wait for the restarted job, then
      // watch the table across several checkpoints (500 ms apart) so a duplicate commit shows up
      await().atMost(WAIT).until(() -> job.getJobStatus().get() == JobStatus.RUNNING);
      await()
          .atMost(WAIT)
          .during(Duration.ofSeconds(3))
          .until(() -> TestCatalog.rows(table).size() == FIRST + SECOND);

      List<Record> rows = TestCatalog.rows(table);
      Set<String> expected = new HashSet<>(IcebergSinkIT.ids(first));
      expected.addAll(IcebergSinkIT.ids(second));
      assertThat(rows).as("count(*)").hasSize(FIRST + SECOND);
      assertThat(IcebergSinkIT.ids(rows)).as("distinct event ids").isEqualTo(expected);
      assertThat(FAILURES.get()).isEqualTo(1);
      assertThat(snapshots(table)).isGreaterThan(snapshotsBefore);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
    }
  }

  private static long snapshots(Table table) {
    table.refresh();
    long n = 0;
    for (Snapshot ignored : table.snapshots()) {
      n++;
    }
    return n;
  }

  private static List<SpecificRecord> events(int n) {
    List<SpecificRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(SampleEvents.of(TableDefinitions.PLAYBACK_EVENT_TYPES.get(i % 4)));
    }
    return out;
  }

  private static StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = IcebergSinkIT.environment();
    Configuration c = new Configuration();
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    env.configure(c);
    return env;
  }

  /** Passes records through; fails the job once when armed (after N records or on a checkpoint). */
  static final class InjectedFailure
      implements MapFunction<RawEvent, RawEvent>, CheckpointListener {
    private static final long serialVersionUID = 1L;

    @Override
    public RawEvent map(RawEvent e) {
      int left = FAIL_AFTER.get();
      if (left > 0 && FAIL_AFTER.decrementAndGet() == 0) {
        FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure while writing");
      }
      return e;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (FAIL_ON_CHECKPOINT.compareAndSet(true, false)) {
        FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure after checkpoint " + checkpointId);
      }
    }
  }
}
