package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
  private static final Map<String, Map<String, Long>> ROUTES =
      Map.of(
          "iceberg-raw", Map.of("in", 12041L, "out", 12041L),
          "cassandra-history", Map.of("in", 337L, "out", 337L));

  /** The figures of a fresh-clone demo run (stores empty before it). */
  private static DownstreamAudit.Result after() {
    return new DownstreamAudit.Result(
        List.of(),
        Map.of(
            "playstream.sessions", 105L,
            "playstream.metrics.sps", 456L,
            "playstream.metrics.playback-quality", 282L,
            "playstream.metrics.cdn", 144L),
        Map.of(
            "playstream-metrics-sps-2026.11.22", 456L,
            "playstream-metrics-playback-quality-2026.11.22", 282L,
            "playstream-metrics-cdn-2026.11.22", 135L,
            "playstream-metrics-steering-2026.11.22", 9L,
            "playstream-metrics-sessions-2026.11.22", 105L,
            "playstream-titles", 9742L),
        Map.of(
            "viewing_history_by_profile", 305L,
            "ratings_by_profile", 32L,
            "session_summaries_by_profile", 105L),
        Map.of("playback_events", 11736L, "steering_decisions", 305L, "playback_sessions", 105L),
        List.of());
  }

  @Test
  void aRunWhereEverythingArrivedOnceHasOnlyPassingChecks() {
    List<Reconciliation.Check> checks = Reconciliation.checks(ROUTES, null, after());
    assertThat(checks).hasSize(8).allMatch(Reconciliation.Check::ok);
    assertThat(checks.get(0).expected()).isEqualTo(12041);
  }

  @Test
  void countsOfEarlierRunsAreSubtractedAndAMissingRowFails() {
    DownstreamAudit.Result before =
        new DownstreamAudit.Result(
            List.of(),
            Map.of("playstream.sessions", 5L),
            Map.of("playstream-metrics-sessions-2026.11.21", 5L),
            Map.of("session_summaries_by_profile", 5L),
            Map.of("playback_sessions", 6L), // one more than the topic: lost or extra elsewhere
            List.of());
    List<Reconciliation.Check> checks = Reconciliation.checks(ROUTES, before, after());
    assertThat(checks)
        .filteredOn(c -> !c.ok())
        .extracting(Reconciliation.Check::name)
        .containsExactly("playstream.sessions -> Iceberg playback_sessions");
    assertThat(checks)
        .filteredOn(c -> c.name().contains("Elasticsearch playstream-metrics-sessions"))
        .singleElement()
        .satisfies(c -> assertThat(c.expected()).isEqualTo(100).isEqualTo(c.actual()));
  }

  @Test
  void dailyIndicesAddUpPerFamily() {
    assertThat(
            Reconciliation.byPrefix(
                Map.of(
                    "playstream-metrics-sps-2026.11.21", 3L,
                    "playstream-metrics-sps-2026.11.22", 4L,
                    "playstream-titles", 9L)))
        .containsEntry("playstream-metrics-sps", 7L)
        .containsEntry("playstream-titles", 9L);
  }
}
