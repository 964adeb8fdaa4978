package io.playstream.router;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.Events;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A router topology in a TopologyTestDriver, with helpers to pipe events and routes. */
final class RouterHarness implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-01-01T20:00:05Z");
  static final HashKey KEY = HashKey.of("0123456789abcdef0123456789abcdef".getBytes());

  final RouterMetrics metrics = RouterMetrics.inMemory();
  final RouteRegistry registry;
  final TopologyTestDriver driver;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final TestInputTopic<String, String> routes;
  private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();

  RouterHarness() {
    this(RouterConfig.DEFAULT_MAX_RECORD_BYTES);
  }

  RouterHarness(int maxRecordBytes) {
    RouterConfig config =
        RouterConfig.of("test-1", KEY)
            .withMaxRecordBytes(maxRecordBytes)
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    registry = new RouteRegistry(config.routeCompiler(), config.clock());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "router-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(RouterTopology.build(config, metrics, registry), props);
    for (TopicSpec t : Topics.fronting()) {
      inputs.put(
          t.name(),
          driver.createInputTopic(t.name(), new ByteArraySerializer(), new ByteArraySerializer()));
    }
    routes =
        driver.createInputTopic(
            Topics.ROUTES.name(), new StringSerializer(), new StringSerializer());
  }

  /** Pipes an event to its fronting topic, keyed as the catalog says. */
  void send(SpecificRecord event) {
    send(event, new RecordHeaders());
  }

  void send(SpecificRecord event, Headers headers) {
    TopicSpec topic = io.playstream.schemas.EventType.of(event).topic();
    sendRaw(
        topic.name(), Events.key(event).getBytes(), EventCodec.standard().encode(event), headers);
  }

  void sendRaw(String topic, byte[] key, byte[] value, Headers headers) {
    inputs.get(topic).pipeInput(new TestRecord<>(key, value, headers, NOW));
  }

  void apply(Route... rs) {
    for (Route r : rs) {
      routes.pipeInput(r.name(), RouteYaml.toYaml(r));
    }
  }

  void applyText(String name, String text) {
    routes.pipeInput(name, text);
  }

  void delete(String name) {
    routes.pipeInput(name, (String) null);
  }

  /** Every record written to a topic since the last read. */
  List<TestRecord<byte[], byte[]>> read(String topic) {
    return outputs
        .computeIfAbsent(
            topic,
            t ->
                driver.createOutputTopic(
                    t, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
        .readRecordsToList();
  }

  /** Every event written to a route's default destination since the last read, decoded. */
  List<SpecificRecord> events(String route) {
    return read(Topics.route(route).name()).stream()
        .map(r -> EventCodec.standard().decode(r.value()))
        .toList();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return read(Topics.DLQ.name());
  }

  static String header(TestRecord<byte[], byte[]> r, String key) {
    return DeadLetterHeaders.text(r.headers(), key);
  }

  @Override
  public void close() {
    driver.close();
  }
}
