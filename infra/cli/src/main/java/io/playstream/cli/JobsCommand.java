package io.playstream.cli;

import io.playstream.infra.PlatformConfig;
import io.playstream.infra.PlatformOptions;
import io.playstream.infra.flink.FlinkRestClient.JobSummary;
import io.playstream.infra.flink.FlinkRestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code playstream jobs ...}: the Flink jobs of the platform on the cluster at {@code
 * flink.rest-url}, submitted from the job catalog ({@link JobCatalog}) through the REST API.
 *
 * <p>Exit codes: 0 done; 1 the cluster refused or failed the request; 2 a usage problem (unknown
 * job name, missing jar, nothing running under that name); 3 the cluster is not reachable.
 */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = {
      "Submit, list, cancel and savepoint the platform's Flink jobs on the cluster at"
          + " flink.rest-url (started by `playstream up`; web UI on the same address).",
      "Jobs come from the job catalog (`playstream jobs catalog`); ID|NAME is a job id or the"
          + " catalog / Flink name of one running job."
    },
    subcommands = {
      JobsCommand.Submit.class,
      JobsCommand.Resubmit.class,
      JobsCommand.ListJobs.class,
      JobsCommand.Cancel.class,
      JobsCommand.Savepoint.class,
      JobsCommand.Catalog.class
    })
final class JobsCommand implements Runnable {
  /** Exit code of a usage problem. */
  static final int USAGE = 2;

  /** Exit code when the cluster cannot be reached. */
  static final int UNREACHABLE = 3;

  @ParentCommand PlaystreamCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--catalog",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Extra job catalog (YAML, the format of the built-in one); its entries add to or"
              + " replace the built-in ones by name.")
  Path catalogFile;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** A problem with what the user asked for (exit code 2), said in one line. */
  static final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
      super(message);
    }
  }

  /** A body of a subcommand that may throw. */
  interface Body {
    int run(FlinkJobs jobs) throws Exception;
  }

  /** Runs a subcommand body, turning known failures into a message and an exit code. */
  int execute(Body body) throws Exception {
    PlatformConfig config = cli.config();
    try {
      JobCatalog catalog = JobCatalog.load(catalogFile);
      return body.run(new FlinkJobs(config, catalog));
    } catch (UserError | IllegalArgumentException e) {
      System.err.println("playstream jobs: " + e.getMessage());
      return USAGE;
    } catch (FlinkRestException e) {
      System.err.println("playstream jobs: " + e.getMessage());
      if (e.status() < 0) {
        System.err.println(
            "  (is the platform up? `./playstream up` starts the local cluster; the address is"
                + " flink.rest-url = "
                + config.get(PlatformOptions.FLINK_REST_URL)
                + ")");
        return UNREACHABLE;
      }
      return 1;
    }
  }

  static String age(Instant then, Instant now) {
    return human(Duration.between(then, now)) + " ago";
  }

  /** {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 3d04h}. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86400, (s % 86400) / 3600);
  }

  static void printSubmitted(FlinkJobs.Submitted s, FlinkJobs jobs) {
    System.out.println(
        "submitted "
            + s.name()
            + " as job "
            + s.jobId()
            + " ("
            + s.state()
            + ")"
            + (s.savepoint() == null ? "" : ", restored from " + s.savepoint()));
    System.out.println("  web UI: " + jobs.rest().restUrl() + "/#/job/running/" + s.jobId());
  }

  /** Options shared by {@code submit} and {@code resubmit}. */
  static final class SubmitFlags {
    @Option(
        names = {"-p", "--parallelism"},
        paramLabel = "N",
        description = "Parallelism of the job (default: the catalog's, else the cluster's).")
    Integer parallelism;

    @Option(
        names = "--arg",
        paramLabel = "ARG",
        description = "Program argument appended after the catalog's (repeatable).")
    List<String> args = new ArrayList<>();

    @Option(
        names = "--allow-non-restored-state",
        description =
            "Restore even when savepoint state maps to no operator of the job (e.g. one was"
                + " removed).")
    boolean allowNonRestoredState;

    @Option(
        names = "--wait",
        paramLabel = "SECONDS",
        defaultValue = "120",
        description = "How long to wait for the job to run (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    FlinkJobs.SubmitOptions options(String savepoint) {
      if (parallelism != null && parallelism < 1) {
        throw new UserError("--parallelism must be at least 1");
      }
      return new FlinkJobs.SubmitOptions(
          savepoint, parallelism, args, allowNonRestoredState, Duration.ofSeconds(waitSeconds));
    }
  }

  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description = {
        "Upload the job's jar through the REST API and run it; waits until it runs.",
        "Fails when the jar is missing (naming the command that builds it) or the job already"
            + " runs."
      })
  static final class Submit implements Callable<Integer> {
    @ParentCommand JobsCommand parent;

    @Parameters(paramLabel = "NAME", description = "Catalog name (see `playstream jobs catalog`).")
    String name;

    @Option(
        names = "--from-savepoint",
        paramLabel = "PATH",
        description = "Restore the job's state from this savepoint (or retained checkpoint).")
    String savepoint;

    @CommandLine.Mixin SubmitFlags flags = new SubmitFlags();

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          jobs -> {
            JobCatalog.Entry entry = jobs.catalog().require(name);
            FlinkJobs.Submitted s = jobs.submit(entry, flags.options(savepoint));
            printSubmitted(s, jobs);
            return 0;
          });
    }
  }

  @Command(
      name = "resubmit",
      mixinStandardHelpOptions = true,
      description = {
        "Submit a job again from a savepoint: the one given, else the latest one `jobs"
            + " savepoint` or `down` took of it.",
        "Typical upgrade: `jobs savepoint NAME --stop`, rebuild the jar, `jobs resubmit NAME`."
      })
  static final class Resubmit implements Callable<Integer> {
    @ParentCommand JobsCommand parent;

    @Parameters(paramLabel = "NAME", description = "Catalog name.")
    String name;

    @Option(
        names = "--from-savepoint",
        paramLabel = "PATH",
        description = "The savepoint to restore from (default: the job's latest recorded one).")
    String savepoint;

    @CommandLine.Mixin SubmitFlags flags = new SubmitFlags();

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          jobs -> {
            JobCatalog.Entry entry = jobs.catalog().require(name);
            String from = savepoint;
            if (from == null) {
              from =
                  jobs.savepoints()
                      .latest(entry.name())
                      .map(JobSavepoints.Recorded::path)
                      .orElseThrow(
                          () ->
                              new UserError(
                                  "no savepoint of '"
                                      + name
                                      + "' is recorded; take one with `playstream jobs savepoint "
                                      + name
                                      + " --stop` or pass --from-savepoint PATH"));
            }
            FlinkJobs.Submitted s = jobs.submit(entry, flags.options(from));
            printSubmitted(s, jobs);
            return 0;
          });
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Jobs on the cluster: name, id, state, uptime and age of the last checkpoint.")
  static final class ListJobs implements Callable<Integer> {
    @ParentCommand JobsCommand parent;

    @Option(names = "--all", description = "Also jobs that ended (finished, cancelled, failed).")
    boolean all;

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          jobs -> {
            List<FlinkJobs.Row> rows = jobs.list(all);
            if (rows.isEmpty()) {
              System.out.println(all ? "no jobs on the cluster" : "no running jobs");
              return 0;
            }
            Instant now = Instant.now();
            System.out.printf(
                "%-24s %-32s %-12s %-9s %s%n",
                "NAME", "JOB ID", "STATE", "UPTIME", "LAST CHECKPOINT");
            for (FlinkJobs.Row r : rows) {
              JobSummary j = r.job();
              System.out.printf(
                  "%-24s %-32s %-12s %-9s %s%n",
                  r.name(),
                  j.id(),
                  j.state(),
                  j.isTerminal() ? "-" : human(Duration.between(j.startTime(), now)),
                  j.isTerminal()
                      ? "-"
                      : r.lastCheckpoint().map(t -> age(t, now)).orElse("none yet"));
            }
            return 0;
          });
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description =
          "Cancel a job without a savepoint (its last checkpoint is retained; `jobs savepoint"
              + " --stop` keeps its state explicitly).")
  static final class Cancel implements Callable<Integer> {
    @ParentCommand JobsCommand parent;

    @Parameters(paramLabel = "ID|NAME", description = "Job id, or name of one running job.")
    String job;

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          jobs -> {
            JobSummary j = jobs.cancel(job);
            System.out.println("cancelled " + jobs.nameOf(j) + " (job " + j.id() + ")");
            return 0;
          });
    }
  }

  @Command(
      name = "savepoint",
      mixinStandardHelpOptions = true,
      description = {
        "Take a savepoint of a running job and print its path; with --stop, stop the job with"
            + " it (stop-with-savepoint).",
        "The path is recorded as the job's latest savepoint for `jobs resubmit NAME`."
      })
  static final class Savepoint implements Callable<Integer> {
    @ParentCommand JobsCommand parent;

    @Parameters(paramLabel = "ID|NAME", description = "Job id, or name of one running job.")
    String job;

    @Option(names = "--stop", description = "Stop the job with the savepoint.")
    boolean stop;

    @Option(
        names = "--drain",
        description =
            "With --stop: emit the final watermark first (flushes event-time windows; for a final"
                + " shutdown, not for an upgrade).")
    boolean drain;

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          jobs -> {
            if (drain && !stop) {
              throw new UserError("--drain only goes with --stop");
            }
            String path = jobs.savepoint(job, stop, drain);
            System.out.println(path);
            return 0;
          });
    }
  }

  @Command(
      name = "catalog",
      mixinStandardHelpOptions = true,
      description = "The jobs this command can submit, whether their jars are built, and `up`'s.")
  static final class Catalog implements Callable<Integer> {
    @ParentCommand JobsCommand parent;

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          jobs -> {
            Path root = parent.cli.config().root();
            System.out.printf("%-24s %-5s %-6s %s%n", "NAME", "UP", "JAR", "DESCRIPTION");
            for (JobCatalog.Entry e : jobs.catalog().entries()) {
              boolean built = Files.isRegularFile(e.jarPath(root));
              System.out.printf(
                  "%-24s %-5s %-6s %s%n",
                  e.name(), e.up() ? "yes" : "no", built ? "built" : "MISSING", e.description());
              if (!built && !e.build().isEmpty()) {
                System.out.printf("%-37s build: %s%n", "", e.build());
              }
            }
            return 0;
          });
    }
  }
}
