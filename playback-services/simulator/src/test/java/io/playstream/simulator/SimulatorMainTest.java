package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

class SimulatorMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int execute(String... args) {
    return SimulatorMain.execute(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        s -> {});
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertThat(execute("--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    for (Field f : SimulatorOptions.class.getDeclaredFields()) {
      Option option = f.getAnnotation(Option.class);
      if (option != null) {
        assertThat(help).contains(option.names()[0]);
        if (!option.defaultValue().equals("__no_default_value__")) {
          assertThat(help).contains("Default: " + option.defaultValue());
        }
      }
    }
    assertThat(help).contains("PLAYSTREAM_TIME_COMPRESSION");
  }

  @Test
  void theReadmeDocumentsEveryOptionWithItsDefaultAndVariable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (Field f : SimulatorOptions.class.getDeclaredFields()) {
      Option option = f.getAnnotation(Option.class);
      if (option != null) {
        String name = option.names()[0];
        assertThat(readme).contains("`" + name).contains(EnvDefaultProvider.variableOf(name));
        if (!option.defaultValue().equals("__no_default_value__")) {
          assertThat(readme).contains("`" + option.defaultValue() + "`");
        }
      }
    }
  }

  @Test
  void badOptionsExitWithTwoAndTheReason() {
    assertThat(execute("--cut-cdn", "nowhere")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("REGION@START+DURATION")
        .contains("Usage:");
  }

  @Test
  void httpModeWithoutASecretFailsWithOne() {
    assertThat(execute("--duration", "1s")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("PLAYSTREAM_AUTH_SECRET");
  }
}
