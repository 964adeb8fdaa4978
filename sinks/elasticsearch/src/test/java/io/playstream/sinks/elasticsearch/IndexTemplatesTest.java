package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTemplateIsValidJsonWithItsPatternsOneShardNoReplicaAndExplicitMappings()
      throws Exception {
    for (IndexTemplates.Template t : IndexTemplates.ALL) {
      JsonNode body = JSON.readTree(t.json());
      List<String> patterns = new ArrayList<>();
      body.get("index_patterns").forEach(p -> patterns.add(p.asText()));

      assertThat(patterns).as(t.name()).isEqualTo(t.patterns());
      assertThat(body.at("/template/settings/number_of_replicas").asInt()).isZero();
      assertThat(body.at("/template/settings/number_of_shards").asInt()).isEqualTo(1);
      assertThat(body.at("/template/mappings/properties").size()).isGreaterThan(5);
      assertThat(body.get("priority").asInt()).isPositive();
    }
  }

  @Test
  void metricsHaveKeywordDimensionsDateWindowsNumericValuesAndTheDashboardAlias() throws Exception {
    JsonNode m = JSON.readTree(IndexTemplates.METRICS.json()).at("/template/mappings/properties");

    for (String keyword : List.of("metric", "country", "device_type", "server_id", "region")) {
      assertThat(m.at("/" + keyword + "/type").asText()).as(keyword).isEqualTo("keyword");
    }
    assertThat(m.at("/window_start/type").asText()).isEqualTo("date");
    assertThat(m.at("/window_end/type").asText()).isEqualTo("date");
    assertThat(m.at("/starts/type").asText()).isEqualTo("long");
    assertThat(m.at("/sps/type").asText()).isEqualTo("double");
    assertThat(
            JSON.readTree(IndexTemplates.METRICS.json())
                .at("/template/aliases")
                .has("playstream-metrics"))
        .isTrue();
    assertThat(
            JSON.readTree(IndexTemplates.ALERTS.json())
                .at("/template/aliases")
                .has("playstream-alerts"))
        .isTrue();
  }

  @Test
  void titlesAreStrict() throws Exception {
    JsonNode t = JSON.readTree(IndexTemplates.TITLES.json());

    assertThat(t.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
    assertThat(t.at("/template/mappings/properties/title_id/type").asText()).isEqualTo("keyword");
    assertThat(t.at("/template/mappings/properties/release_year/type").asText())
        .isEqualTo("integer");
  }
}
