package io.playstream.recs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code eval recs} on a sample of the shipped MovieLens latest-small ratings. */
class EvalRecsMainTest {
  /** The dataset the repository ships (module directory is the working directory of tests). */
  static final Path LATEST_SMALL = Path.of("../data/movielens-latest-small/ratings.csv");

  private static final Pattern RESULT =
      Pattern.compile(
          "RESULT name=recs-(\\w+) ours=([0-9.]+) baseline=([0-9.]+) ratio=([0-9.]+) unit=ndcg@10");

  @TempDir Path dir;

  /** The ratings of the first 80 users, as tab-separated u.data (exercises format detection). */
  private Path sample() throws Exception {
    List<String> lines = Files.readAllLines(LATEST_SMALL);
    StringBuilder sb = new StringBuilder();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (Integer.parseInt(f[0]) <= 80) {
        sb.append(String.join("\t", f)).append('\n');
      }
    }
    Path out = dir.resolve("u.data");
    Files.writeString(out, sb.toString());
    return out;
  }

  @Test
  void bothProtocolsPrintTheTableAndResultLines() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new EvalRecsMain())
              .execute(
                  "--ratings", sample().toString(),
                  "--protocol", "both",
                  "--k-core", "5",
                  "--factors", "16",
                  "--iterations", "5",
                  "--max-events", "2500");
    } finally {
      System.setOut(saved);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    for (String model : EvalModels.NAMES) {
      assertThat(out).containsPattern("(?m)^" + model + " +0\\.\\d{4} +0\\.\\d{4}");
    }
    Matcher m = RESULT.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(m.group(1)).isEqualTo("static");
    assertThat(Double.parseDouble(m.group(2))).isGreaterThan(Double.parseDouble(m.group(3)));
    assertThat(m.find()).as(out).isTrue();
    assertThat(m.group(1)).isEqualTo("prequential");
    assertThat(Double.parseDouble(m.group(2))).isGreaterThan(Double.parseDouble(m.group(3)));
    // the RESULT line comes after the full table
    assertThat(out.indexOf("RESULT name=recs-static")).isGreaterThan(out.indexOf("blend "));
  }

  @Test
  void missingFileIsAnError() {
    int code =
        new CommandLine(new EvalRecsMain())
            .execute("--ratings", dir.resolve("nope.csv").toString());
    assertThat(code).isEqualTo(2);
  }
}
