package io.playstream.spark;

import io.playstream.infra.ConfigType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code playstream tables}: list, describe and maintain the platform's Iceberg tables. Listing and
 * describing read the catalog directly (no Spark, about a second); maintenance runs Iceberg's Spark
 * procedures in a local Spark session.
 */
@Command(
    name = "playstream-tables",
    mixinStandardHelpOptions = true,
    description = "List, describe and maintain the Iceberg tables.",
    subcommands = {
      TablesMain.ListTables.class,
      TablesMain.Describe.class,
      TablesMain.Maintain.class
    })
public final class TablesMain implements Runnable {
  @Mixin CatalogOptions catalog = new CatalogOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  PrintStream out = System.out;
  PrintStream err = System.err;

  public static void main(String[] args) {
    SparkTool.routeLoggingToFile();
    System.exit(SparkSqlMain.commandLine(new TablesMain()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  IcebergTables tables() {
    return new IcebergTables(catalog.settings());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The tables of the namespace: rows, data files, size, snapshots, last commit.")
  static final class ListTables implements Callable<Integer> {
    @ParentCommand TablesMain parent;

    @picocli.CommandLine.Option(
        names = "--format",
        defaultValue = "TABLE",
        description = "table, csv or json (JSON Lines, one object per table); default: table.",
        converter = FormatConverter.class)
    OutputFormat format = OutputFormat.TABLE;

    @Override
    public Integer call() throws Exception {
      try (IcebergTables tables = parent.tables()) {
        List<String> names = tables.tableNames();
        if (names.isEmpty()) {
          parent.out.println(
              "no tables in "
                  + parent.catalog.settings().name()
                  + "."
                  + parent.catalog.settings().namespace());
          return 0;
        }
        List<TableStats> stats = new ArrayList<>();
        for (String n : names) {
          stats.add(tables.stats(n));
        }
        parent.out.print(format.render(Reports.tableList(names, stats)));
        return 0;
      }
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Schema, partition spec, current snapshot, snapshots, files and rows of TABLE.")
  static final class Describe implements Callable<Integer> {
    @ParentCommand TablesMain parent;

    @Parameters(paramLabel = "TABLE", description = "Table name in the namespace.")
    String table;

    @Override
    public Integer call() throws Exception {
      try (IcebergTables tables = parent.tables()) {
        Table t;
        try {
          t = tables.load(table);
        } catch (NoSuchTableException e) {
          parent.err.println(
              "no table "
                  + parent.catalog.settings().qualify(table)
                  + "; tables: "
                  + String.join(", ", tables.tableNames()));
          return 1;
        }
        parent.out.print(
            Reports.describe(parent.catalog.settings().qualify(table), t, IcebergTables.stats(t)));
        return 0;
      }
    }
  }

  @Command(
      name = "maintain",
      mixinStandardHelpOptions = true,
      description = {
        "Compact small files, rewrite manifests, expire old snapshots and remove orphan files of"
            + " every table (or --table), then report files, snapshots and rows before -> after.",
        "Safe while a writer runs: the current snapshot and the writer's last snapshot (and all"
            + " between them) are kept, and files younger than --orphan-margin are never treated"
            + " as orphans."
      })
  static final class Maintain implements Callable<Integer> {
    @ParentCommand TablesMain parent;

    @Option(names = "--table", paramLabel = "TABLE", description = "Only this table.")
    String table;

    @Option(
        names = "--older-than",
        defaultValue = "1h",
        converter = DurationConverter.class,
        description = "Expire snapshots older than this. Default: ${DEFAULT-VALUE}.")
    Duration olderThan;

    @Option(
        names = "--retain-last",
        defaultValue = "5",
        description = "Keep at least this many newest snapshots (>= 1). Default: ${DEFAULT-VALUE}.")
    int retainLast;

    @Option(
        names = "--orphan-margin",
        defaultValue = "1h",
        converter = DurationConverter.class,
        description =
            "Unreferenced files younger than this are kept (a writer's files before its next"
                + " commit); at least 10m. Default: ${DEFAULT-VALUE}.")
    Duration orphanMargin;

    @Option(
        names = "--every",
        converter = DurationConverter.class,
        description = "Run again at this interval until stopped (Ctrl-C).")
    Duration every;

    @Option(
        names = "--master",
        defaultValue = SparkSessions.DEFAULT_MASTER,
        description = "Spark master. Default: ${DEFAULT-VALUE}.")
    String master;

    @Override
    public Integer call() throws Exception {
      MaintenancePlan.Retention retention =
          new MaintenancePlan.Retention(olderThan, retainLast, orphanMargin);
      if (every != null && every.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--every must be at least 1s");
      }
      try (IcebergTables tables = parent.tables()) {
        List<String> names = names(tables);
        if (names == null) {
          return 1;
        }
        parent.err.println("starting Spark (" + master + ")...");
        long t0 = System.nanoTime();
        SparkSession spark = SparkSessions.open(parent.catalog.settings(), master);
        parent.err.printf(Locale.ROOT, "Spark ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try {
          TableMaintenance maintenance = new TableMaintenance(spark, tables, Clock.systemUTC());
          if (every == null) {
            return runOnce(tables, maintenance, retention) ? 0 : 1;
          }
          return schedule(tables, maintenance, retention);
        } finally {
          spark.stop();
        }
      }
    }

    private List<String> names(IcebergTables tables) {
      List<String> all = tables.tableNames();
      if (table == null) {
        return all;
      }
      if (!all.contains(table)) {
        parent.err.println(
            "no table "
                + parent.catalog.settings().qualify(table)
                + "; tables: "
                + (all.isEmpty() ? "(none)" : String.join(", ", all)));
        return null;
      }
      return List.of(table);
    }

    private boolean runOnce(
        IcebergTables tables, TableMaintenance maintenance, MaintenancePlan.Retention retention) {
      List<String> names = names(tables);
      if (names == null) {
        return false;
      }
      if (names.isEmpty()) {
        parent.out.println("no tables to maintain");
      }
      boolean ok = true;
      for (String n : names) {
        try {
          parent.out.print(Reports.maintenance(maintenance.maintain(n, retention)));
        } catch (RuntimeException e) {
          parent.err.println(n + ": maintenance failed: " + Errors.message(e));
          ok = false;
        }
        parent.out.flush();
      }
      return ok;
    }

    private int schedule(
        IcebergTables tables, TableMaintenance maintenance, MaintenancePlan.Retention retention)
        throws InterruptedException {
      ScheduledExecutorService scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "playstream-table-maintenance");
                t.setDaemon(true);
                return t;
              });
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "maintenance-stop"));
      parent.err.println("maintaining every " + every + " until stopped (Ctrl-C)");
      scheduler.scheduleWithFixedDelay(
          () -> {
            parent.out.println("---- " + Instant.now());
            runOnce(tables, maintenance, retention);
          },
          0,
          every.toMillis(),
          TimeUnit.MILLISECONDS);
      stopped.await();
      scheduler.shutdownNow();
      return 0;
    }
  }

  /** Durations as the platform config spells them: 500ms, 30s, 5m, 2h, 1d or ISO-8601. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return ConfigType.DURATION.parse(value, Path.of("."));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration such as 30s, 5m, 1h or 1d");
      }
    }
  }

  /** Parses table / csv / json, case-insensitively. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return OutputFormat.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }
}
