package io.playstream.cli;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.JavaProcess;
import io.playstream.infra.PlatformConfig;
import io.playstream.spark.CatalogOptions;
import io.playstream.spark.SparkTool;
import java.time.Duration;
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
 * {@code playstream tables list|describe|maintain}: the platform's Iceberg tables, through the
 * Spark module's {@code TablesMain} in a child JVM (listing and describing read the catalog
 * directly; maintenance runs Iceberg's Spark procedures).
 */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = "List, describe and maintain the Iceberg tables.",
    subcommands = {
      TablesCommand.ListTables.class,
      TablesCommand.Describe.class,
      TablesCommand.Maintain.class
    })
public final class TablesCommand implements Runnable {
  /** Component name of a scheduled maintenance job ({@link #maintenanceJob}). */
  public static final String MAINTENANCE_COMPONENT = "table-maintenance";

  @ParentCommand PlaystreamCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Supplier<PlatformConfig> config;

  /** For picocli as a subcommand of {@code playstream}: the config comes from the parent. */
  public TablesCommand() {
    this(null);
  }

  /** With the platform config given (for embedding or tests). */
  public TablesCommand(Supplier<PlatformConfig> config) {
    this.config = config;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  PlatformConfig config() {
    return config != null ? config.get() : cli.config();
  }

  /** The arguments of {@code TablesMain}: catalog options, then the subcommand and its own. */
  static List<String> tablesArgs(IcebergCatalogSettings catalog, List<String> subcommand) {
    List<String> args = new ArrayList<>(CatalogOptions.args(catalog));
    args.addAll(subcommand);
    return args;
  }

  int run(List<String> subcommand, String heap) throws Exception {
    PlatformConfig c = config();
    IcebergCatalogSettings catalog = IcebergCatalogSettings.from(c);
    Optional<String> problem = SqlCommand.catalogProblem(c, catalog);
    if (problem.isPresent()) {
      spec.commandLine().getErr().println("playstream tables: " + problem.get());
      return 1;
    }
    return SqlCommand.runChild(c, SparkTool.TABLES_MAIN, tablesArgs(catalog, subcommand), heap);
  }

  /**
   * A background job that maintains every table at an interval with the default retention, for
   * {@code ProcessSupervisor#start} (component {@value #MAINTENANCE_COMPONENT}: its output in
   * {@code logs/table-maintenance.log}, its pid in {@code pids/table-maintenance.pid}).
   */
  public static JavaProcess maintenanceJob(PlatformConfig config, Duration every) {
    IcebergCatalogSettings catalog = IcebergCatalogSettings.from(config);
    List<String> sub = List.of("maintain", "--every=" + every.toSeconds() + "s");
    JavaProcess spark =
        SqlCommand.childProcess(
            config, SparkTool.TABLES_MAIN, tablesArgs(catalog, sub), SparkTool.DEFAULT_HEAP);
    return JavaProcess.builder(MAINTENANCE_COMPONENT, spark.mainClass())
        .classpath(spark.classpath())
        .jvmArgs(spark.jvmArgs())
        .args(spark.args())
        .build();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The tables: rows, data files, size, snapshots, last commit.")
  static final class ListTables implements Callable<Integer> {
    @ParentCommand TablesCommand parent;

    @Override
    public Integer call() throws Exception {
      return parent.run(List.of("list"), "1g");
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Schema, partition spec, current snapshot, snapshots, files and rows of TABLE.")
  static final class Describe implements Callable<Integer> {
    @ParentCommand TablesCommand parent;

    @Parameters(paramLabel = "TABLE", description = "Table name (in iceberg.namespace).")
    String table;

    @Override
    public Integer call() throws Exception {
      return parent.run(List.of("describe", table), "1g");
    }
  }

  @Command(
      name = "maintain",
      mixinStandardHelpOptions = true,
      description = {
        "Compact small files, rewrite manifests, expire old snapshots and remove orphan files,"
            + " then report data files, snapshots, files on storage and rows before -> after.",
        "Safe while the Iceberg sink writes: the current snapshot and the writer's last snapshot"
            + " are kept, and unreferenced files younger than --orphan-margin (a writer's files"
            + " before its next checkpoint) are never removed."
      })
  static final class Maintain implements Callable<Integer> {
    @ParentCommand TablesCommand parent;

    @Option(names = "--table", paramLabel = "TABLE", description = "Only this table.")
    String table;

    @Option(
        names = "--older-than",
        defaultValue = "1h",
        description = "Expire snapshots older than this (30m, 1h, 1d). Default: ${DEFAULT-VALUE}.")
    String olderThan;

    @Option(
        names = "--retain-last",
        defaultValue = "5",
        description = "Keep at least this many newest snapshots (>= 1). Default: ${DEFAULT-VALUE}.")
    int retainLast;

    @Option(
        names = "--orphan-margin",
        defaultValue = "1h",
        description =
            "Unreferenced files younger than this are kept (at least 10m). Default:"
                + " ${DEFAULT-VALUE}.")
    String orphanMargin;

    @Option(
        names = "--every",
        paramLabel = "DURATION",
        description = "Run again at this interval until stopped with Ctrl-C (e.g. 1h).")
    String every;

    @Option(
        names = "--heap",
        defaultValue = SparkTool.DEFAULT_HEAP,
        description = "Heap of the Spark JVM. Default: ${DEFAULT-VALUE}.")
    String heap;

    List<String> args() {
      List<String> a = new ArrayList<>();
      a.add("maintain");
      if (table != null) {
        a.add("--table=" + table);
      }
      a.add("--older-than=" + olderThan);
      a.add("--retain-last=" + retainLast);
      a.add("--orphan-margin=" + orphanMargin);
      if (every != null) {
        a.add("--every=" + every);
      }
      return a;
    }

    @Override
    public Integer call() throws Exception {
      return parent.run(args(), heap);
    }
  }
}
