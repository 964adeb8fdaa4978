package io.playstream.cli;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.JavaProcess;
import io.playstream.infra.PlatformConfig;
import io.playstream.infra.PlatformOptions;
import io.playstream.infra.RuntimeClasspath;
import io.playstream.infra.S3ProxyLauncher;
import io.playstream.infra.StateLayout;
import io.playstream.spark.CatalogOptions;
import io.playstream.spark.SparkTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code playstream sql}: a local Spark SQL session on the platform's Iceberg catalog, in a child
 * JVM with Spark's classpath (module {@code sinks/spark-sql}); runs QUERY, a script, or an
 * interactive prompt.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Query the Iceberg tables with Spark SQL (local[2]) on the platform's catalog: the catalog"
          + " is the default catalog and its namespace the current one, so table names need no"
          + " prefix.",
      "",
      "  ./playstream sql \"SELECT country, count(*) FROM playback_events GROUP BY country\"",
      "  ./playstream sql --file report.sql --format csv",
      "  ./playstream sql                  (interactive: statements end with ';', exit leaves)",
      "",
      "Spark's log goes to .playstream/logs/spark-sql.log; results to stdout, timings to stderr."
    })
public final class SqlCommand implements Callable<Integer> {
  /** Component name of the child JVM (its log file: {@code logs/spark-sql.log}). */
  static final String COMPONENT = "spark-sql";

  @ParentCommand PlaystreamCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "Statement(s) to run; without QUERY and --file: interactive prompt (or stdin).")
  String query;

  @Option(names = "--file", paramLabel = "FILE", description = "Run the statements of a script.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table | csv | json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--max-rows",
      defaultValue = "10000",
      description = "Print at most this many rows of a result. Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Option(
      names = "--heap",
      defaultValue = SparkTool.DEFAULT_HEAP,
      description = "Heap of the Spark JVM. Default: ${DEFAULT-VALUE}.")
  String heap;

  private final Supplier<PlatformConfig> config;

  /** For picocli as a subcommand of {@code playstream}: the config comes from the parent. */
  public SqlCommand() {
    this(null);
  }

  /** With the platform config given (for embedding or tests). */
  public SqlCommand(Supplier<PlatformConfig> config) {
    this.config = config;
  }

  @Override
  public Integer call() throws Exception {
    PlatformConfig c = config();
    IcebergCatalogSettings catalog = IcebergCatalogSettings.from(c);
    Optional<String> problem = catalogProblem(c, catalog);
    if (problem.isPresent()) {
      spec.commandLine().getErr().println("playstream sql: " + problem.get());
      return 1;
    }
    List<String> args = new ArrayList<>(CatalogOptions.args(catalog));
    args.add("--format=" + format);
    args.add("--max-rows=" + maxRows);
    if (file != null) {
      args.add("--file=" + file.toAbsolutePath());
    }
    if (query != null) {
      // "--" ends the options: a query starting with "-- comment" stays a query
      args.add("--");
      args.add(query);
    }
    return runChild(c, SparkTool.SQL_MAIN, args, heap);
  }

  PlatformConfig config() {
    return config != null ? config.get() : cli.config();
  }

  /**
   * Why the catalog cannot be queried now, if it cannot: no SQLite catalog file yet (nothing has
   * written a table), or a warehouse on the local S3 server that is not running.
   */
  static Optional<String> catalogProblem(PlatformConfig config, IcebergCatalogSettings catalog) {
    Optional<Path> sqlite = catalog.sqliteFile();
    if (sqlite.isPresent() && !Files.exists(sqlite.get())) {
      return Optional.of(
          "no Iceberg tables yet: start the platform with ./playstream up or run the iceberg sink"
              + " job (catalog "
              + sqlite.get()
              + " does not exist)");
    }
    if (catalog.onS3()
        && config.get(PlatformOptions.S3_LOCAL_ENABLED)
        && S3ProxyLauncher.of(config).findRunning().isEmpty()) {
      return Optional.of(
          "the Iceberg warehouse is on the local S3 server ("
              + config.get(PlatformOptions.S3_ENDPOINT)
              + "), which is not running: start the platform with ./playstream up");
    }
    return Optional.empty();
  }

  /**
   * The child JVM that runs one of the Spark module's mains: its classpath, Spark's Java 17 flags,
   * Spark's logging into {@code logs/spark-sql.log}.
   */
  static JavaProcess childProcess(
      PlatformConfig config, String mainClass, List<String> args, String heap) {
    StateLayout layout = config.stateLayout();
    return JavaProcess.builder(COMPONENT, mainClass)
        .classpath(RuntimeClasspath.loadTool(SparkTool.CLASSPATH))
        .jvmArgs(SparkTool.driverJvmArgs(heap, layout.logFile(COMPONENT)))
        .args(args)
        .build();
  }

  /**
   * Runs a main of the Spark module in the foreground, stdin, stdout and stderr shared with this
   * terminal (so the prompt works), and returns its exit code.
   */
  static int runChild(PlatformConfig config, String mainClass, List<String> args, String heap)
      throws IOException, InterruptedException {
    StateLayout layout = config.stateLayout();
    Files.createDirectories(layout.logsDir());
    JavaProcess child = childProcess(config, mainClass, args, heap);
    Process p = new ProcessBuilder(child.command(layout)).inheritIO().start();
    Thread stopChild = new Thread(p::destroy, "playstream-spark-child-stop");
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      return p.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  /** Where errors go (picocli's err writer). */
  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
