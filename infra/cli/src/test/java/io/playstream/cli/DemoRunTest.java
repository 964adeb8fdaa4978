package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.simulator.SimulationReport;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoRunTest {
  private static SimulationReport sim(Map<String, Long> expected) {
    return sim(expected, 0);
  }

  private static SimulationReport sim(Map<String, Long> expected, long steeringFallbacks) {
    try {
      return SimulationReport.fromJson(
          "{\"mode\":\"http\",\"rejected\":{},\"failed\":{},\"steering_fallbacks\":"
              + steeringFallbacks
              + ",\"expected_events\":"
              + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(expected)
              + "}");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TopicAudit.Result read(Map<String, Long> byType, Map<String, Long> dups) {
    return new TopicAudit.Result(
        byType.values().stream().mapToLong(Long::longValue).sum(),
        byType,
        Map.of(),
        dups,
        Set.of());
  }

  @Test
  void allThreeViewsAgreeIsOk() {
    Map<String, Long> counts = Map.of("PlaybackStarted", 5L, "Rating", 2L);
    DemoRun.Report r =
        DemoRun.compare(
            10,
            sim(counts),
            new ServiceStats.Totals(counts, Map.of()),
            read(counts, Map.of()),
            true);
    assertThat(r.ok()).isTrue();
    assertThat(r.byType().get("PlaybackStarted").readBack()).isEqualTo(5);
    assertThat(r.byType().get("TitleUpserted").expected()).as("not simulator-driven").isNull();
  }

  @Test
  void lossDuplicatesAndMismatchesAreProblems() {
    DemoRun.Report r =
        DemoRun.compare(
            10,
            sim(Map.of("PlaybackStarted", 5L)),
            new ServiceStats.Totals(Map.of("PlaybackStarted", 4L), Map.of("PlaybackStarted", 1L)),
            read(Map.of("PlaybackStarted", 3L), Map.of("PlaybackStarted", 1L)),
            true);
    assertThat(r.ok()).isFalse();
    assertThat(r.problems())
        .anySatisfy(p -> assertThat(p).contains("1 sends failed"))
        .anySatisfy(p -> assertThat(p).contains("emitted 4 but 3 were read back"))
        .anySatisfy(p -> assertThat(p).contains("1 duplicate"));
  }

  @Test
  void simulatorMismatchIgnoredWhenAnotherSimulatorRuns() {
    Map<String, Long> services = Map.of("Rating", 9L);
    DemoRun.Report r =
        DemoRun.compare(
            10,
            sim(Map.of("Rating", 2L)),
            new ServiceStats.Totals(services, Map.of()),
            read(services, Map.of()),
            false);
    assertThat(r.ok()).isTrue();
  }

  @Test
  void extraSteeringDecisionsAreAllowedUpToTheFallbacks() {
    Map<String, Long> emitted = Map.of("SteeringDecision", 12L);
    DemoRun.Report within =
        DemoRun.compare(
            10,
            sim(Map.of("SteeringDecision", 10L), 2),
            new ServiceStats.Totals(emitted, Map.of()),
            read(emitted, Map.of()),
            true);
    assertThat(within.ok()).isTrue();
    DemoRun.Report beyond =
        DemoRun.compare(
            10,
            sim(Map.of("SteeringDecision", 10L), 1),
            new ServiceStats.Totals(emitted, Map.of()),
            read(emitted, Map.of()),
            true);
    assertThat(beyond.ok()).isFalse();
  }
}
