package io.playstream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackStarted;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real broker: raw source → demux → exactly-once event sink and dead-letter sink. */
class PlatformKafkaIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void eventsAndDeadLettersArriveExactlyOnceWithTheirOrigin() throws Exception {
    String in = "flink-common-it-in-" + UUID.randomUUID();
    TopicSpec out = Topics.route("flink-common-it-" + UUID.randomUUID().toString().substring(0, 8));
    KAFKA.createCatalogTopics();
    KAFKA
        .adminClient()
        .createTopics(
            List.of(new NewTopic(in, 2, (short) 1), new NewTopic(out.name(), 2, (short) 1)))
        .all()
        .get();

    EventCodec codec = EventCodec.standard();
    Set<String> sentIds = new HashSet<>();
    Map<String, Object> pc = new HashMap<>(KAFKA.clientConfig());
    pc.put("key.serializer", ByteArraySerializer.class.getName());
    pc.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(pc)) {
      for (int i = 0; i < 200; i++) {
        PlaybackStarted e = SampleEvents.started();
        e.getHeader().setEventId(UUID.randomUUID().toString());
        sentIds.add(e.getHeader().getEventId());
        p.send(new ProducerRecord<>(in, i % 2, null, codec.encode(e)));
      }
      p.send(new ProducerRecord<>(in, 0, "k".getBytes(), "not avro".getBytes()));
      p.flush();
    }

    FlinkJobOptions o = new FlinkJobOptions();
    o.bootstrapServers = KAFKA.bootstrapServers();
    o.checkpointInterval = Duration.ofMillis(300);
    o.stateBackend = "hashmap";
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironment.configure(env, o);
    env.setParallelism(1);
    var raw =
        env.fromSource(
            PlatformSources.kafka(
                o.bootstrapServers,
                "flink-common-it",
                PlatformSources.StartingOffsets.EARLIEST,
                List.of(in),
                true),
            WatermarkStrategy.noWatermarks(),
            "route source");
    Demuxed d = EventDemux.split(raw, "flink-common-it", PlaybackStarted.class);
    d.of(PlaybackStarted.class)
        .sinkTo(PlatformSinks.events(o.bootstrapServers, out, "fc-it-events-" + UUID.randomUUID()))
        .name("events");
    d.deadLetters()
        .sinkTo(PlatformSinks.deadLetters(o.bootstrapServers, "fc-it-dlq-" + UUID.randomUUID()))
        .name("dead letters");
    env.execute("flink-common IT");

    List<ConsumerRecord<byte[], byte[]>> events = readCommitted(out.name(), 200);
    Set<String> got = new HashSet<>();
    for (var r : events) {
      got.add(Events.eventId(codec.decode(r.value())));
      assertThat(DeadLetterHeaders.text(r.headers(), RawEventDeserializer.EVENT_TYPE_HEADER))
          .isEqualTo("PlaybackStarted");
    }
    assertThat(events).hasSize(200);
    assertThat(got).isEqualTo(sentIds);

    List<ConsumerRecord<byte[], byte[]>> dlq =
        readCommitted(Topics.DLQ.name(), 1).stream()
            .filter(
                r -> in.equals(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)))
            .toList();
    assertThat(dlq).hasSize(1);
    assertThat(new String(dlq.get(0).value())).isEqualTo("not avro");
    assertThat(DeadLetterHeaders.text(dlq.get(0).headers(), DeadLetterHeaders.REASON))
        .isEqualTo(DeadLetterHeaders.UNDECODABLE);
    assertThat(DeadLetterHeaders.text(dlq.get(0).headers(), DeadLetterHeaders.INSTANCE))
        .isEqualTo("flink-common-it");
  }

  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
    Map<String, Object> cc = new HashMap<>(KAFKA.clientConfig());
    cc.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cc.put("key.deserializer", ByteArrayDeserializer.class.getName());
    cc.put("value.deserializer", ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cc)) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (out.size() < atLeast || emptyPolls < 3)) {
        var records = c.poll(Duration.ofMillis(500));
        emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
        records.forEach(out::add);
      }
    }
    return out;
  }
}
