package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.SteeringDecision;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSinks;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink job on a MiniCluster against the real broker: every table written from its topic,
 * exactly the events sent, catalog upserts and removals merged, undecodable records dead-lettered.
 */
class IcebergSinkIT {
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

  @BeforeAll
  static void openCatalog() throws Exception {
    catalog = new TestCatalog(dir);
    KAFKA.createCatalogTopics();
  }

  @AfterAll
  static void closeCatalog() throws Exception {
    catalog.close();
  }

  @Test
  void everyTableGetsExactlyTheEventsSentToItsTopic() throws Exception {
    String raw = TestTopics.create(KAFKA, "it-iceberg-raw", 2);
    String sessions = TestTopics.create(KAFKA, "it-sessions", 2);
    String titles = TestTopics.create(KAFKA, "it-catalog", 2);
    Instant base = Instant.parse("2026-03-01T10:00:00Z");

    List<SpecificRecord> playback = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      EventType t = TableDefinitions.PLAYBACK_EVENT_TYPES.get(i % 4);
      SpecificRecord e = SampleEvents.of(t);
      // two hours of events: two hourly partitions per type
      Events.header(e).setEventTime(base.plusSeconds(36L * i));
      playback.add(e);
    }
    List<SpecificRecord> steering = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      SteeringDecision s = SampleEvents.steering();
      s.setCountry(i % 2 == 0 ? "US" : "DE");
      steering.add(s);
    }
    List<SpecificRecord> rawTopic = new ArrayList<>(playback);
    rawTopic.addAll(steering);
    // a type no table takes is skipped, not dead-lettered
    rawTopic.add(SampleEvents.cdnHealth());
    TestTopics.produce(KAFKA, raw, rawTopic);
    TestTopics.produceBytes(KAFKA, raw, "poison".getBytes(), "not an event".getBytes());

    List<SpecificRecord> summaries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      PlaybackSessionSummary s = SampleEvents.sessionSummary();
      s.setSessionId("s-" + i);
      summaries.add(s);
    }
    TestTopics.produce(KAFKA, sessions, summaries);

    List<SpecificRecord> catalogEvents = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TitleUpserted u = SampleEvents.titleUpserted();
      u.setTitleId("t-" + i);
      u.setName("Title " + i);
      catalogEvents.add(u);
    }
    TitleUpserted renamed = SampleEvents.titleUpserted();
    renamed.setTitleId("t-5");
    renamed.setName("Title 5, director's cut");
    catalogEvents.add(renamed);
    TitleRemoved removed = SampleEvents.titleRemoved();
    removed.setTitleId("t-3");
    catalogEvents.add(removed);
    TitleRemoved unknown = SampleEvents.titleRemoved();
    unknown.setTitleId("t-never-seen");
    catalogEvents.add(unknown);
    TestTopics.produce(KAFKA, titles, catalogEvents);

    StreamExecutionEnvironment env = environment();
    DataStream<RawEvent> events =
        env.fromSource(
                PlatformSources.kafka(
                    KAFKA.bootstrapServers(),
                    "it-" + UUID.randomUUID(),
                    PlatformSources.StartingOffsets.EARLIEST,
                    List.of(raw, sessions, titles),
                    true),
                WatermarkStrategy.noWatermarks(),
                "topics")
            .uid("source");
    String component = "sink-iceberg-it-" + UUID.randomUUID().toString().substring(0, 6);
    IcebergSinkJob.Pipeline p =
        IcebergSinkJob.build(
            events,
            catalog.loader,
            new IcebergSinkJob.Settings(
                org.apache.iceberg.catalog.Namespace.of("it_all"),
                TableDefinitions.all(TableDefinitions.defaultWriteProperties()),
                0,
                component));
    p.deadLetters()
        .sinkTo(PlatformSinks.deadLetters(KAFKA.bootstrapServers(), component + "-dlq"))
        .uid("dlq");
    env.execute("iceberg sink IT");

    // playback_events: exactly the 200 events, typed and partitioned
    List<Record> rows = rows("it_all", TableDefinitions.PLAYBACK_EVENTS);
    assertThat(rows).hasSize(200);
    assertThat(ids(rows)).isEqualTo(ids(playback));
    Map<Object, Long> perType =
        rows.stream()
            .collect(Collectors.groupingBy(r -> r.getField("event_type"), Collectors.counting()));
    assertThat(perType)
        .containsEntry("PlaybackStarted", 50L)
        .containsEntry("PlaybackHeartbeat", 50L)
        .containsEntry("PlaybackStopped", 50L)
        .containsEntry("PlaybackError", 50L);
    Record first =
        rows.stream()
            .filter(r -> r.getField("event_id").equals(Events.eventId(playback.get(0))))
            .findFirst()
            .orElseThrow();
    assertThat(first.getField("event_time")).isEqualTo(OffsetDateTime.parse("2026-03-01T10:00Z"));
    assertThat(first.getField("startup_latency_ms")).isEqualTo(850);
    Table eventsTable =
        catalog.catalog.loadTable(
            org.apache.iceberg.catalog.TableIdentifier.of(
                "it_all", TableDefinitions.PLAYBACK_EVENTS));
    Set<String> partitions = new HashSet<>();
    eventsTable.newScan().planFiles().forEach(f -> partitions.add(f.file().partition().toString()));
    assertThat(partitions).as("2 hours x 4 event types").hasSize(8);
    Snapshot snap = eventsTable.currentSnapshot();
    assertThat(snap.summary()).containsKey("flink.max-committed-checkpoint-id");

    // steering_decisions with their candidates
    List<Record> decisions = rows("it_all", TableDefinitions.STEERING_DECISIONS);
    assertThat(ids(decisions)).isEqualTo(ids(steering));
    assertThat((List<?>) decisions.get(0).getField("candidates")).hasSize(2);

    // playback_sessions
    assertThat(ids(rows("it_all", TableDefinitions.PLAYBACK_SESSIONS))).isEqualTo(ids(summaries));

    // catalog_titles: one row per title, the rename applied, the removal keeps the attributes
    List<Record> titleRows = rows("it_all", TableDefinitions.CATALOG_TITLES);
    Map<Object, Record> byTitle =
        titleRows.stream().collect(Collectors.toMap(r -> r.getField("title_id"), r -> r));
    assertThat(titleRows).hasSize(11);
    assertThat(byTitle.get("t-5").getField("name")).isEqualTo("Title 5, director's cut");
    assertThat(byTitle.get("t-5").getField("removed")).isEqualTo(false);
    Record t3 = byTitle.get("t-3");
    assertThat(t3.getField("removed")).isEqualTo(true);
    assertThat(t3.getField("name")).isEqualTo("Title 3");
    assertThat(t3.getField("removal_reason")).isEqualTo("license expired");
    assertThat(t3.getField("removed_at")).isNotNull();
    assertThat(t3.getField("event_id")).isEqualTo(removed.getHeader().getEventId());
    Record ghost = byTitle.get("t-never-seen");
    assertThat(ghost.getField("removed")).isEqualTo(true);
    assertThat(ghost.getField("name")).isNull();

    // the poison record is a dead letter with its origin; the CDN health event was skipped
    var dlq =
        TestTopics.readCommitted(KAFKA, Topics.DLQ.name(), 1).stream()
            .filter(
                r ->
                    component.equals(
                        DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.INSTANCE)))
            .toList();
    assertThat(dlq).hasSize(1);
    assertThat(new String(dlq.get(0).value())).isEqualTo("not an event");
    assertThat(DeadLetterHeaders.text(dlq.get(0).headers(), DeadLetterHeaders.REASON))
        .isEqualTo(DeadLetterHeaders.UNDECODABLE);
    assertThat(DeadLetterHeaders.text(dlq.get(0).headers(), DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(raw);
  }

  static StreamExecutionEnvironment environment() {
    FlinkJobOptions o = new FlinkJobOptions();
    o.checkpointInterval = Duration.ofMillis(500);
    o.stateBackend = "hashmap";
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironment.configure(env, o);
    IcebergSinkJob.requireUids(env);
    IcebergSinkJob.reuseObjects(env);
    env.setParallelism(2);
    return env;
  }

  private static List<Record> rows(String namespace, String table) {
    return TestCatalog.rows(
        catalog.catalog.loadTable(org.apache.iceberg.catalog.TableIdentifier.of(namespace, table)));
  }

  static Set<String> ids(List<?> items) {
    Set<String> out = new HashSet<>();
    for (Object o : items) {
      out.add(
          o instanceof Record r
              ? (String) r.getField("event_id")
              : Events.eventId((SpecificRecord) o));
    }
    return out;
  }
}
