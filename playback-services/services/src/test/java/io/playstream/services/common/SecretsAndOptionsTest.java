package io.playstream.services.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.services.catalog.CatalogConfig;
import io.playstream.services.catalog.CatalogOptions;
import io.playstream.services.playback.PlaybackConfig;
import io.playstream.services.playback.PlaybackOptions;
import io.playstream.services.steering.SteeringOptions;
import io.playstream.services.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsAndOptionsTest {
  @TempDir Path dir;

  @Test
  void secretIsTheFilesRawBytesElseTheEnvironment() throws Exception {
    Path file = dir.resolve("secret");
    byte[] random = new byte[48];
    new Random(7).nextBytes(random);
    Files.write(file, random);

    assertThat(Secrets.authSecret(file, Map.of())).isEqualTo(random);
    assertThat(Secrets.authSecret(null, TestTokens.ENV)).isEqualTo(TestTokens.SECRET_BYTES);
    assertThatThrownBy(() -> Secrets.authSecret(null, Map.of()))
        .hasMessageContaining("--auth-secret-file");
    assertThatThrownBy(() -> Secrets.authSecret(null, Map.of(Secrets.AUTH_SECRET_ENV, "short")))
        .hasMessageContaining("at least 32");
  }

  @Test
  void defaultsAreTheLocalStack() {
    PlaybackConfig playback = PlaybackOptions.parse(Map.of()).toConfig(TestTokens.ENV);
    CatalogOptions catalogOptions = CatalogOptions.parse(Map.of());
    CatalogConfig catalog = catalogOptions.toConfig(TestTokens.ENV);

    assertThat(playback.port()).isEqualTo(8090);
    assertThat(playback.catalogUrl()).isEqualTo("http://127.0.0.1:8091");
    assertThat(playback.steeringUrl()).isEqualTo("http://127.0.0.1:8092");
    assertThat(playback.steeringTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(playback.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(catalog.port()).isEqualTo(8091);
    assertThat(catalog.seed()).isTrue();
    assertThat(catalogOptions.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(SteeringOptions.parse(Map.of()).toConfig().port()).isEqualTo(8092);
    assertThat(catalog.authSecret()).isEqualTo(TestTokens.SECRET_BYTES);
  }

  @Test
  void environmentOverridesDefaultsAndTheCommandLineOverridesBoth() {
    Map<String, String> env =
        Map.of(
            "PLAYSTREAM_PORT", "9001",
            "PLAYSTREAM_KAFKA_BOOTSTRAP", "broker:1234",
            "PLAYSTREAM_STEERING_TIMEOUT_MS", "150",
            "PLAYSTREAM_SEED", "false");

    PlaybackOptions fromEnv = PlaybackOptions.parse(env);
    PlaybackOptions fromArgs = PlaybackOptions.parse(env, "--port", "9002");

    assertThat(fromEnv.toConfig(TestTokens.ENV).port()).isEqualTo(9001);
    assertThat(fromEnv.kafkaBootstrap()).isEqualTo("broker:1234");
    assertThat(fromEnv.toConfig(TestTokens.ENV).steeringTimeout())
        .isEqualTo(Duration.ofMillis(150));
    assertThat(fromArgs.toConfig(TestTokens.ENV).port()).isEqualTo(9002);
    assertThat(CatalogOptions.parse(env).toConfig(TestTokens.ENV).seed()).isFalse();
    assertThat(CatalogOptions.parse(env, "--seed").toConfig(TestTokens.ENV).seed()).isTrue();
    assertThat(EnvDefaults.variableFor("--auth-secret-file"))
        .isEqualTo("PLAYSTREAM_AUTH_SECRET_FILE");
  }

  @Test
  void secretFileOptionIsReadFromTheEnvironmentToo() throws Exception {
    Path file = dir.resolve("s.txt");
    Files.write(
        file, "file-secret-that-is-long-enough-for-hmac-256!!".getBytes(StandardCharsets.UTF_8));
    Map<String, String> env = Map.of("PLAYSTREAM_AUTH_SECRET_FILE", file.toString());

    assertThat(
            new String(
                CatalogOptions.parse(env).toConfig(env).authSecret(), StandardCharsets.UTF_8))
        .isEqualTo("file-secret-that-is-long-enough-for-hmac-256!!");
  }
}
