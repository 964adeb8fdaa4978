package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformOptionsTest {
  private static final String START = "<!-- options-table:start -->\n";
  private static final String END = "<!-- options-table:end -->";

  @Test
  void readmeTableMatchesTheOptions() throws IOException {
    // Surefire runs with the module folder as working directory
    String readme = Files.readString(Path.of("README.md"));
    int from = readme.indexOf(START);
    int to = readme.indexOf(END);
    assertThat(from).as("README.md has the options table markers").isNotNegative();
    assertThat(to).isGreaterThan(from);

    String table = readme.substring(from + START.length(), to);

    assertThat(table).isEqualTo(PlatformOptions.markdownTable());
  }

  @Test
  void tableHasOneRowPerOption() {
    String table = PlatformOptions.markdownTable();

    assertThat(table.lines()).hasSize(PlatformOptions.all().size() + 2);
    assertThat(table)
        .contains(
            "| `kafka.local.port` | port | `9092` | `PLAYSTREAM_KAFKA_LOCAL_PORT` | PLAINTEXT"
                + " listener port of the local broker (bound to 127.0.0.1). |");
  }

  @Test
  void keysAreUnique() {
    Set<String> keys = new HashSet<>();
    for (ConfigOption<?> o : PlatformOptions.all()) {
      assertThat(keys.add(o.key())).as("duplicate key %s", o.key()).isTrue();
    }
  }
}
