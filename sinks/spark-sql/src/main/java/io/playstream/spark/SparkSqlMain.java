package io.playstream.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A local Spark SQL session on the platform's Iceberg catalog: runs one query, a script, or an
 * interactive prompt. Results go to stdout; start-up progress and timings to stderr; Spark's own
 * logging to a file.
 */
@Command(
    name = "playstream-sql",
    mixinStandardHelpOptions = true,
    description =
        "Run Spark SQL on the Iceberg catalog: QUERY, --file, or an interactive prompt (statements"
            + " end with ';', 'exit' leaves). The catalog is the default catalog and the namespace"
            + " the current one, so SHOW TABLES and unqualified table names work.")
public final class SparkSqlMain implements Callable<Integer> {
  static final String PROMPT = "playstream-sql> ";
  static final String CONTINUATION = "              > ";

  @Mixin CatalogOptions catalog = new CatalogOptions();

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "One statement to run (a trailing ';' is allowed).")
  String query;

  @Option(names = "--file", paramLabel = "FILE", description = "Run the statements of a script.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "table",
      converter = FormatConverter.class,
      description = "table | csv | json (JSON Lines). Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Option(
      names = "--max-rows",
      defaultValue = "10000",
      description = "Print at most this many rows of a result. Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Option(
      names = "--master",
      defaultValue = SparkSessions.DEFAULT_MASTER,
      description = "Spark master. Default: ${DEFAULT-VALUE}.")
  String master;

  private final PrintStream out;
  private final PrintStream err;

  public SparkSqlMain() {
    this(System.out, System.err);
  }

  SparkSqlMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    SparkTool.routeLoggingToFile();
    System.exit(commandLine(new SparkSqlMain()).execute(args));
  }

  static CommandLine commandLine(Object command) {
    return new CommandLine(command)
        .setExecutionExceptionHandler(
            (ex, cl, parseResult) -> {
              cl.getErr().println("error: " + Errors.message(ex));
              return 1;
            });
  }

  @Override
  public Integer call() throws IOException {
    if (query != null && file != null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "give either QUERY or --file, not both");
    }
    List<String> statements = null;
    if (query != null) {
      statements = SqlStatements.script(query);
    } else if (file != null) {
      statements = SqlStatements.script(Files.readString(file, StandardCharsets.UTF_8));
    }
    SparkSession spark = start();
    try {
      SqlRunner runner = new SqlRunner(spark);
      if (statements != null) {
        for (String s : statements) {
          if (!runAndPrint(runner, s)) {
            return 1;
          }
        }
        return 0;
      }
      return prompt(
          runner,
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
          System.console() != null);
    } finally {
      spark.stop();
    }
  }

  private SparkSession start() {
    err.println("starting Spark (" + master + ")...");
    long t0 = System.nanoTime();
    SparkSession spark = SparkSessions.open(catalog.settings(), master);
    err.printf(
        Locale.ROOT,
        "Spark ready in %.1f s; catalog %s, namespace %s%n",
        (System.nanoTime() - t0) / 1e9,
        catalog.settings().name(),
        catalog.settings().namespace());
    return spark;
  }

  /**
   * Reads statements from {@code in} until end of input or {@code exit}; prompts when {@code
   * interactive}. A failing statement is reported and the prompt goes on; in a piped script the
   * exit code is 1 when any statement failed.
   */
  int prompt(StatementRunner runner, BufferedReader in, boolean interactive) throws IOException {
    StringBuilder buffer = new StringBuilder();
    boolean failed = false;
    while (true) {
      if (interactive) {
        out.print(buffer.length() == 0 ? PROMPT : CONTINUATION);
        out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        break;
      }
      if (buffer.length() == 0 && isExit(line)) {
        break;
      }
      buffer.append(line).append('\n');
      SqlStatements.Split split = SqlStatements.split(buffer.toString());
      for (String s : split.statements()) {
        if (isExit(s)) {
          return failed ? 1 : 0;
        }
        failed |= !runAndPrint(runner, s);
      }
      buffer.setLength(0);
      if (split.hasIncomplete()) {
        buffer.append(split.rest());
      }
    }
    if (!SqlStatements.stripComments(buffer.toString()).isBlank()) {
      failed |= !runAndPrint(runner, buffer.toString().strip());
    }
    return failed ? 1 : 0;
  }

  static boolean isExit(String line) {
    String l = line.strip().toLowerCase(Locale.ROOT);
    if (l.endsWith(";")) {
      l = l.substring(0, l.length() - 1).strip();
    }
    return l.equals("exit") || l.equals("quit");
  }

  /** Runs one statement and prints its rows; returns false (after printing why) when it failed. */
  private boolean runAndPrint(StatementRunner runner, String statement) {
    long t0 = System.nanoTime();
    QueryResult result;
    try {
      result = runner.run(statement, maxRows);
    } catch (RuntimeException e) {
      err.println("error: " + Errors.message(e));
      return false;
    }
    out.print(format.render(result));
    out.flush();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (result.columns().isEmpty()) {
      err.printf(Locale.ROOT, "OK (%.2f s)%n", seconds);
    } else {
      err.printf(
          Locale.ROOT,
          "%d row%s%s (%.2f s)%n",
          result.rows().size(),
          result.rows().size() == 1 ? "" : "s",
          result.truncated() ? ", more not shown (--max-rows)" : "",
          seconds);
    }
    return true;
  }

  /** picocli converter for {@link OutputFormat}. */
  static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a format; use table, csv or json");
      }
    }
  }
}
