package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformConfigTest {
  @TempDir Path root;

  private PlatformConfig.Builder builder(Map<String, String> env) {
    return PlatformConfig.builder(root).environment(env);
  }

  @Test
  void defaultsApplyWithoutFileOrEnvironment() {
    PlatformConfig config = builder(Map.of()).build();

    assertThat(config.configFile()).isEmpty();
    assertThat(config.stateDir()).isEqualTo(root.resolve(".playstream"));
    assertThat(config.get(PlatformOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:9092");
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_ENABLED)).isTrue();
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_PORT)).isEqualTo(9092);
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_CONTROLLER_PORT)).isEqualTo(9093);
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_HEAP)).isEqualTo("1g");
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_START_TIMEOUT))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(config.get(PlatformOptions.KAFKA_REPLICATION_FACTOR)).isEqualTo(1);
    assertThat(config.get(PlatformOptions.SERVICES_PLAYBACK_URL))
        .isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(config.get(PlatformOptions.SERVICES_CATALOG_URL))
        .isEqualTo(URI.create("http://127.0.0.1:8091"));
    assertThat(config.get(PlatformOptions.SERVICES_STEERING_URL))
        .isEqualTo(URI.create("http://127.0.0.1:8092"));
    assertThat(config.get(PlatformOptions.SERVICES_CATALOG_JDBC_URL))
        .isEqualTo("jdbc:h2:file:" + root.resolve(".playstream/data/catalog/catalog"));
    assertThat(config.get(PlatformOptions.AUTH_SECRET_FILE))
        .isEqualTo(root.resolve(".playstream/secrets/auth.key"));
    assertThat(config.get(PlatformOptions.DASHBOARD_PORT)).isEqualTo(8080);
    assertThat(config.origin(PlatformOptions.KAFKA_LOCAL_PORT))
        .isEqualTo(PlatformConfig.Origin.DEFAULT);
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
    Files.writeString(
        root.resolve("playstream.yaml"),
        """
        state.dir: /tmp/elsewhere
        kafka:
          local:
            port: 19092
            heap: 512m
          replication-factor: 3
        services:
          playback:
            port: 9000
        """);
    Map<String, String> env =
        Map.of("PLAYSTREAM_KAFKA_LOCAL_PORT", "29092", "PLAYSTREAM_SERVICES_CATALOG_PORT", "9001");

    PlatformConfig config = builder(env).build();

    assertThat(config.configFile()).contains(root.resolve("playstream.yaml"));
    assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/elsewhere"));
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_PORT)).isEqualTo(29092);
    assertThat(config.origin(PlatformOptions.KAFKA_LOCAL_PORT))
        .isEqualTo(PlatformConfig.Origin.ENVIRONMENT);
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_HEAP)).isEqualTo("512m");
    assertThat(config.origin(PlatformOptions.KAFKA_LOCAL_HEAP))
        .isEqualTo(PlatformConfig.Origin.FILE);
    assertThat(config.get(PlatformOptions.KAFKA_REPLICATION_FACTOR)).isEqualTo(3);
    // derived defaults follow the values they refer to, wherever those came from
    assertThat(config.get(PlatformOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:29092");
    assertThat(config.get(PlatformOptions.SERVICES_PLAYBACK_URL))
        .isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(config.get(PlatformOptions.SERVICES_CATALOG_URL))
        .isEqualTo(URI.create("http://127.0.0.1:9001"));
    assertThat(config.get(PlatformOptions.AUTH_SECRET_FILE))
        .isEqualTo(Path.of("/tmp/elsewhere/secrets/auth.key"));
  }

  @Test
  void overridesWinOverEnvironment() {
    PlatformConfig config =
        builder(Map.of("PLAYSTREAM_DASHBOARD_PORT", "8181"))
            .override("dashboard.port", "8282")
            .build();

    assertThat(config.get(PlatformOptions.DASHBOARD_PORT)).isEqualTo(8282);
    assertThat(config.origin(PlatformOptions.DASHBOARD_PORT))
        .isEqualTo(PlatformConfig.Origin.OVERRIDE);
  }

  @Test
  void configFileNamedByEnvironmentIsRead() throws IOException {
    Path file = Files.writeString(root.resolve("custom.yaml"), "kafka.local.enabled: false\n");
    Files.writeString(root.resolve("playstream.yaml"), "kafka.local.enabled: true\n");

    PlatformConfig config = builder(Map.of("PLAYSTREAM_CONFIG", file.toString())).build();

    assertThat(config.configFile()).contains(file);
    assertThat(config.get(PlatformOptions.KAFKA_LOCAL_ENABLED)).isFalse();
  }

  @Test
  void explicitConfigFileWinsOverEnvironmentAndMustExist() throws IOException {
    Path explicit = Files.writeString(root.resolve("a.yaml"), "dashboard:\n  port: 7000\n");
    Path fromEnv = Files.writeString(root.resolve("b.yaml"), "dashboard:\n  port: 7001\n");

    PlatformConfig config =
        builder(Map.of("PLAYSTREAM_CONFIG", fromEnv.toString())).configFile(explicit).build();

    assertThat(config.get(PlatformOptions.DASHBOARD_PORT)).isEqualTo(7000);
    assertThatThrownBy(() -> builder(Map.of()).configFile(root.resolve("missing.yaml")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.yaml")
        .hasMessageContaining("does not exist");
  }

  @Test
  void badValueFailsAtLoadNamingKeyAndSource() {
    assertThatThrownBy(() -> builder(Map.of("PLAYSTREAM_KAFKA_LOCAL_PORT", "ninety")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.local.port")
        .hasMessageContaining("PLAYSTREAM_KAFKA_LOCAL_PORT")
        .hasMessageContaining("'ninety'");
    assertThatThrownBy(() -> builder(Map.of("PLAYSTREAM_KAFKA_LOCAL_HEAP", "lots")).build())
        .hasMessageContaining("kafka.local.heap");
    assertThatThrownBy(() -> builder(Map.of("PLAYSTREAM_KAFKA_LOCAL_ENABLED", "yes")).build())
        .hasMessageContaining("not true or false");
  }

  @Test
  void yamlListsAndDuplicateKeysAreRejected() throws IOException {
    Files.writeString(root.resolve("playstream.yaml"), "kafka:\n  bootstrap-servers: [a, b]\n");
    assertThatThrownBy(() -> builder(Map.of()).build()).hasMessageContaining("is a list");

    Files.writeString(
        root.resolve("playstream.yaml"), "kafka.local.port: 1\nkafka:\n  local:\n    port: 2\n");
    assertThatThrownBy(() -> builder(Map.of()).build()).hasMessageContaining("set twice");
  }

  @Test
  void optionsOfOtherModulesReadTheSameSources() {
    ConfigOption<Duration> pollInterval =
        ConfigOption.of(
            "simulator.poll-interval", ConfigType.DURATION, "250ms", "how often to poll");
    ConfigOption<String> dsn =
        ConfigOption.of(
            "simulator.dsn", ConfigType.STRING, "${kafka.bootstrap-servers}/x", "derived");

    PlatformConfig config =
        builder(Map.of("PLAYSTREAM_SIMULATOR_POLL_INTERVAL", "PT2S", "PLAYSTREAM_UNRELATED", "x"))
            .build();

    assertThat(pollInterval.envName()).isEqualTo("PLAYSTREAM_SIMULATOR_POLL_INTERVAL");
    assertThat(config.get(pollInterval)).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.get(dsn)).isEqualTo("127.0.0.1:9092/x");
  }

  @Test
  void configIsImmutableOnceBuilt() {
    Map<String, String> env = new HashMap<>(Map.of("PLAYSTREAM_DASHBOARD_PORT", "8181"));
    PlatformConfig.Builder builder = builder(env);
    PlatformConfig config = builder.build();

    env.put("PLAYSTREAM_DASHBOARD_PORT", "9999");
    builder.override("dashboard.port", "7777");

    assertThat(config.get(PlatformOptions.DASHBOARD_PORT)).isEqualTo(8181);
    assertThat(config.describe()).containsEntry("dashboard.port", "8181");
    assertThatThrownBy(() -> config.describe().put("dashboard.port", "1"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void envNamesUpperCaseKeysAndReplaceDotsAndDashes() {
    assertThat(PlatformOptions.KAFKA_LOCAL_CONTROLLER_PORT.envName())
        .isEqualTo("PLAYSTREAM_KAFKA_LOCAL_CONTROLLER_PORT");
    assertThat(PlatformOptions.SERVICES_CATALOG_JDBC_URL.envName())
        .isEqualTo("PLAYSTREAM_SERVICES_CATALOG_JDBC_URL");
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    assertThat(ConfigType.DURATION.parse("500ms", root)).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigType.DURATION.parse("5m", root)).isEqualTo(Duration.ofMinutes(5));
    assertThat(ConfigType.DURATION.parse("PT1H", root)).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> ConfigType.DURATION.parse("soon", root))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
