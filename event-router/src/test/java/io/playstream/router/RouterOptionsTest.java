package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RouterOptionsTest {
  @Test
  void readmeOptionsTableMatchesTheCode() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String start = "<!-- options-table:start -->\n";
    String table =
        readme.substring(
            readme.indexOf(start) + start.length(), readme.indexOf("<!-- options-table:end -->"));
    assertThat(table).isEqualTo(RouterOptions.markdownTable());
  }

  @Test
  void environmentGivesDefaultsAndTheCommandLineWins() {
    Map<String, String> env =
        Map.of("PLAYSTREAM_ROUTER_HTTP_PORT", "9999", "PLAYSTREAM_ROUTER_COMMIT_INTERVAL", "2s");
    RouterOptions fromEnv = RouterOptions.parse(new String[0], env);
    assertThat(fromEnv.httpPort()).isEqualTo(9999);
    assertThat(fromEnv.commitInterval()).isEqualTo(Duration.ofSeconds(2));
    RouterOptions cli = RouterOptions.parse(new String[] {"--http-port", "0"}, env);
    assertThat(cli.httpPort()).isZero();
    assertThat(RouterOptions.defaults().applicationId()).isEqualTo("playstream-router");
  }

  @Test
  void argsRoundTripForAChildJvm() {
    RouterOptions o =
        RouterOptions.defaults()
            .withInstanceId("r-7")
            .withHttpPort(0)
            .withHashKeyFile(Path.of("/tmp/k"))
            .withCommitInterval(Duration.ofMillis(250));
    RouterOptions back = RouterOptions.parse(o.toArgs().toArray(String[]::new), Map.of());
    assertThat(back.toArgs()).isEqualTo(o.toArgs());
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(
            () -> RouterOptions.parse(new String[] {"--max-record-bytes", "10"}, Map.of()))
        .hasMessageContaining("--max-record-bytes");
    assertThatThrownBy(
            () -> RouterOptions.parse(new String[] {"--commit-interval", "soon"}, Map.of()))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void streamsConfigIsExactlyOnceWithDeadLetterHandlers() {
    RouterMetrics metrics = RouterMetrics.inMemory();
    Properties p = RouterStreamsConfig.properties(RouterOptions.defaults(), metrics);
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterHandlers.Production.class.getName());
    assertThat(p.get(DeadLetterHandlers.METRICS_CONFIG)).isSameAs(metrics);
  }

  @Test
  void mainPrintsHelpAndRefusesToStartWithoutAHashKey() {
    StringWriter out = new StringWriter();
    CommandLine help = RouterOptions.commandLine(new RouterMain(Map.of()), Map.of());
    help.setOut(new PrintWriter(out));
    assertThat(help.execute("--help")).isZero();
    assertThat(out.toString()).contains("--hash-key-file").contains("READY router");

    StringWriter err = new StringWriter();
    CommandLine run = RouterOptions.commandLine(new RouterMain(Map.of()), Map.of());
    run.setErr(new PrintWriter(err));
    assertThat(run.execute("--http-port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("no hash key");
  }
}
