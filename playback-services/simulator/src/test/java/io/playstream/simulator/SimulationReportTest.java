package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.schemas.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationReportTest {
  private static SimulationReport sample() {
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("PlaybackStarted", 10L);
    expected.put("PlaybackHeartbeat", 250L);
    return new SimulationReport(
        "http",
        42,
        expected,
        Map.of("451", 2L),
        Map.of("ConnectException", 1L),
        60.5,
        1815,
        300,
        1,
        303,
        14,
        0,
        12,
        0);
  }

  @Test
  void jsonHasTheAgreedShape() throws Exception {
    JsonNode json = new ObjectMapper().readTree(sample().toJson());
    assertThat(json.path("mode").asText()).isEqualTo("http");
    assertThat(json.path("expected_events").path("PlaybackStarted").asLong()).isEqualTo(10);
    assertThat(json.path("expected_events").path("PlaybackHeartbeat").asLong()).isEqualTo(250);
    assertThat(json.path("rejected").path("451").asLong()).isEqualTo(2);
    assertThat(json.path("failed").path("ConnectException").asLong()).isEqualTo(1);
    assertThat(json.path("duration_s").asDouble()).isEqualTo(60.5);
    assertThat(json.path("simulated_s").asDouble()).isEqualTo(1815);
  }

  @Test
  void jsonReadsBackAndTheTableNamesEveryCount(@TempDir Path dir) throws Exception {
    SimulationReport report = sample();
    Path file = dir.resolve("out/report.json");
    report.writeJson(file);
    assertThat(SimulationReport.fromJson(Files.readString(file))).isEqualTo(report);
    assertThat(report.expected(EventType.PLAYBACK_STARTED)).isEqualTo(10);
    assertThat(report.expected(EventType.RATING)).isZero();
    assertThat(report.totalExpected()).isEqualTo(260);
    assertThat(report.toTable())
        .contains("PlaybackHeartbeat", "250", "451", "ConnectException", "total", "260");
  }
}
