package io.playstream.services.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.services.catalog.CatalogMain;
import io.playstream.services.playback.PlaybackMain;
import io.playstream.services.steering.SteeringMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainsHelpTest {
  @ParameterizedTest
  @ValueSource(strings = {"catalog", "steering", "playback"})
  void helpListsTheOptionsWithDefaultsAndTheEnvironmentRule(String service) {
    Object main =
        switch (service) {
          case "catalog" -> new CatalogMain();
          case "steering" -> new SteeringMain();
          default -> new PlaybackMain();
        };
    CommandLine cl = ServiceMain.commandLine(main, Map.of());
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));

    int code = cl.execute("--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith("Usage: " + service)
        .contains("--port", "--kafka-bootstrap", "--auth-secret-file", "Default: 127.0.0.1:9092")
        .contains("PLAYSTREAM_<OPTION>");
  }

  @Test
  void aMissingSecretStopsTheStartWithTheReason() {
    CommandLine cl = ServiceMain.commandLine(new PlaybackMain(), Map.of());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));

    int code = cl.execute("--port", "0");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("playback cannot start: no auth secret")
        .contains("PLAYSTREAM_AUTH_SECRET");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bogus", "--port=notanumber"})
  void badOptionsFailWithUsage(String arg) {
    CommandLine cl = ServiceMain.commandLine(new CatalogMain(), Map.of());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));

    int code = cl.execute(arg);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: catalog");
  }
}
