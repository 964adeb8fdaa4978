package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.JavaProcess;
import io.playstream.infra.PlatformConfig;
import io.playstream.spark.SparkTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SqlAndTablesCommandTest {
  @TempDir Path root;

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private PlatformConfig config(Map<String, String> env) {
    return PlatformConfig.builder(root).environment(env).build();
  }

  private CommandLine cli(Object command) {
    return new CommandLine(command).setErr(new PrintWriter(err)).setOut(new PrintWriter(out));
  }

  private void createCatalogFile() throws IOException {
    Path db = root.resolve(".playstream/data/iceberg/catalog.db");
    Files.createDirectories(db.getParent());
    Files.writeString(db, "");
  }

  @Test
  void withoutACatalogSqlSaysHowToGetTables() {
    int code = cli(new SqlCommand(() -> config(Map.of()))).execute("SELECT 1");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "no Iceberg tables yet: start the platform with ./playstream up or run the iceberg"
                + " sink job");
  }

  @Test
  void withoutACatalogTablesSaysTheSame() {
    int code = cli(new TablesCommand(() -> config(Map.of()))).execute("list");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("playstream tables: no Iceberg tables yet");
  }

  @Test
  void aWarehouseOnTheLocalS3ServerNeedsTheServerRunning() throws IOException {
    createCatalogFile();

    int code =
        cli(new SqlCommand(() -> config(Map.of("PLAYSTREAM_S3_LOCAL_ENABLED", "true"))))
            .execute("SHOW TABLES");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("local S3 server").contains("not running");
  }

  @Test
  void theChildJvmRunsTheSparkMainWithJava17FlagsAndLogsToTheStateFolder() {
    PlatformConfig config = config(Map.of());

    JavaProcess child =
        SqlCommand.childProcess(config, SparkTool.SQL_MAIN, List.of("--format=csv"), "2g");

    assertThat(child.component()).isEqualTo("spark-sql");
    assertThat(child.mainClass()).isEqualTo("io.playstream.spark.SparkSqlMain");
    assertThat(child.jvmArgs())
        .contains(
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-Xmx2g",
            "-Dplaystream.spark.log=" + root.resolve(".playstream/logs/spark-sql.log"));
    assertThat(child.classpath().get(0).toString()).contains("spark-sql");
    assertThat(child.classpath().size()).isGreaterThan(100);
  }

  @Test
  void maintainPassesItsOptionsToTheTablesMainAfterTheCatalog() {
    CommandLine cl = cli(new TablesCommand(() -> config(Map.of())));
    CommandLine.ParseResult parsed =
        cl.parseArgs(
            "maintain",
            "--table",
            "plays",
            "--older-than",
            "2h",
            "--retain-last",
            "3",
            "--every",
            "1h");
    TablesCommand.Maintain maintain =
        (TablesCommand.Maintain) parsed.subcommand().commandSpec().userObject();

    assertThat(maintain.args())
        .containsExactly(
            "maintain",
            "--table=plays",
            "--older-than=2h",
            "--retain-last=3",
            "--orphan-margin=1h",
            "--every=1h");
    List<String> args =
        TablesCommand.tablesArgs(
            io.playstream.infra.IcebergCatalogSettings.from(config(Map.of())), maintain.args());
    assertThat(args.get(0)).isEqualTo("--catalog-name=playstream");
    assertThat(args).containsSubsequence("--namespace=playstream", "maintain");
  }

  @Test
  void theScheduledJobIsItsOwnComponent() {
    JavaProcess job = TablesCommand.maintenanceJob(config(Map.of()), Duration.ofMinutes(30));

    assertThat(job.component()).isEqualTo("table-maintenance");
    assertThat(job.mainClass()).isEqualTo(SparkTool.TABLES_MAIN);
    assertThat(job.args()).containsSubsequence("maintain", "--every=1800s");
  }

  @Test
  void helpDescribesTheModes() {
    int code = cli(new SqlCommand(() -> config(Map.of()))).execute("--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Usage: sql").contains("interactive").contains("--format");
  }
}
