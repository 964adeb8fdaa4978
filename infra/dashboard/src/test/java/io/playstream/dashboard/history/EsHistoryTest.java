package io.playstream.dashboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EsHistoryTest {
  private static final Instant NOW = Instant.parse("2026-01-01T20:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HistoryQuery query(String metric, String by) {
    return HistoryQuery.parse(
        by == null ? Map.of("metric", metric) : Map.of("metric", metric, "by", by),
        NOW,
        Duration.ofDays(31),
        300);
  }

  @Test
  void spsSearchFiltersTenSecondWindowsAndSumsStartsPerCountryAndBucket() {
    JsonNode body = EsHistory.request(query("sps", null));
    assertThat(body.path("size").asInt()).isZero();
    JsonNode filter = body.path("query").path("bool").path("filter");
    assertThat(filter.toString())
        .contains("{\"term\":{\"metric\":\"sps\"}}")
        .contains("{\"term\":{\"window_seconds\":10}}")
        .contains("\"gte\":" + NOW.minusSeconds(3600).toEpochMilli())
        .contains("\"lt\":" + NOW.toEpochMilli());
    JsonNode histogram = body.path("aggs").path("t");
    assertThat(histogram.path("date_histogram").path("field").asText()).isEqualTo("event_time");
    assertThat(histogram.path("date_histogram").path("fixed_interval").asText()).isEqualTo("30s");
    JsonNode terms = histogram.path("aggs").path("g");
    assertThat(terms.path("terms").path("field").asText()).isEqualTo("country");
    assertThat(terms.path("aggs").path("a").path("sum").path("field").asText()).isEqualTo("starts");
  }

  @Test
  void latencyByIspFiltersTheDimensionAndTakesTheWorstWindow() {
    JsonNode body = EsHistory.request(query("startup-latency-p99", "isp"));
    assertThat(body.path("query").toString()).contains("{\"term\":{\"dimension\":\"ISP\"}}");
    JsonNode value = body.path("aggs").path("t").path("aggs").path("g").path("aggs").path("a");
    assertThat(value.path("max").path("field").asText()).isEqualTo("startup_latency_p99_ms");
  }

  @Test
  void aTotalHasNoTermsSplit() {
    JsonNode body = EsHistory.request(query("fallback-rate", null));
    JsonNode aggs = body.path("aggs").path("t").path("aggs");
    assertThat(aggs.has("g")).isFalse();
    assertThat(aggs.path("a").path("sum").path("field").asText()).isEqualTo("fallback_decisions");
    assertThat(aggs.path("b").path("sum").path("field").asText()).isEqualTo("decisions");
  }

  @Test
  void spsOfABucketIsItsStartsOverItsSeconds() throws Exception {
    long t0 = NOW.minusSeconds(60).toEpochMilli();
    JsonNode answer =
        JSON.readTree(
            "{\"hits\":{\"total\":{\"value\":12,\"relation\":\"eq\"}},\"aggregations\":{\"t\":{\"buckets\":["
                + "{\"key\":"
                + t0
                + ",\"doc_count\":6,\"g\":{\"buckets\":["
                + "{\"key\":\"US\",\"doc_count\":3,\"a\":{\"value\":360.0}},"
                + "{\"key\":\"BR\",\"doc_count\":3,\"a\":{\"value\":150.0}}]}},"
                + "{\"key\":"
                + (t0 + 30_000)
                + ",\"doc_count\":3,\"g\":{\"buckets\":["
                + "{\"key\":\"US\",\"doc_count\":3,\"a\":{\"value\":300.0}}]}}]}}}");
    EsHistory.Result r = EsHistory.parse(query("sps", null), answer);
    assertThat(r.documents()).isEqualTo(12);
    assertThat(r.intervalMs()).isEqualTo(30_000);
    assertThat(r.unit()).isEqualTo("starts/s");
    assertThat(r.series()).extracting(EsHistory.Line::key).containsExactly("BR", "US");
    EsHistory.Line us = r.series().get(1);
    assertThat(us.points()).hasSize(2);
    assertThat(us.points().get(0)).containsExactly(t0, 12.0);
    assertThat(us.points().get(1)).containsExactly(t0 + 30_000, 10.0);
    assertThat(r.series().get(0).points().get(0)[1]).isEqualTo(5.0);
  }

  @Test
  void ratiosAreSumsOverSumsAndUndefinedWithoutADenominator() throws Exception {
    JsonNode bucket = JSON.readTree("{\"doc_count\":2,\"a\":{\"value\":3},\"b\":{\"value\":120}}");
    assertThat(EsHistory.value(HistoryMetric.Formula.FAILURE_RATE, bucket, 30))
        .isEqualTo(3.0 / 123);
    assertThat(EsHistory.value(HistoryMetric.Formula.RATIO, bucket, 30)).isEqualTo(3.0 / 120);
    JsonNode empty = JSON.readTree("{\"doc_count\":2,\"a\":{\"value\":0},\"b\":{\"value\":0}}");
    assertThat(EsHistory.value(HistoryMetric.Formula.RATIO, empty, 30)).isNull();
    assertThat(EsHistory.value(HistoryMetric.Formula.FAILURE_RATE, empty, 30)).isNull();
    JsonNode nothing = JSON.readTree("{\"doc_count\":1,\"a\":{\"value\":null}}");
    assertThat(EsHistory.value(HistoryMetric.Formula.MAX, nothing, 30)).isNull();
    assertThat(EsHistory.value(HistoryMetric.Formula.PER_MINUTE_COUNT, bucket, 120)).isEqualTo(1.0);
  }

  @Test
  void everyMetricBuildsARequestWithOneValuePerFormulaOperand() {
    for (HistoryMetric m : HistoryMetric.values()) {
      for (String by : m.groupings().keySet()) {
        JsonNode body = EsHistory.request(query(m.id(), by));
        assertThat(body.path("query").toString())
            .contains("\"metric\":\"" + m.documentMetric() + "\"");
        assertThat(body.toString()).contains("\"fixed_interval\"");
        for (String field : m.fields()) {
          assertThat(body.toString())
              .as(m.id() + " by " + by)
              .contains("\"field\":\"" + field + "\"");
        }
      }
    }
  }
}
