package io.playstream.dashboard.live;

import static io.playstream.dashboard.Fixtures.alert;
import static io.playstream.dashboard.Fixtures.cdn;
import static io.playstream.dashboard.Fixtures.healthChanged;
import static io.playstream.dashboard.Fixtures.quality;
import static io.playstream.dashboard.Fixtures.session;
import static io.playstream.dashboard.Fixtures.sps;
import static io.playstream.dashboard.Fixtures.steering;
import static io.playstream.dashboard.Fixtures.title;
import static io.playstream.dashboard.Fixtures.trending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.playstream.dashboard.live.Rows.CountryRow;
import io.playstream.dashboard.live.Rows.Tables;
import io.playstream.events.AlertState;
import io.playstream.events.QualityDimension;
import io.playstream.events.SessionEndReason;
import io.playstream.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LiveStoreTest {
  private static final Instant W0 = Instant.parse("2026-01-01T20:00:00Z");
  private static final Instant W1 = W0.plusSeconds(10);
  private static final Instant W2 = W0.plusSeconds(20);
  private static final Clock CLOCK = Clock.fixed(W0.plusSeconds(60), ZoneOffset.UTC);

  private final LiveStore store = new LiveStore(1000, 15 * 60_000L, 3, CLOCK);
  private final List<PointUpdate> pushed = new ArrayList<>();

  {
    store.onPoint(pushed::add);
  }

  @Test
  void spsOfACountryIsTheSumOverDeviceTypesOfItsWindow() {
    store.accept(sps(W0, 10, "US", "tv", 80, 2));
    store.accept(sps(W0, 10, "US", "mobile", 40, 1));
    store.accept(sps(W0, 10, "BR", "tv", 50, 0));

    assertThat(last(Series.SPS_10S, "US")).isEqualTo(12.0);
    assertThat(last(Series.SPS_10S, "BR")).isEqualTo(5.0);
    assertThat(last(Series.SPS_10S, Series.TOTAL)).isEqualTo(17.0);
    assertThat(last(Series.FAILURE_RATE, "US")).isCloseTo(3.0 / 123, within(1e-12));
    assertThat(last(Series.FAILURE_RATE, Series.TOTAL)).isCloseTo(3.0 / 173, within(1e-12));
    // each change went out as a point with the window's value at that moment
    assertThat(pushed)
        .filteredOn(u -> u.s().equals(Series.SPS_10S) && u.k().equals("US"))
        .extracting(PointUpdate::v)
        .containsExactly(8.0, 12.0);
  }

  @Test
  void readingTheSameMetricAgainDoesNotCountItTwice() {
    store.accept(sps(W0, 10, "US", "tv", 80, 2));
    store.accept(sps(W0, 10, "US", "mobile", 40, 1));
    store.accept(sps(W0, 10, "US", "tv", 80, 2)); // a replay

    assertThat(last(Series.SPS_10S, "US")).isEqualTo(12.0);
    assertThat(last(Series.SPS_10S, Series.TOTAL)).isEqualTo(12.0);
    assertThat(store.series(Series.SPS_10S, "US")).hasSize(1);
  }

  @Test
  void oneSecondAndTenSecondWindowsAreSeparateSeriesAndTheTableShowsTenSeconds() {
    store.accept(sps(W0, 10, "US", "tv", 100, 0));
    store.accept(sps(W1, 1, "US", "tv", 7, 0));
    store.accept(sps(W1, 1, "FR", "tv", 3, 0));

    assertThat(last(Series.SPS_1S, "US")).isEqualTo(7.0);
    assertThat(last(Series.SPS_10S, "US")).isEqualTo(10.0);
    List<CountryRow> rows = store.tables().countries();
    assertThat(rows.get(0).country()).as("total first").isEqualTo(Series.TOTAL);
    assertThat(rows)
        .filteredOn(r -> r.country().equals("US"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.windowSeconds()).isEqualTo(10);
              assertThat(r.sps()).isEqualTo(10.0);
              assertThat(r.starts()).isEqualTo(100);
            });
    // FR has only 1 s windows: its row shows those
    assertThat(rows)
        .filteredOn(r -> r.country().equals("FR"))
        .singleElement()
        .satisfies(r -> assertThat(r.windowSeconds()).isEqualTo(1));
  }

  @Test
  void countriesAreSortedByLatestSpsAndShowTheNewestWindow() {
    store.accept(sps(W0, 10, "US", "tv", 120, 0));
    store.accept(sps(W0, 10, "BR", "tv", 200, 0));
    store.accept(sps(W1, 10, "US", "tv", 300, 0));

    List<CountryRow> rows = store.tables().countries();
    assertThat(rows).extracting(CountryRow::country).containsExactly("*", "US", "BR");
    assertThat(rows.get(1).windowStart()).isEqualTo(W1.toEpochMilli());
    assertThat(rows.get(1).sps()).isEqualTo(30.0);
  }

  @Test
  void qualityKeepsTheLatestRowPerServerAndIspAndTheWorstP99OfTheNewestWindow() {
    store.accept(quality(W0, QualityDimension.CDN_SERVER, "oca-1", 800, 9000, 0, 1000));
    store.accept(quality(W1, QualityDimension.CDN_SERVER, "oca-1", 700, 2000, 30, 10_000));
    store.accept(quality(W1, QualityDimension.CDN_SERVER, "oca-2", 900, 3100, 10, 10_000));
    store.accept(quality(W1, QualityDimension.ISP, "comcast", 650, 2500, 0, 0));
    // an older window arriving late does not replace the newer row
    store.accept(quality(W0, QualityDimension.CDN_SERVER, "oca-2", 1, 1, 0, 1000));

    Tables t = store.tables();
    assertThat(t.quality()).hasSize(3);
    assertThat(t.quality())
        .filteredOn(q -> q.dimensionValue().equals("oca-2"))
        .singleElement()
        .satisfies(q -> assertThat(q.p99Ms()).isEqualTo(3100L));
    assertThat(t.kpis().worstP99Ms())
        .as("oca-1's 9 s p99 was in an older window")
        .isEqualTo(3100.0);
    assertThat(t.kpis().worstP99Server()).isEqualTo("oca-2");
    // platform rebuffer ratio of the newest window: (30 + 10) / (10000 + 10000)
    assertThat(t.kpis().rebufferRatio()).isCloseTo(40.0 / 20_000, within(1e-12));
    assertThat(last(Series.REBUFFER_SERVER, Series.TOTAL)).isCloseTo(40.0 / 20_000, within(1e-12));
    assertThat(last(Series.LATENCY_P99_SERVER, "oca-1")).isEqualTo(2000.0);
    assertThat(last(Series.LATENCY_P99_ISP, "comcast")).isEqualTo(2500.0);
    assertThat(store.series(Series.REBUFFER_SERVER, "comcast"))
        .as("ISPs have no rebuffer")
        .isEmpty();
  }

  @Test
  void cdnRowsFollowHealthChangesNewerThanTheirWindow() {
    store.accept(cdn(W0, "oca-1", 0.42, true, 0.6));
    store.accept(cdn(W0, "oca-2", 0.97, true, 0.4));
    store.accept(healthChanged("oca-2", false, W1.plusSeconds(3)));
    store.accept(steering(W0, 200, 10));

    Tables t = store.tables();
    assertThat(t.cdn())
        .filteredOn(c -> c.serverId().equals("oca-2"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.healthy()).isFalse();
              assertThat(c.healthSince()).isEqualTo(W1.plusSeconds(3).toEpochMilli());
              assertThat(c.meanLoad()).isEqualTo(0.97);
            });
    assertThat(t.kpis().unhealthyServers()).isEqualTo(1);
    assertThat(t.kpis().servers()).isEqualTo(2);
    assertThat(t.healthChanges()).singleElement().satisfies(h -> assertThat(h.healthy()).isFalse());
    assertThat(t.steering().fallbackRate()).isEqualTo(0.05);
    assertThat(last(Series.LOAD, "oca-1")).isEqualTo(0.42);
    assertThat(last(Series.FALLBACK_RATE, Series.TOTAL)).isEqualTo(0.05);

    // the next window's last report says healthy again, after the flip: it wins
    store.accept(cdn(W2, "oca-2", 0.50, true, 0.5));
    assertThat(store.tables().cdn())
        .filteredOn(c -> c.serverId().equals("oca-2"))
        .singleElement()
        .satisfies(c -> assertThat(c.healthy()).isTrue());
  }

  @Test
  void alertsKeepTheirLatestStateAndResolvedIsFinal() {
    Instant opened = W0.minusSeconds(30);
    store.accept(alert("BR", AlertState.OPENED, opened, W0, 2.0, 10.0));
    assertThat(store.tables().kpis().openAlerts()).isEqualTo(1);

    store.accept(alert("BR", AlertState.RESOLVED, opened, W2, 9.0, 10.0));
    store.accept(alert("BR", AlertState.OPENED, opened, W0, 2.0, 10.0)); // read again, out of order

    assertThat(store.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo("RESOLVED");
              assertThat(a.alertId()).isEqualTo("BR@" + opened.toEpochMilli());
              assertThat(a.resolvedAt()).isEqualTo(W2.toEpochMilli());
            });
    assertThat(store.tables().kpis().openAlerts()).isZero();
  }

  @Test
  void sessionsAreCountedPerMinuteAndReasonWithTheMostPlayedTitles() {
    store.accept(title("t-1", "Heat (1995)"));
    store.accept(session("s-1", "t-1", SessionEndReason.STOPPED, W0, 800));
    store.accept(session("s-2", "t-1", SessionEndReason.ERROR, W0.plusSeconds(5), 1200));
    store.accept(session("s-3", "t-2", SessionEndReason.STOPPED, W0.plusSeconds(70), 1000));

    Rows.SessionsRow s = store.tables().sessions();
    assertThat(s.sessions()).isEqualTo(3);
    assertThat(s.byEndReason()).containsEntry("STOPPED", 2L).containsEntry("ERROR", 1L);
    assertThat(s.meanStartupLatencyMs()).isEqualTo(1000.0);
    assertThat(s.topTitles()).extracting(Rows.TitleRow::titleId).containsExactly("t-1", "t-2");
    assertThat(s.topTitles().get(0).name()).isEqualTo("Heat (1995)");
    assertThat(s.topTitles().get(0).value()).isEqualTo(2.0);
    assertThat(store.series(Series.SESSIONS, "STOPPED")).hasSize(2);
  }

  @Test
  void trendingListsComeFromTrendingRowsOnlyAndGetNamesEvenWhenTheyArriveLater() {
    store.accept(trending("US", W0, "t-9", "t-8", "t-7", "t-6"));
    assertThat(store.accept(io.playstream.schemas.SampleEvents.profileRecommendations()))
        .as("a profile's own list is not trending")
        .isFalse();
    store.accept(title("t-9", "Alien (1979)"));

    Rows.TrendingRow us = store.tables().trending().get(0);
    assertThat(us.country()).isEqualTo("US");
    assertThat(us.titles())
        .as("trending size 3")
        .extracting(Rows.TitleRow::titleId)
        .containsExactly("t-9", "t-8", "t-7");
    assertThat(us.titles().get(0).name()).isEqualTo("Alien (1979)");
    assertThat(us.titles().get(1).name()).isNull();
  }

  @Test
  void deadLettersAreCountedByReasonRouteAndSourceTopic() {
    store.deadLetter(dlq(DeadLetterHeaders.UNDECODABLE, null, "playstream.fronting.playback"), 1);
    store.deadLetter(dlq(DeadLetterHeaders.UNDECODABLE, null, "playstream.fronting.playback"), 2);
    store.deadLetter(
        dlq(DeadLetterHeaders.FILTER_ERROR, "metrics-playback", "playstream.fronting.cdn"), 5);
    store.deadLetter(new RecordHeaders(), 3);

    Rows.DeadLetterRow d = store.tables().deadLetters();
    assertThat(d.total()).isEqualTo(4);
    assertThat(d.byReason())
        .containsEntry("undecodable", 2L)
        .containsEntry("filter-error", 1L)
        .containsEntry("unknown", 1L);
    assertThat(d.byRoute()).containsExactly(java.util.Map.entry("metrics-playback", 1L));
    assertThat(d.bySourceTopic()).containsEntry("playstream.fronting.playback", 2L);
    assertThat(d.lastAt()).isEqualTo(5L);
    assertThat(store.tables().kpis().deadLetters()).isEqualTo(4);
  }

  @Test
  void seriesKeepOnlyTheLiveWindowBehindTheNewestPoint() {
    LiveStore small = new LiveStore(1000, 60_000L, 3, CLOCK);
    small.accept(sps(W0, 10, "US", "tv", 10, 0));
    small.accept(sps(W0.plusSeconds(90), 10, "US", "tv", 20, 0));
    assertThat(small.series(Series.SPS_10S, "US")).hasSize(1);
    assertThat(small.series(Series.SPS_10S, "US").get(0)[1]).isEqualTo(2.0);
  }

  @Test
  void tablesSerializeAsSnakeCaseJson() throws Exception {
    store.accept(sps(W0, 10, "US", "tv", 120, 3));
    ObjectMapper json =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    JsonNode t = json.readTree(json.writeValueAsString(store.tables()));
    assertThat(t.path("generated_at").asLong()).isEqualTo(CLOCK.millis());
    JsonNode us = t.path("countries").get(1);
    assertThat(us.path("country").asText()).isEqualTo("US");
    assertThat(us.path("window_start").asLong()).isEqualTo(W0.toEpochMilli());
    assertThat(us.path("play_failures").asLong()).isEqualTo(3);
    assertThat(t.path("kpis").path("sps").asDouble()).isEqualTo(12.0);
    JsonNode series = json.readTree(json.writeValueAsString(store.series()));
    assertThat(series.path("sps10").path("US").get(0).get(0).asLong()).isEqualTo(W0.toEpochMilli());
    assertThat(series.path("sps10").path("US").get(0).get(1).asDouble()).isEqualTo(12.0);
  }

  @Test
  void undecodableAndReadRecordsAreCountedPerTopic() {
    store.recordRead("playstream.metrics.sps", 10);
    store.recordRead("playstream.metrics.sps", 20);
    store.undecodable("playstream.metrics.sps");
    assertThat(store.recordsRead()).isEqualTo(2);
    assertThat(store.undecodableRecords()).isEqualTo(1);
    assertThat(store.tables().consumer().lastRecordAt()).isEqualTo(20L);
  }

  private double last(String name, String key) {
    List<double[]> points = store.series(name, key);
    assertThat(points).as(name + "/" + key).isNotEmpty();
    return points.get(points.size() - 1)[1];
  }

  private static RecordHeaders dlq(String reason, String route, String source) {
    RecordHeaders h = new RecordHeaders();
    h.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
    if (route != null) {
      h.add(DeadLetterHeaders.ROUTE, route.getBytes(StandardCharsets.UTF_8));
    }
    h.add(DeadLetterHeaders.SOURCE_TOPIC, source.getBytes(StandardCharsets.UTF_8));
    return h;
  }
}
