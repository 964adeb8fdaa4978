package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.RuntimeClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mains as the CLI runs them: child JVMs on the tool classpath ({@code
 * RuntimeClasspath.loadTool("spark-sql")}) with {@link SparkTool#driverJvmArgs}. Only results on
 * stdout, progress on stderr, Spark's logging in the log file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkToolProcessIT {
  @TempDir static Path dir;
  static IcebergCatalogSettings catalog;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void catalog() {
    catalog =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            dir.resolve("warehouse").toUri().toString(),
            "playstream",
            null);
  }

  private static Run run(String mainClass, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(SparkTool.driverJvmArgs("1g", dir.resolve("spark-sql.log")));
    cmd.add("-cp");
    cmd.add(
        RuntimeClasspath.loadTool(SparkTool.CLASSPATH).stream()
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    cmd.add(mainClass);
    cmd.addAll(CatalogOptions.args(catalog));
    cmd.addAll(args);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("child JVM did not finish: " + cmd);
    }
    return new Run(p.exitValue(), read(out), read(err));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  @Order(1)
  void sqlRunsAScriptAndPrintsOnlyResultsOnStdout() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("setup.sql"),
            """
            CREATE NAMESPACE IF NOT EXISTS playstream;
            CREATE TABLE plays (id BIGINT, country STRING) USING iceberg;
            INSERT INTO plays VALUES (1, 'US'), (2, 'DE'), (3, 'US');
            INSERT INTO plays VALUES (4, 'FR');
            INSERT INTO plays VALUES (5, 'US');
            SELECT country, count(*) AS n FROM plays GROUP BY country ORDER BY n DESC, country;
            """);

    Run r = run(SparkTool.SQL_MAIN, List.of("--file", script.toString(), "--format", "csv"));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("country,n\nUS,3\nDE,1\nFR,1\n");
    assertThat(r.err()).startsWith("starting Spark (local[2])...").contains("3 rows");
    assertThat(dir.resolve("spark-sql.log")).isNotEmptyFile();
  }

  @Test
  @Order(2)
  void queryArgumentPrintsAnAlignedTableAndAFailingStatementExitsWithOne() throws Exception {
    Run r =
        run(
            SparkTool.SQL_MAIN,
            List.of(
                "SELECT country, count(*) AS n FROM plays GROUP BY country ORDER BY n DESC,"
                    + " country LIMIT 1; SELECT * FROM no_such_table"));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "+---------+---+\n| country | n |\n+---------+---+\n| US      | 3 |\n+---------+---+\n");
    assertThat(r.err()).contains("error: [TABLE_OR_VIEW_NOT_FOUND]");
    assertThat(r.err().lines().count()).isLessThan(15);
  }

  @Test
  @Order(4)
  void tablesListDescribeAndMaintain() throws Exception {
    Run list = run(SparkTool.TABLES_MAIN, List.of("list"));
    Run describe = run(SparkTool.TABLES_MAIN, List.of("describe", "plays"));
    Run maintain =
        run(SparkTool.TABLES_MAIN, List.of("maintain", "--older-than", "0s", "--retain-last", "1"));

    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("| plays |    5 |          4 |");
    assertThat(describe.code()).as(describe.err()).isZero();
    assertThat(describe.out())
        .contains("table:            playstream.playstream.plays")
        .contains("|  2 | country | string | optional |")
        .contains("partitioned by:   (unpartitioned)")
        .contains("snapshots:        3");
    assertThat(maintain.code()).as(maintain.err()).isZero();
    assertThat(maintain.out())
        .contains("plays (")
        .containsPattern("data files +4 -> 1 ")
        .containsPattern("snapshots +3 -> 1 ")
        .containsPattern("rows +5 -> 5");
  }
}
