package io.playstream.jobs;

import static io.playstream.jobs.Fixtures.heartbeat;
import static io.playstream.jobs.Fixtures.sec;
import static io.playstream.jobs.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.QualityDimension;
import io.playstream.events.SpsMetric;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEventDeserializer;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.jobs.playback.PlaybackHealthJob;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The playback-health job with its real wiring (the main's Kafka sinks, exactly-once) in a
 * MiniCluster against a real broker: from the metrics-playback route topic to the metric topics,
 * read back with a {@code read_committed} consumer. RocksDB state backend, checkpoints every 500
 * ms.
 */
class PlaybackHealthIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String ROUTE = Topics.route("metrics-playback").name();

  @Test
  void routeTopicToMetricTopicsExactlyOnce() throws Exception {
    KAFKA.createCatalogTopics();
    try {
      KAFKA.adminClient().createTopics(List.of(new NewTopic(ROUTE, 4, (short) 1))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }

    // 6 s of event time: US/tv 20 starts/s, DE/web 5 starts/s, a heartbeat per US start
    List<SpecificRecord> events = new ArrayList<>();
    int starts = 0;
    for (int ms = 0; ms < 6_000; ms += 50) {
      events.add(
          started("us-" + ms, "US", "tv", "comcast", "oca-1", 500 + ms % 100, Fixtures.at(ms)));
      starts++;
      events.add(heartbeat("us-" + ms, "oca-1", 4000, 10_000, 0, 0, Fixtures.at(ms + 10)));
      if (ms % 200 == 0) {
        events.add(started("de-" + ms, "DE", "web", "telekom", "oca-2", 900, Fixtures.at(ms)));
        starts++;
      }
    }
    produce(events);

    FlinkJobOptions job = new FlinkJobOptions();
    job.bootstrapServers = KAFKA.bootstrapServers();
    job.checkpointInterval = Duration.ofMillis(500);
    job.stateBackend = "rocksdb";
    job.idleness = Duration.ofSeconds(1);
    MetricsJobsOptions metrics = new MetricsJobsOptions();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(JobEnvironment.configuration(job));
    JobEnvironment.configure(env, job);
    JobEnvironment.strictTypes(env);
    env.setParallelism(2);
    DataStream<RawEvent> raw =
        env.fromSource(
                PlatformSources.kafka(
                    job.bootstrapServers,
                    "playback-health-it-" + UUID.randomUUID(),
                    PlatformSources.StartingOffsets.EARLIEST,
                    List.of(ROUTE),
                    true),
                PlatformSources.eventTime(job),
                "route source")
            .uid("it-source");
    PlaybackHealthJob.Outputs out = PlaybackHealthJob.build(raw, metrics);
    PlaybackHealthMain.sinks(out, job, metrics);
    // what the job computed, independent of Kafka transactions (for the failure messages)
    var computed = out.sps1s().collectAsync();
    env.execute("playback-health IT");
    long computedStarts = 0;
    while (computed.hasNext()) {
      computedStarts += computed.next().getStarts();
    }
    computed.close();

    EventCodec codec = EventCodec.standard();
    List<ConsumerRecord<byte[], byte[]>> late = readCommitted(Topics.METRICS_LATE.name(), 0);
    List<SpsMetric> sps = new ArrayList<>();
    for (var r : readCommitted(Topics.METRICS_SPS.name(), 1)) {
      SpsMetric m = (SpsMetric) codec.decode(r.value());
      sps.add(m);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(m.getCountry());
      assertThat(header(r, RawEventDeserializer.EVENT_TYPE_HEADER))
          .isEqualTo(EventType.SPS_METRIC.simpleName());
    }
    // exactly once: every (window size, window, country, device) once, ids unique
    assertThat(sps.stream().map(Events::eventId).distinct().count()).isEqualTo(sps.size());
    long oneSecondStarts =
        sps.stream().filter(m -> m.getWindowSeconds() == 1).mapToLong(SpsMetric::getStarts).sum();
    long tenSecondStarts =
        sps.stream().filter(m -> m.getWindowSeconds() == 10).mapToLong(SpsMetric::getStarts).sum();
    // every start is counted once in the windows or lands in the late topic
    assertThat(oneSecondStarts + late.size() - heartbeatsIn(late))
        .as(
            "committed starts + late starts; the job computed %d starts in 1 s windows, %d SPS"
                + " records are in the topic uncommitted",
            computedStarts, readUncommittedCount(Topics.METRICS_SPS.name()))
        .isEqualTo(starts);
    assertThat(tenSecondStarts).isEqualTo(oneSecondStarts);
    if (late.isEmpty()) {
      SpsMetric usFirst =
          sps.stream()
              .filter(
                  m ->
                      m.getWindowSeconds() == 1
                          && m.getCountry().equals("US")
                          && m.getWindowStart().equals(sec(0)))
              .findFirst()
              .orElseThrow();
      assertThat(usFirst.getSps()).isEqualTo(20.0);
    }

    List<PlaybackQualityMetric> quality = new ArrayList<>();
    for (var r : readCommitted(Topics.METRICS_PLAYBACK_QUALITY.name(), 1)) {
      quality.add((PlaybackQualityMetric) codec.decode(r.value()));
    }
    assertThat(
            quality.stream()
                .filter(q -> q.getDimension() == QualityDimension.ISP)
                .mapToLong(PlaybackQualityMetric::getStarts)
                .sum())
        .isEqualTo(oneSecondStarts);
    PlaybackQualityMetric oca2 =
        quality.stream()
            .filter(q -> q.getDimensionValue().equals("oca-2"))
            .findFirst()
            .orElseThrow();
    assertThat(oca2.getStartupLatencyP50Ms())
        .isEqualTo(
            io.playstream.jobs.playback.LatencyHistograms.create().highestEquivalentValue(900));
  }

  private static int readUncommittedCount(String topic) {
    Map<String, Object> cc = new HashMap<>(KAFKA.clientConfig());
    cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    cc.put("key.deserializer", ByteArrayDeserializer.class.getName());
    cc.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cc)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return (int)
          c.endOffsets(parts, Duration.ofSeconds(30)).values().stream()
              .mapToLong(Long::longValue)
              .sum();
    }
  }

  private static long heartbeatsIn(List<ConsumerRecord<byte[], byte[]>> late) {
    return late.stream()
        .filter(r -> "PlaybackHeartbeat".equals(header(r, RawEventDeserializer.EVENT_TYPE_HEADER)))
        .count();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return DeadLetterHeaders.text(r.headers(), name);
  }

  private static void produce(List<SpecificRecord> events) throws Exception {
    EventCodec codec = EventCodec.standard();
    Map<String, Object> pc = new HashMap<>(KAFKA.clientConfig());
    pc.put("key.serializer", ByteArraySerializer.class.getName());
    pc.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(pc)) {
      for (SpecificRecord e : events) {
        RecordHeaders h = new RecordHeaders();
        h.add(
            RawEventDeserializer.EVENT_TYPE_HEADER,
            EventType.of(e).simpleName().getBytes(StandardCharsets.UTF_8));
        // Kafka timestamp = now: the fixtures' event times are months old, and a record timestamp
        // older than the topic's retention gets its segment deleted under the job's feet
        p.send(
            new ProducerRecord<>(
                ROUTE,
                null,
                null,
                Events.key(e).getBytes(StandardCharsets.UTF_8),
                codec.encode(e),
                h));
      }
      p.flush();
    }
  }

  /**
   * Everything committed in a topic: assigned partitions (no consumer group to join), read from the
   * beginning up to the end offsets a read_committed consumer sees (the last stable offsets).
   */
  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
    Map<String, Object> cc = new HashMap<>(KAFKA.clientConfig());
    cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    cc.put("key.deserializer", ByteArrayDeserializer.class.getName());
    cc.put("value.deserializer", ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cc)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline
          && (out.size() < atLeast
              || parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)))) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
