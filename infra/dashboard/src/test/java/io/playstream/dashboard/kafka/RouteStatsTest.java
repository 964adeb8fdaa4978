package io.playstream.dashboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.dashboard.kafka.RouteStats.KafkaSnapshot;
import io.playstream.dashboard.kafka.RouteStats.RouterSnapshot;
import io.playstream.dashboard.kafka.RoutesView.GroupLag;
import io.playstream.dashboard.kafka.RoutesView.RouteRow;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RouteStatsTest {
  private static final long T0 = 1_767_297_600_000L;
  private static final String METRICS = "playstream.route.metrics-playback";
  private static final String RECS = "playstream.route.recs-activity";
  private static final String PLAYBACK = "playstream.fronting.playback";
  private static final String DLQ = "playstream.dlq";

  @Test
  void ratesAreGrowthPerSecondAndUnknownForNewOrShrunkTopics() {
    Map<String, Double> rates =
        RouteStats.rates(
            Map.of(METRICS, 100L, RECS, 500L),
            T0,
            Map.of(METRICS, 160L, RECS, 10L, DLQ, 4L),
            T0 + 2000);
    assertThat(rates.get(METRICS)).isCloseTo(30.0, within(1e-9));
    assertThat(rates).doesNotContainKeys(RECS, DLQ);
  }

  @Test
  void assemblesRoutesWithConsumerLagRouterCountersAndTheRoutersInputLag() throws Exception {
    Map<TopicPartition, Long> ends =
        Map.of(
            new TopicPartition(METRICS, 0), 60L,
            new TopicPartition(METRICS, 1), 40L,
            new TopicPartition(RECS, 0), 7L,
            new TopicPartition(PLAYBACK, 0), 500L,
            new TopicPartition(PLAYBACK, 1), 300L,
            new TopicPartition(DLQ, 0), 5L);
    KafkaSnapshot kafka =
        new KafkaSnapshot(
            Map.of(METRICS, 100L, RECS, 7L, PLAYBACK, 800L, DLQ, 5L),
            ends,
            Map.of(
                "playback-health",
                Map.of(new TopicPartition(METRICS, 0), 50L, new TopicPartition(METRICS, 1), 20L),
                "playstream-router",
                Map.of(
                    new TopicPartition(PLAYBACK, 0), 490L, new TopicPartition(PLAYBACK, 1), 300L)));
    RouterSnapshot router =
        RouteStats.parseRouterStatus(
            "http://127.0.0.1:8093/v1/routes/status",
            new ObjectMapper()
                .readTree(
                    "{\"instance\":\"router-1\",\"state\":\"RUNNING\",\"routes\":["
                        + "{\"name\":\"metrics-playback\",\"status\":\"active\",\"in\":120,\"out\":100,"
                        + "\"filtered\":18,\"sampled_out\":0,\"dead_lettered\":2,\"lag_p99_ms\":35.5,\"error\":null},"
                        + "{\"name\":\"catalog\",\"status\":\"disabled\",\"in\":0,\"out\":0,\"filtered\":0,"
                        + "\"sampled_out\":0,\"dead_lettered\":0,\"lag_p99_ms\":null,\"error\":null}],"
                        + "\"dead_letters\":{\"undecodable\":3,\"filter-error\":2}}"));

    RoutesView v =
        RouteStats.assemble(T0, kafka, Map.of(METRICS, 12.5), router, "playstream-router");

    assertThat(v.kafkaReachable()).isTrue();
    assertThat(v.routes())
        .extracting(RouteRow::name)
        .containsExactly("catalog", "metrics-playback", "recs-activity");
    RouteRow metrics = v.routes().get(1);
    assertThat(metrics.endOffset()).isEqualTo(100);
    assertThat(metrics.ratePerSecond()).isEqualTo(12.5);
    assertThat(metrics.consumers())
        .containsExactly(new GroupLag("playback-health", METRICS, 30, 2));
    assertThat(metrics.router().in()).isEqualTo(120);
    assertThat(metrics.router().deadLettered()).isEqualTo(2);
    assertThat(metrics.router().lagP99Ms()).isEqualTo(35.5);
    RouteRow catalog = v.routes().get(0);
    assertThat(catalog.endOffset()).as("known to the router, no topic yet").isZero();
    assertThat(catalog.router().status()).isEqualTo("disabled");
    assertThat(catalog.router().lagP99Ms()).isNull();
    assertThat(v.routes().get(2).router()).as("topic without router status").isNull();
    assertThat(v.fronting()).extracting(RoutesView.TopicRow::topic).containsExactly(PLAYBACK);
    assertThat(v.deadLetterTopic().endOffset()).isEqualTo(5);
    assertThat(v.routerLag()).isEqualTo(new GroupLag("playstream-router", null, 10, 2));
    assertThat(v.router().reachable()).isTrue();
    assertThat(v.router().state()).isEqualTo("RUNNING");
    assertThat(v.router().deadLetters())
        .containsExactly(
            new RoutesView.ReasonCount("undecodable", 3),
            new RoutesView.ReasonCount("filter-error", 2));
  }

  @Test
  void withoutCommittedOffsetsThereIsNoLagAndNoRouterLag() {
    KafkaSnapshot kafka =
        new KafkaSnapshot(
            Map.of(METRICS, 3L), Map.of(new TopicPartition(METRICS, 0), 3L), Map.of());
    RoutesView v =
        RouteStats.assemble(
            T0,
            kafka,
            Map.of(),
            new RouterSnapshot(
                new RoutesView.RouterInfo(false, "u", null, null, "connection refused", List.of()),
                Map.of()),
            "playstream-router");
    assertThat(v.routes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.consumers()).isEmpty();
              assertThat(r.ratePerSecond()).isNull();
            });
    assertThat(v.routerLag()).isNull();
    assertThat(v.router().error()).isEqualTo("connection refused");
  }
}
