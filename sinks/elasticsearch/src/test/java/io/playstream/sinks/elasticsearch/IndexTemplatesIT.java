package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.testing.LocalElasticsearchExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Templates, aliases and retention on a real Elasticsearch node. */
class IndexTemplatesIT {
  @RegisterExtension
  static final LocalElasticsearchExtension ES = LocalElasticsearchExtension.shared();

  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

  private static EsClient client;

  @BeforeAll
  static void setUp() {
    client = EsClient.open(ES.url());
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  @Test
  void templatesApplyIdempotentlyAndShapeNewMetricIndices() {
    assertThat(IndexTemplates.apply(client.rest()))
        .containsExactly("playstream-metrics", "playstream-alerts", "playstream-titles");
    IndexTemplates.apply(client.rest());
    String index = "playstream-metrics-tmplit-2026.01.01";
    EsTestSupport.call(client, "DELETE", "/" + index + "?ignore_unavailable=true", null);

    var put =
        EsTestSupport.call(
            client,
            "PUT",
            "/" + index + "/_doc/sps:US:tv:1?refresh=true",
            "{\"metric\":\"sps\",\"window_start\":\"2026-01-01T20:00:00Z\",\"country\":\"US\","
                + "\"starts\":12,\"sps\":1.2,\"cdn_pop\":\"fra-1\",\"extra_count\":3}");

    assertThat(put.status()).isEqualTo(201);
    String mapping = EsTestSupport.call(client, "GET", "/" + index + "/_mapping", null).body();
    assertThat(mapping)
        .contains("\"window_start\":{\"type\":\"date\"")
        .contains("\"country\":{\"type\":\"keyword\"}")
        .contains("\"starts\":{\"type\":\"long\"}")
        // fields the template does not list: strings become keywords, numbers doubles
        .contains("\"cdn_pop\":{\"type\":\"keyword\"")
        .contains("\"extra_count\":{\"type\":\"double\"}");
    assertThat(EsTestSupport.call(client, "GET", "/" + index + "/_settings", null).body())
        .contains("\"number_of_replicas\":\"0\"");
    assertThat(EsTestSupport.call(client, "GET", "/_alias/playstream-metrics", null).body())
        .contains(index);
    assertThat(
            EsTestSupport.call(client, "GET", "/playstream-metrics/_search?q=country:US", null)
                .body())
        .contains("sps:US:tv:1");
    assertThat(EsTestSupport.call(client, "GET", "/_cluster/health/" + index, null).body())
        .contains("\"status\":\"green\"");
  }

  @Test
  void titlesRejectFieldsTheMappingDoesNotList() {
    IndexTemplates.apply(client.rest());

    var put =
        EsTestSupport.call(
            client,
            "PUT",
            "/playstream-titles/_doc/t-x",
            "{\"title_id\":\"t-x\",\"name\":\"X\",\"rating_stars\":5}");

    assertThat(put.status()).isEqualTo(400);
    assertThat(put.body()).contains("strict_dynamic_mapping_exception");
  }

  @Test
  void retentionDeletesOnlyDailyIndicesPastTheRetention() {
    IndexTemplates.apply(client.rest());
    List<String> old =
        List.of("playstream-metrics-retit-2025.12.01", "playstream-alerts-2025.12.01");
    List<String> recent =
        List.of("playstream-metrics-retit-2026.01.09", "playstream-alerts-2026.01.09");
    for (String index : concat(old, recent)) {
      EsTestSupport.call(client, "PUT", "/" + index + "/_doc/1?refresh=true", "{\"metric\":\"x\"}");
    }
    EsTestSupport.call(
        client, "PUT", "/playstream-titles/_doc/keep?refresh=true", "{\"title_id\":\"k\"}");
    IndexRetention retention =
        new IndexRetention(
            client.sync(),
            List.of("playstream-metrics-retit", "playstream-alerts"),
            Duration.ofDays(7),
            Clock.fixed(NOW, ZoneOffset.UTC));

    List<String> deleted = retention.runOnce();

    assertThat(deleted).containsExactlyInAnyOrderElementsOf(old);
    for (String index : old) {
      assertThat(EsTestSupport.call(client, "HEAD", "/" + index, null).status()).isEqualTo(404);
    }
    for (String index : concat(recent, List.of("playstream-titles"))) {
      assertThat(EsTestSupport.call(client, "HEAD", "/" + index, null).status()).isEqualTo(200);
    }
    assertThat(retention.runOnce()).isEmpty();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
