package io.playstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.router.Route;
import io.playstream.router.RoutesClient;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class RouterBenchTest {

  @Test
  void benchRoutesAreTenValidRoutesWithFiltersAndProjections() {
    List<Route> routes = RouterBench.routes();

    assertThat(RoutesClient.validate(routes)).isEmpty();
    assertThat(routes).hasSize(10).allMatch(r -> r.filter() != null);
    assertThat(routes.stream().filter(r -> !r.projection().isEmpty())).hasSizeGreaterThan(1);
  }

  @Test
  void pipeCopiesEveryFrontingRecordUnchangedToThePipeTopic() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pipe-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    try (TopologyTestDriver driver = new TopologyTestDriver(RouterBench.pipeTopology(), props)) {
      TestOutputTopic<byte[], byte[]> out =
          driver.createOutputTopic(
              Topics.route(RouterBench.PIPE).name(),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      for (var spec : Topics.fronting()) {
        TestInputTopic<byte[], byte[]> in =
            driver.createInputTopic(
                spec.name(), new ByteArraySerializer(), new ByteArraySerializer());
        in.pipeInput(bytes("k-" + spec.name()), bytes("v-" + spec.name()));
      }

      List<TestRecord<byte[], byte[]>> records = out.readRecordsToList();

      assertThat(records)
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactlyElementsOf(
              Topics.fronting().stream().map(spec -> "v-" + spec.name()).toList());
      assertThat(records)
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .containsExactlyElementsOf(
              Topics.fronting().stream().map(spec -> "k-" + spec.name()).toList());
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
