package io.playstream.sinks.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink in a Flink MiniCluster against a real Cassandra node (and a real Kafka broker for dead
 * letters): every row written, the same input twice leaves the same rows, rejected and timed-out
 * writes in {@code playstream.dlq} with their reason.
 */
class CassandraSinkIT {
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

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static CqlSession session;
  private static String keyspace;

  @BeforeAll
  static void setUp() throws Exception {
    session = TestCassandra.session(CASSANDRA);
    keyspace = TestCassandra.freshKeyspace(session, "sink_it");
    KAFKA.createCatalogTopics();
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  private static List<RawEvent> raw(String topic, List<? extends SpecificRecord> events) {
    List<RawEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      out.add(RawEvents.of(events.get(i), topic, i % 2, i));
    }
    return out;
  }

  private static void run(List<RawEvent> input, CassandraSinkOptions options, int parallelism)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    ViewingHistoryJob.build(
        env.fromData(TypeInformation.of(RawEvent.class), input.toArray(new RawEvent[0])),
        ViewingHistoryJob.sink(options, Clock.systemUTC()));
    env.execute("cassandra-sink-it");
  }

  /** Every row of the history tables whose profile starts with {@code prefix}, with write times. */
  private static Map<String, String> snapshot(String prefix) {
    Map<String, String> rows = new TreeMap<>();
    for (Row r :
        session.execute(
            "SELECT profile_id, watched_at, session_id, title_id, watched_seconds, position_ms,"
                + " completed, stop_reason, event_id, writetime(title_id) FROM "
                + keyspace
                + ".viewing_history_by_profile")) {
      if (r.getString(0).startsWith(prefix)) {
        rows.put("v " + r.getString(0) + " " + r.getInstant(1) + " " + r.getString(2), values(r));
      }
    }
    for (Row r :
        session.execute(
            "SELECT profile_id, title_id, thumb, rated_at, country, event_id, writetime(thumb) FROM "
                + keyspace
                + ".ratings_by_profile")) {
      if (r.getString(0).startsWith(prefix)) {
        rows.put("r " + r.getString(0) + " " + r.getString(1), values(r));
      }
    }
    for (Row r :
        session.execute(
            "SELECT profile_id, started_at, session_id, watch_seconds, mean_bitrate_kbps,"
                + " cdn_server_id, end_reason, event_id, writetime(title_id) FROM "
                + keyspace
                + ".session_summaries_by_profile")) {
      if (r.getString(0).startsWith(prefix)) {
        rows.put("s " + r.getString(0) + " " + r.getInstant(1) + " " + r.getString(2), values(r));
      }
    }
    return rows;
  }

  private static String values(Row r) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < r.getColumnDefinitions().size(); i++) {
      v.add(String.valueOf(r.getObject(i)));
    }
    return String.join("|", v);
  }

  @Test
  void writesEveryRowAndTheSameInputAgainChangesNothing() throws Exception {
    String prefix = "idem-" + UUID.randomUUID().toString().substring(0, 8);
    List<SpecificRecord> events = HistoryEvents.mixed(prefix, 400, 120, 60, NOW);
    events.add(SampleEvents.started()); // not a history event: skipped
    List<RawEvent> input = raw("playstream.route.cassandra-history", events);
    CassandraSinkOptions options = TestCassandra.options(CASSANDRA, keyspace);

    run(input, options, 2);
    Map<String, String> first = snapshot(prefix);
    List<RawEvent> shuffled = new ArrayList<>(input);
    Collections.shuffle(shuffled, new Random(7));
    run(shuffled, options, 2);
    Map<String, String> second = snapshot(prefix);

    assertThat(first.keySet().stream().filter(k -> k.startsWith("v ")).count()).isEqualTo(400);
    assertThat(first.keySet().stream().filter(k -> k.startsWith("r ")).count()).isEqualTo(120);
    assertThat(first.keySet().stream().filter(k -> k.startsWith("s ")).count()).isEqualTo(60);
    assertThat(second).isEqualTo(first);
    Row newest =
        session
            .execute(
                "SELECT session_id, watched_at, completed, ttl(title_id), writetime(title_id) FROM "
                    + keyspace
                    + ".viewing_history_by_profile WHERE profile_id = ? LIMIT 1",
                prefix + "-p0")
            .one();
    assertThat(newest.getString(0)).isEqualTo(prefix + "-s0");
    assertThat(newest.getInstant(1)).isEqualTo(NOW);
    assertThat(newest.getBoolean(2)).isTrue();
    assertThat(newest.getInt(3))
        .isBetween((int) Duration.ofDays(179).toSeconds(), (int) Duration.ofDays(180).toSeconds());
    assertThat(newest.getLong(4)).isEqualTo(NOW.toEpochMilli() * 1000);
  }

  @Test
  void rejectedRecordsGoToTheDeadLetterTopicWithReasonAndOrigin() throws Exception {
    String prefix = "rej-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = "sink-it-" + prefix;
    List<SpecificRecord> good = new ArrayList<>(HistoryEvents.stops(prefix, 0, 20, NOW));
    var emptyKey = HistoryEvents.stops(prefix, 100, 1, NOW).get(0);
    emptyKey.setProfileId(""); // Cassandra refuses an empty partition key
    good.add(5, emptyKey);
    List<RawEvent> input = raw(topic, good);
    input.add(RawEvents.bytes("not avro".getBytes(StandardCharsets.UTF_8), topic, 1, 900, 1L));
    CassandraSinkOptions options = TestCassandra.options(CASSANDRA, keyspace);
    options.dlqBootstrapServers = KAFKA.bootstrapServers();

    run(input, options, 1);

    List<ConsumerRecord<byte[], byte[]>> dlq = deadLetters(topic, 2);
    Map<String, ConsumerRecord<byte[], byte[]>> byReason = new HashMap<>();
    dlq.forEach(r -> byReason.put(header(r, DeadLetterHeaders.REASON), r));
    assertThat(byReason)
        .containsOnlyKeys(DeadLetterHeaders.SINK_REJECTED, DeadLetterHeaders.UNDECODABLE);
    ConsumerRecord<byte[], byte[]> rejected = byReason.get(DeadLetterHeaders.SINK_REJECTED);
    assertThat(rejected.value()).isEqualTo(input.get(5).value);
    assertThat(header(rejected, DeadLetterHeaders.DETAIL)).startsWith("InvalidQueryException");
    assertThat(header(rejected, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("1");
    assertThat(header(rejected, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("5");
    assertThat(header(rejected, DeadLetterHeaders.INSTANCE)).isEqualTo(ViewingHistoryJob.NAME);
    assertThat(header(rejected, "ps.event-type")).isEqualTo("PlaybackStopped");
    ConsumerRecord<byte[], byte[]> undecodable = byReason.get(DeadLetterHeaders.UNDECODABLE);
    assertThat(new String(undecodable.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
    assertThat(header(undecodable, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("900");
    assertThat(snapshot(prefix)).hasSize(20);
  }

  @Test
  void aWriteThatKeepsTimingOutIsDeadLetteredAsWriteFailed() throws Exception {
    String prefix = "tmo-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = "sink-it-" + prefix;
    List<RawEvent> input = raw(topic, HistoryEvents.stops(prefix, 0, 3, NOW));
    CassandraSinkOptions options = TestCassandra.options(CASSANDRA, keyspace);
    options.dlqBootstrapServers = KAFKA.bootstrapServers();
    options.requestTimeout = Duration.ofMillis(500);
    options.maxRetries = 2;
    PauseNode.PID = CASSANDRA.nodePid();
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      // the writer has opened its session and prepared its statements by the time records flow:
      // the first record freezes the node (SIGSTOP), so every attempt times out
      ViewingHistoryJob.build(
          env.fromData(TypeInformation.of(RawEvent.class), input.toArray(new RawEvent[0]))
              .map(new PauseNode())
              .name("pause node"),
          ViewingHistoryJob.sink(options, Clock.systemUTC()));
      env.execute("cassandra-sink-timeout-it");
    } finally {
      signal("CONT", CASSANDRA.nodePid());
    }

    List<ConsumerRecord<byte[], byte[]>> dlq = deadLetters(topic, 3);
    assertThat(dlq).hasSize(3);
    for (var r : dlq) {
      assertThat(header(r, DeadLetterHeaders.REASON))
          .isEqualTo(DeadLetterHeaders.SINK_WRITE_FAILED);
      assertThat(header(r, DeadLetterHeaders.DETAIL))
          .startsWith("DriverTimeoutException")
          .endsWith("(after 3 attempts)");
    }
    assertThat(dlq)
        .extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET))
        .containsExactlyInAnyOrder("0", "1", "2");
  }

  /** Freezes the Cassandra node at the first record. */
  static final class PauseNode implements MapFunction<RawEvent, RawEvent> {
    static volatile long PID;
    private transient boolean paused;

    @Override
    public RawEvent map(RawEvent e) throws Exception {
      if (!paused) {
        signal("STOP", PID);
        paused = true;
      }
      return e;
    }
  }

  static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    return TestKafka.header(r, key);
  }

  private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic, int expected) {
    return TestKafka.deadLetters(KAFKA, topic, expected);
  }
}
