package io.playstream.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.schemas.EventType;
import io.playstream.simulator.Mode;
import io.playstream.simulator.SimulationReport;
import io.playstream.simulator.Simulator;
import io.playstream.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpModeTest {
  private static final byte[] SECRET =
      "test-secret-test-secret-test-secret-0123".getBytes(StandardCharsets.UTF_8);

  private StubServices stub;

  @BeforeEach
  void start() throws Exception {
    stub = new StubServices(SECRET);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private SimulatorOptions options() {
    return SimulatorOptions.defaults()
        .withMode(Mode.HTTP)
        .withServices(stub.url(), stub.url(), stub.url())
        .withAuthSecret(SECRET)
        .withProfiles(60)
        .withTimeCompression(300)
        .withRate(20)
        .withErrorRate(0.1)
        .withDuration(Duration.ofSeconds(2))
        .withProgressInterval(Duration.ZERO)
        .withDrainTimeout(Duration.ofSeconds(10));
  }

  @Test
  void drivesTheServicesByTheContractAndCountsWhatTheyEmit() throws Exception {
    SimulationReport report = Simulator.run(options());

    assertThat(stub.violations).isEmpty();
    assertThat(report.mode()).isEqualTo("http");
    assertThat(report.totalFailed()).isZero();
    assertThat(report.skippedActions()).isZero();
    assertThat(stub.emitted("PlaybackHeartbeat")).isPositive();
    assertThat(stub.emitted("CdnServerHealth")).isPositive();
    for (EventType type :
        new EventType[] {
          EventType.IMPRESSION,
          EventType.STEERING_DECISION,
          EventType.PLAYBACK_STARTED,
          EventType.PLAYBACK_HEARTBEAT,
          EventType.PLAYBACK_ERROR,
          EventType.PLAYBACK_STOPPED,
          EventType.RATING,
          EventType.CDN_SERVER_HEALTH
        }) {
      assertThat(report.expected(type))
          .as(type.simpleName())
          .isEqualTo(stub.emitted(type.simpleName()));
    }
    assertThat(report.steeringFallbacks()).isEqualTo(stub.fallbacks.get());
    int refused = stub.refused.containsKey(451) ? stub.refused.get(451).get() : 0;
    assertThat(report.rejected().getOrDefault("451", 0L)).isEqualTo(refused);
    // every session the service opened was stopped (or ended by a fatal error) at the end
    assertThat(stub.openSessions).isEmpty();
  }

  @Test
  void failedPlaysAreCountedAndTheirSessionsCallsSkipped() throws Exception {
    stub.failPlaysWith = 503;
    SimulationReport report = Simulator.run(options());

    assertThat(stub.violations).isEmpty();
    assertThat(report.failed()).containsOnlyKeys("503");
    assertThat(report.skippedActions()).isPositive();
    assertThat(report.expected(EventType.PLAYBACK_STARTED)).isZero();
    assertThat(report.expected(EventType.PLAYBACK_HEARTBEAT)).isZero();
    assertThat(report.expected(EventType.IMPRESSION)).isEqualTo(stub.emitted("Impression"));
    assertThat(report.expected(EventType.CDN_SERVER_HEALTH)).isPositive();
  }

  @Test
  void aWrongSecretStopsTheRunBeforeItStarts() {
    SimulatorOptions wrong =
        options()
            .withAuthSecret(
                "another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Simulator.run(wrong))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("401");
  }
}
