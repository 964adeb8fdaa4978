package io.playstream.dashboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.dashboard.history.HistoryQuery.BadRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {
  private static final Instant NOW = Instant.parse("2026-01-01T20:00:00Z");
  private static final Duration MAX_RANGE = Duration.ofDays(31);

  private static HistoryQuery parse(String... kv) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      params.put(kv[i], kv[i + 1]);
    }
    return HistoryQuery.parse(params, NOW, MAX_RANGE, 300);
  }

  @Test
  void defaultsToTheLastHourAndTheMetricsFirstGrouping() {
    HistoryQuery q = parse("metric", "sps");
    assertThat(q.metric()).isEqualTo(HistoryMetric.SPS);
    assertThat(q.grouping().name()).isEqualTo("country");
    assertThat(q.grouping().field()).isEqualTo("country");
    assertThat(q.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(q.to()).isEqualTo(NOW);
    assertThat(q.interval())
        .as("3600 s / 300 points → 30 s buckets")
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(q.esInterval()).isEqualTo("30s");
  }

  @Test
  void readsIsoTimesWithZoneEpochMillisAndRelativeTimes() {
    HistoryQuery q = parse("metric", "sps", "from", "2026-01-01T18:00:00+01:00", "to", "now-15m");
    assertThat(q.from()).isEqualTo(Instant.parse("2026-01-01T17:00:00Z"));
    assertThat(q.to()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
    HistoryQuery e =
        parse("metric", "cdn-load", "from", String.valueOf(NOW.minusSeconds(600).toEpochMilli()));
    assertThat(e.from()).isEqualTo(NOW.minusSeconds(600));
    assertThat(e.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(parse("metric", "sps", "from", "now-7d").interval()).isEqualTo(Duration.ofHours(1));
    assertThat(parse("metric", "sps", "from", "now-30d").esInterval()).isEqualTo("3h");
  }

  @Test
  void aGroupingPicksTheFieldAndTheDimensionFilter() {
    HistoryQuery q = parse("metric", "startup-latency-p99", "by", "isp");
    assertThat(q.grouping().field()).isEqualTo("dimension_value");
    assertThat(q.grouping().dimension()).isEqualTo("ISP");
    assertThat(parse("metric", "failure-rate").grouping().total()).isTrue();
  }

  @Test
  void badInputIsRefusedWithAMessageSayingWhatWouldBeAccepted() {
    assertThatThrownBy(() -> parse())
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("'metric' is required")
        .hasMessageContaining("sps");
    assertThatThrownBy(() -> parse("metric", "bogus"))
        .hasMessageContaining("unknown metric 'bogus'")
        .hasMessageContaining("startup-latency-p99");
    assertThatThrownBy(() -> parse("metric", "cdn-load", "by", "country"))
        .hasMessageContaining("cannot be grouped by 'country'")
        .hasMessageContaining("[server]");
    assertThatThrownBy(() -> parse("metric", "sps", "from", "now", "to", "now-1h"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("bad time range")
        .hasMessageContaining("must be before");
    assertThatThrownBy(() -> parse("metric", "sps", "from", "now-40d"))
        .hasMessageContaining("40d is longer than the longest allowed range of 31d");
    assertThatThrownBy(() -> parse("metric", "sps", "from", "yesterday"))
        .hasMessageContaining("cannot read 'from' = 'yesterday'")
        .hasMessageContaining("now-15m");
    assertThatThrownBy(() -> parse("metric", "sps", "to", "2026-01-01T10:00:00"))
        .as("a time without zone is ambiguous")
        .hasMessageContaining("cannot read 'to'");
  }

  @Test
  void intervalIsTheSmallestThatFitsMaxPoints() {
    assertThat(HistoryQuery.interval(Duration.ofMinutes(15), 300))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(HistoryQuery.interval(Duration.ofHours(6), 300)).isEqualTo(Duration.ofMinutes(5));
    assertThat(HistoryQuery.interval(Duration.ofDays(400), 300)).isEqualTo(Duration.ofDays(1));
  }
}
