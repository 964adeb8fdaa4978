package io.playstream.sinks.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.EventCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The viewing-history job reading a real Kafka topic into a real Cassandra node, broken mid-stream
 * — a failure inside the job (Flink restarts it from the last checkpoint) and a cancelled job
 * started again (it resumes from the offsets committed on checkpoints). Both replay records that
 * were already written; afterwards the tables hold exactly one row per distinct event sent.
 */
class ViewingHistoryRecoveryIT {
  @RegisterExtension
  static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final EventCodec CODEC = EventCodec.standard();
  private static CqlSession session;

  private String keyspace;
  private String topic;
  private String prefix;

  @BeforeAll
  static void connect() {
    session = TestCassandra.session(CASSANDRA);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @BeforeEach
  void freshKeyspaceAndTopic() throws Exception {
    keyspace = TestCassandra.freshKeyspace(session, "recovery_it");
    prefix = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    topic = "history-it-" + prefix;
    TestKafka.createTopic(KAFKA, topic, 2);
    FaultInjector.reset();
  }

  @Test
  void aFailureMidStreamIsRecoveredFromTheLastCheckpointWithoutLossOrDuplicates() throws Exception {
    List<SpecificRecord> first = batch(0, 400, 100);
    List<SpecificRecord> second = batch(400, 600, 150);
    send(first);
    JobClient job = start("recovery-it-fail-" + prefix);
    try {
      awaitRows(first.size());
      Awaitility.await().atMost(BOUND).until(() -> FaultInjector.CHECKPOINTS.get() >= 1);

      FaultInjector.armAfter(200); // throw once, 200 records into the second batch
      send(second);

      awaitRows(first.size() + second.size());
      assertThat(FaultInjector.FAILED).isTrue();
      // the records between the last checkpoint and the failure were read (and written) twice
      assertThat(FaultInjector.SEEN.get()).isGreaterThan(first.size() + second.size());
      assertThat(rowKeys()).isEqualTo(keys(first, second));
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void aCancelledJobStartedAgainResumesFromCommittedOffsetsWithoutLossOrDuplicates()
      throws Exception {
    List<SpecificRecord> first = batch(0, 300, 100);
    List<SpecificRecord> second = batch(300, 900, 200);
    String group = "recovery-it-cancel-" + prefix;
    send(first);
    JobClient a = start(group);
    awaitRows(first.size());
    // kill the job mid-stream: hold it 200 records into the second batch (on a fast machine it
    // would otherwise write the whole batch before the cancel lands), wait until some of those
    // are written, then cancel it while it holds
    FaultInjector.holdAfter(200);
    send(second);
    Awaitility.await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> rowCount() > first.size() + 50);
    a.cancel().get();
    FaultInjector.release();
    long writtenByA = rowCount();
    long seenByA = FaultInjector.SEEN.get();
    assertThat(writtenByA).isLessThan(first.size() + second.size());

    JobClient b = start(group);
    try {
      awaitRows(first.size() + second.size());
    } finally {
      b.cancel().get();
    }

    long seenByB = FaultInjector.SEEN.get() - seenByA;
    // B started from the committed offsets: at or before where A stopped writing
    assertThat(seenByB).isGreaterThanOrEqualTo(first.size() + second.size() - writtenByA);
    assertThat(rowKeys()).isEqualTo(keys(first, second));
  }

  private JobClient start(String group) throws Exception {
    FlinkJobOptions o = new FlinkJobOptions();
    o.bootstrapServers = KAFKA.bootstrapServers();
    o.checkpointInterval = Duration.ofMillis(300);
    o.stateBackend = "hashmap";
    o.parallelism = 1;
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.configuration(o));
    JobEnvironment.configure(env, o);
    DataStream<RawEvent> raw =
        env.fromSource(
                PlatformSources.kafka(
                    o.bootstrapServers,
                    group,
                    PlatformSources.StartingOffsets.COMMITTED,
                    List.of(topic)),
                WatermarkStrategy.noWatermarks(),
                "history topic")
            .uid("source");
    CassandraSinkOptions options = TestCassandra.options(CASSANDRA, keyspace);
    options.dlqBootstrapServers = KAFKA.bootstrapServers();
    ViewingHistoryJob.build(
        raw.map(new FaultInjector()).name("fault injector").uid("fault-injector"),
        ViewingHistoryJob.sink(options, Clock.systemUTC()));
    return env.executeAsync(group);
  }

  private List<SpecificRecord> batch(int from, int stops, int ratings) {
    List<SpecificRecord> out = new ArrayList<>();
    out.addAll(HistoryEvents.stops(prefix, from, stops, NOW));
    out.addAll(HistoryEvents.ratings(prefix, from, ratings, NOW));
    return out;
  }

  private void send(List<SpecificRecord> events) {
    TestKafka.send(KAFKA, topic, events);
  }

  private long rowCount() {
    return TestCassandra.count(session, keyspace, "viewing_history_by_profile")
        + TestCassandra.count(session, keyspace, "ratings_by_profile");
  }

  private void awaitRows(long expected) {
    Awaitility.await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(rowCount()).isEqualTo(expected));
  }

  /** Primary keys of every row in the two tables. */
  private Set<String> rowKeys() {
    Set<String> out = new HashSet<>();
    session
        .execute("SELECT profile_id, session_id FROM " + keyspace + ".viewing_history_by_profile")
        .forEach(r -> out.add("v " + r.getString(0) + " " + r.getString(1)));
    session
        .execute("SELECT profile_id, title_id FROM " + keyspace + ".ratings_by_profile")
        .forEach(r -> out.add("r " + r.getString(0) + " " + r.getString(1)));
    return out;
  }

  @SafeVarargs
  private static Set<String> keys(List<SpecificRecord>... batches) {
    Set<String> out = new HashSet<>();
    for (List<SpecificRecord> b : batches) {
      for (SpecificRecord e : b) {
        if (e instanceof io.playstream.events.PlaybackStopped s) {
          out.add("v " + s.getProfileId() + " " + s.getSessionId());
        } else if (e instanceof io.playstream.events.Rating r) {
          out.add("r " + r.getProfileId() + " " + r.getTitleId());
        }
      }
    }
    return out;
  }

  /** Counts records and checkpoints; throws once when armed. Static: the MiniCluster is local. */
  static final class FaultInjector implements MapFunction<RawEvent, RawEvent>, CheckpointListener {
    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicLong CHECKPOINTS = new AtomicLong();
    static final AtomicLong FAIL_AT = new AtomicLong(Long.MAX_VALUE);
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong HOLD_AT = new AtomicLong(Long.MAX_VALUE);

    static void reset() {
      SEEN.set(0);
      CHECKPOINTS.set(0);
      FAIL_AT.set(Long.MAX_VALUE);
      FAILED.set(false);
      HOLD_AT.set(Long.MAX_VALUE);
    }

    /** Blocks the job's records from {@code records} after the ones seen so far, until released. */
    static void holdAfter(long records) {
      HOLD_AT.set(SEEN.get() + records);
    }

    static void release() {
      HOLD_AT.set(Long.MAX_VALUE);
    }

    static void armAfter(long records) {
      FAIL_AT.set(SEEN.get() + records);
    }

    @Override
    public RawEvent map(RawEvent e) {
      long n = SEEN.incrementAndGet();
      while (n >= HOLD_AT.get()) { // held: a cancel interrupts the task thread
        try {
          Thread.sleep(10);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("cancelled while held at record " + n, ie);
        }
      }
      if (n >= FAIL_AT.get() && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after record " + n);
      }
      return e;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTS.incrementAndGet();
    }
  }
}
