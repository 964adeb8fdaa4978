package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.playstream.simulator.model.CdnCut;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

class SimulatorOptionsTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

  @Test
  void defaultsAreTheDocumentedOnes() {
    SimulatorOptions o = SimulatorOptions.defaults();
    assertThat(o.mode()).isEqualTo(Mode.HTTP);
    assertThat(o.playbackUrl()).isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(o.catalogUrl()).isEqualTo(URI.create("http://127.0.0.1:8091"));
    assertThat(o.steeringUrl()).isEqualTo(URI.create("http://127.0.0.1:8092"));
    assertThat(o.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(o.profiles()).isEqualTo(200);
    assertThat(o.rate()).isEqualTo(2.0);
    assertThat(o.timeCompression()).isEqualTo(30.0);
    assertThat(o.duration()).isEqualTo(Duration.ZERO);
    assertThat(o.seed()).isEqualTo(42);
    assertThat(o.startTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(o.zipfExponent()).isEqualTo(1.0);
    assertThat(o.errorRate()).isEqualTo(0.01);
    assertThat(o.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.cdnReportInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.progressInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.maxInFlight()).isEqualTo(64);
    assertThat(o.cuts()).isEmpty();
    assertThat(o.stopSessionsAtEnd()).isTrue();
    assertThat(o.createTopics()).isTrue();
    assertThat(o.reportJson()).isNull();
    assertThat(o.groundTruth()).isNull();
  }

  @Test
  void parsesEveryKindOfOption() {
    SimulatorOptions o =
        SimulatorOptions.parse(
            Map.of(),
            "--mode=kafka",
            "--profiles",
            "50",
            "--rate",
            "4.5",
            "--time-compression",
            "60",
            "--duration",
            "5m",
            "--seed",
            "7",
            "--start-time",
            "2026-03-01T12:00:00Z",
            "--cut-cdn",
            "us-east@60s+120s",
            "--cut-cdn",
            "eu-west@10m+1m,sa-east@0+30s",
            "--stop-sessions-at-end",
            "false",
            "--report-json",
            "out/report.json",
            "--playback-url",
            "http://127.0.0.1:18090");
    assertThat(o.mode()).isEqualTo(Mode.KAFKA);
    assertThat(o.profiles()).isEqualTo(50);
    assertThat(o.rate()).isEqualTo(4.5);
    assertThat(o.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.startTime()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    assertThat(o.cuts())
        .containsExactly(
            CdnCut.parse("us-east@60s+120s"),
            CdnCut.parse("eu-west@10m+1m"),
            new CdnCut("sa-east", Duration.ZERO, Duration.ofSeconds(30)));
    assertThat(o.stopSessionsAtEnd()).isFalse();
    assertThat(o.reportJson()).isEqualTo(Path.of("out/report.json"));
    assertThat(o.playbackUrl()).isEqualTo(URI.create("http://127.0.0.1:18090"));
    // the model runs at rate / compression visits per simulated second
    assertThat(o.modelConfig().visitsPerSimSecond()).isCloseTo(4.5 / 60, within(1e-12));
    assertThat(o.modelConfig().cuts()).hasSize(3);
  }

  @Test
  void theEnvironmentSuppliesDefaultsAndTheCommandLineWins() {
    Map<String, String> env =
        Map.of(
            "PLAYSTREAM_PROFILES", "77",
            "PLAYSTREAM_TIME_COMPRESSION", "10",
            "PLAYSTREAM_CUT_CDN", "us-west@1m+1m,ap-south@2m+1m",
            "PLAYSTREAM_MODE", "kafka");
    SimulatorOptions fromEnv = SimulatorOptions.parse(env);
    assertThat(fromEnv.profiles()).isEqualTo(77);
    assertThat(fromEnv.timeCompression()).isEqualTo(10);
    assertThat(fromEnv.mode()).isEqualTo(Mode.KAFKA);
    assertThat(fromEnv.cuts()).extracting(CdnCut::region).containsExactly("us-west", "ap-south");

    SimulatorOptions cli = SimulatorOptions.parse(env, "--profiles", "5");
    assertThat(cli.profiles()).isEqualTo(5);
    assertThat(EnvDefaultProvider.variableOf("--time-compression"))
        .isEqualTo("PLAYSTREAM_TIME_COMPRESSION");
  }

  @Test
  void badValuesAreRejectedNamingTheOption() {
    assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--cut-cdn", "us-east"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("REGION@START+DURATION");
    assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--duration", "soon"))
        .isInstanceOf(ParameterException.class);
    assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--profiles", "0"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--profiles");
    assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--error-rate", "1.5"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--error-rate");
    assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--mode", "carrier-pigeon"))
        .isInstanceOf(ParameterException.class);
    assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--no-such-option"))
        .isInstanceOf(ParameterException.class);
  }

  @Test
  void withersReturnValidatedCopies() {
    SimulatorOptions base = SimulatorOptions.defaults();
    SimulatorOptions changed =
        base.withMode(Mode.KAFKA).withProfiles(10).withCuts(List.of(CdnCut.parse("us-east@0+1m")));
    assertThat(base.mode()).isEqualTo(Mode.HTTP);
    assertThat(base.profiles()).isEqualTo(200);
    assertThat(changed.mode()).isEqualTo(Mode.KAFKA);
    assertThat(changed.profiles()).isEqualTo(10);
    assertThat(changed.cuts()).hasSize(1);
    assertThatThrownBy(() -> base.withRate(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSecretComesFromTheApiThenTheFileThenTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("auth.key");
    Files.write(file, "file-secret-file-secret-file-secret!!".getBytes(StandardCharsets.UTF_8));
    Map<String, String> env = Map.of(SimulatorOptions.AUTH_SECRET_ENV, SECRET);

    assertThat(SimulatorOptions.parse(env).resolveAuthSecret())
        .isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(
            SimulatorOptions.parse(env, "--auth-secret-file", file.toString()).resolveAuthSecret())
        .isEqualTo(Files.readAllBytes(file));
    byte[] api = new byte[40];
    assertThat(
            SimulatorOptions.parse(env, "--auth-secret-file", file.toString())
                .withAuthSecret(api)
                .resolveAuthSecret())
        .isEqualTo(api);
    assertThatThrownBy(() -> SimulatorOptions.defaults().resolveAuthSecret())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SimulatorOptions.AUTH_SECRET_ENV);
    assertThatThrownBy(
            () -> SimulatorOptions.defaults().withAuthSecret(new byte[8]).resolveAuthSecret())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("32 bytes");
  }
}
