package io.playstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardOptionsTest {
  @Test
  void defaultsMatchThePlatformsLocalStack() {
    DashboardOptions o = DashboardOptions.defaults();
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.bindHost()).isEqualTo("127.0.0.1");
    assertThat(o.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(o.elasticsearchUrl()).isEqualTo(URI.create("http://127.0.0.1:9200"));
    assertThat(o.flinkRestUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(o.routerUrl()).isEqualTo(URI.create("http://127.0.0.1:8093"));
    assertThat(o.routerGroup()).isEqualTo("playstream-router");
    assertThat(o.liveWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(o.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.pushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.historyMaxRange()).isEqualTo(Duration.ofDays(31));
    assertThat(o.withPort(0).port()).isZero();
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> DashboardOptions.fromMap(Map.of("dashboard.port", "eighty")))
        .hasMessage("dashboard.port: 'eighty' is not an integer");
    assertThatThrownBy(() -> DashboardOptions.fromMap(Map.of("dashboard.live-window", "-5m")))
        .hasMessageContaining("dashboard.live-window");
    assertThatThrownBy(() -> DashboardOptions.fromMap(Map.of("dashboard.max-points", "3")))
        .hasMessage("dashboard.max-points must be at least 10");
    assertThatThrownBy(() -> DashboardOptions.fromMap(Map.of("elasticsearch.url", "localhost")))
        .hasMessageContaining("elasticsearch.url");
    assertThatThrownBy(() -> DashboardOptions.fromMap(Map.of("dashboard.colour", "red")))
        .hasMessage("unknown dashboard option 'dashboard.colour'");
  }

  @Test
  void theCommandLineOverridesTheEnvironmentWhichOverridesTheDefaults() {
    DashboardMain main = new DashboardMain();
    CommandLine cmd =
        DashboardMain.commandLine(
            main,
            Map.of(
                "PLAYSTREAM_DASHBOARD_PORT", "9999",
                "PLAYSTREAM_KAFKA_BOOTSTRAP_SERVERS", "10.0.0.1:9092",
                "PLAYSTREAM_DASHBOARD_LIVE_WINDOW", "5m"));
    cmd.parseArgs("--port", "8181", "--es-url", "http://es:9200", "--flink-url", "http://f:8081");
    DashboardOptions o = main.options();
    assertThat(o.port()).isEqualTo(8181);
    assertThat(o.bootstrapServers()).isEqualTo("10.0.0.1:9092");
    assertThat(o.liveWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.elasticsearchUrl()).isEqualTo(URI.create("http://es:9200"));
    assertThat(o.flinkRestUrl()).isEqualTo(URI.create("http://f:8081"));
    assertThat(o.routerUrl()).isEqualTo(URI.create("http://127.0.0.1:8093"));
  }

  @Test
  void everyOptionHasACommandLineFlagAndHelpShowsTheDefaults() {
    assertThat(DashboardMain.KEYS.values())
        .containsExactlyInAnyOrderElementsOf(DashboardOptions.ALL);
    StringWriter out = new StringWriter();
    CommandLine cmd = DashboardMain.commandLine(new DashboardMain(), Map.of());
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--bootstrap-servers")
        .contains("Default: 127.0.0.1:9092")
        .contains("Default: 8080")
        .contains("Default: http://127.0.0.1:8081");
    assertThat(DashboardMain.commandLine(new DashboardMain(), Map.of()).execute("--port", "x"))
        .as("a bad value is a usage error")
        .isEqualTo(2);
  }

  @Test
  void theReadmeListsEveryOption() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains(DashboardOptions.markdownTable());
  }
}
