package io.playstream.cli;

import io.playstream.infra.FlinkLauncher;
import io.playstream.infra.PlatformConfig;
import io.playstream.infra.PlatformOptions;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.flink.FlinkRestClient.JobSummary;
import io.playstream.infra.flink.FlinkRestException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The job operations behind {@code playstream jobs} and the job steps of {@code up} and {@code
 * down}: submit catalog jobs (upload the jar through the REST API, run it, wait until it runs),
 * list, cancel, savepoint (also stop-with-savepoint), with the latest savepoint of each job kept in
 * {@link JobSavepoints}.
 */
final class FlinkJobs {
  private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);

  /** Options of one submission. */
  record SubmitOptions(
      String savepoint,
      Integer parallelism,
      List<String> extraArgs,
      boolean allowNonRestoredState,
      Duration waitFor) {
    SubmitOptions {
      extraArgs = List.copyOf(extraArgs);
    }

    static SubmitOptions defaults() {
      return new SubmitOptions(null, null, List.of(), false, DEFAULT_WAIT);
    }

    SubmitOptions fromSavepoint(String path) {
      return new SubmitOptions(path, parallelism, extraArgs, allowNonRestoredState, waitFor);
    }
  }

  /** A submitted job. */
  record Submitted(String name, String jobId, String state, String savepoint) {}

  /** A row of {@code jobs list}. */
  record Row(String name, JobSummary job, Optional<Instant> lastCheckpoint) {}

  private final PlatformConfig config;
  private final JobCatalog catalog;
  private final FlinkRestClient rest;
  private final JobSavepoints savepoints;

  FlinkJobs(PlatformConfig config, JobCatalog catalog) {
    this(config, catalog, new FlinkRestClient(config.get(PlatformOptions.FLINK_REST_URL)));
  }

  FlinkJobs(PlatformConfig config, JobCatalog catalog, FlinkRestClient rest) {
    this.config = config;
    this.catalog = catalog;
    this.rest = rest;
    this.savepoints =
        new JobSavepoints(
            config.stateLayout().dataDir(FlinkLauncher.COMPONENT).resolve("savepoints.json"));
  }

  FlinkRestClient rest() {
    return rest;
  }

  JobCatalog catalog() {
    return catalog;
  }

  JobSavepoints savepoints() {
    return savepoints;
  }

  /**
   * Submits a catalog job and waits until it runs.
   *
   * @throws JobsCommand.UserError when the jar is missing (naming the build command), the job
   *     already runs, or it fails while starting (with Flink's reason)
   */
  Submitted submit(JobCatalog.Entry entry, SubmitOptions options) {
    Path jar = entry.jarPath(config.root());
    if (!Files.isRegularFile(jar)) {
      throw new JobsCommand.UserError(
          "job '"
              + entry.name()
              + "': its jar "
              + jar
              + " does not exist"
              + (entry.build().isEmpty() ? "" : "; build it with: " + entry.build()));
    }
    List<JobSummary> running = active(entry.jobName());
    if (!running.isEmpty()) {
      throw new JobsCommand.UserError(
          "job '"
              + entry.name()
              + "' already runs as "
              + running.get(0).id()
              + " ("
              + running.get(0).state()
              + "); cancel it or stop it with `playstream jobs savepoint "
              + entry.name()
              + " --stop` first");
    }
    List<String> args = new ArrayList<>(entry.resolvedArgs(config));
    args.addAll(options.extraArgs());
    Integer parallelism =
        options.parallelism() != null ? options.parallelism() : entry.parallelism();
    String jarId = rest.uploadJar(jar);
    String jobId;
    try {
      jobId =
          rest.run(
              jarId,
              entry.entryClass(),
              args,
              parallelism,
              options.savepoint(),
              options.allowNonRestoredState());
    } finally {
      // the job graph carries its own copy of the jar: the upload is not needed any more
      try {
        rest.deleteJar(jarId);
      } catch (FlinkRestException e) {
        // leaves one file in web.upload.dir; not worth failing the submission for
      }
    }
    String state = awaitStarted(jobId, options.waitFor());
    if (state.equals("FAILED")) {
      throw new JobsCommand.UserError(
          "job '" + entry.name() + "' (" + jobId + ") failed while starting: " + failure(jobId));
    }
    return new Submitted(entry.name(), jobId, state, options.savepoint());
  }

  /** Jobs of the cluster with their catalog names and last checkpoint; terminal ones if asked. */
  List<Row> list(boolean includeTerminal) {
    List<Row> rows = new ArrayList<>();
    for (JobSummary j : rest.jobs()) {
      if (j.isTerminal() && !includeTerminal) {
        continue;
      }
      Optional<Instant> last = Optional.empty();
      if (!j.isTerminal()) {
        try {
          last =
              rest.checkpoints(j.id())
                  .latestCompleted()
                  .map(FlinkRestClient.CompletedCheckpoint::completed);
        } catch (FlinkRestException e) {
          // a job that just ended: no checkpoint column
        }
      }
      rows.add(new Row(nameOf(j), j, last));
    }
    return rows;
  }

  /** The catalog name of a job, or its Flink name when the catalog does not know it. */
  String nameOf(JobSummary job) {
    return catalog.findByJobName(job.name()).map(JobCatalog.Entry::name).orElse(job.name());
  }

  /**
   * The job meant by {@code idOrName}: a 32-digit job id (any state), or a catalog name or Flink
   * job name of exactly one running job.
   *
   * @throws JobsCommand.UserError when nothing or more than one job matches
   */
  JobSummary resolve(String idOrName) {
    List<JobSummary> jobs = rest.jobs();
    if (JOB_ID.matcher(idOrName).matches()) {
      return jobs.stream()
          .filter(j -> j.id().equals(idOrName))
          .findFirst()
          .orElseThrow(
              () -> new JobsCommand.UserError("the cluster has no job with id " + idOrName));
    }
    String jobName = catalog.find(idOrName).map(JobCatalog.Entry::jobName).orElse(idOrName);
    List<JobSummary> matching =
        jobs.stream().filter(j -> !j.isTerminal() && j.name().equals(jobName)).toList();
    if (matching.isEmpty()) {
      List<String> active =
          jobs.stream().filter(j -> !j.isTerminal()).map(j -> nameOf(j) + " " + j.id()).toList();
      throw new JobsCommand.UserError(
          "no running job named '"
              + idOrName
              + "'"
              + (active.isEmpty()
                  ? "; nothing runs on the cluster"
                  : "; running: " + String.join(", ", active)));
    }
    if (matching.size() > 1) {
      throw new JobsCommand.UserError(
          "more than one running job is named '"
              + idOrName
              + "': "
              + String.join(", ", matching.stream().map(JobSummary::id).toList())
              + "; give the job id");
    }
    return matching.get(0);
  }

  /** Cancels the job meant by {@code idOrName} and waits until it is CANCELED. */
  JobSummary cancel(String idOrName) {
    JobSummary job = resolve(idOrName);
    if (job.isTerminal()) {
      throw new JobsCommand.UserError("job " + job.id() + " already ended " + job.state());
    }
    rest.cancel(job.id());
    rest.awaitTerminal(job.id(), DEFAULT_WAIT);
    return job;
  }

  /**
   * Takes a savepoint of the job meant by {@code idOrName} into the cluster's savepoint folder;
   * with {@code stop}, stops the job with it. Records it as the job's latest savepoint.
   *
   * @return the savepoint path
   */
  String savepoint(String idOrName, boolean stop, boolean drain) {
    JobSummary job = resolve(idOrName);
    if (job.isTerminal()) {
      throw new JobsCommand.UserError("job " + job.id() + " already ended " + job.state());
    }
    String path =
        stop
            ? rest.stopWithSavepoint(job.id(), null, drain)
            : rest.triggerSavepoint(job.id(), null, false);
    savepoints.record(
        nameOf(job),
        path,
        job.id(),
        stop ? JobSavepoints.Reason.STOP : JobSavepoints.Reason.SAVEPOINT);
    return path;
  }

  /**
   * For {@code down}: stops every running job with a savepoint, recorded so that {@code up} resumes
   * it. A job whose savepoint fails is reported and left for the cluster shutdown.
   */
  void stopAllWithSavepoints(PrintStream progress) {
    for (JobSummary j : rest.jobs()) {
      if (j.isTerminal()) {
        continue;
      }
      String name = nameOf(j);
      try {
        String path = rest.stopWithSavepoint(j.id(), null, false);
        savepoints.record(name, path, j.id(), JobSavepoints.Reason.DOWN);
        progress.printf("  %-10s stopped job %s with savepoint %s%n", "flink", name, path);
      } catch (FlinkRestException e) {
        progress.printf(
            "  %-10s warning: no savepoint of job %s (%s): %s%n",
            "flink", name, j.id(), e.getMessage());
      }
    }
  }

  /**
   * For {@code up}: submits every {@code up: true} catalog job that does not run, in order,
   * resuming from the savepoint an earlier {@code down} took. A missing jar or a failed submission
   * is reported and skipped: the rest of the platform still comes up.
   */
  void submitUpJobs(PrintStream progress) {
    for (JobCatalog.Entry e : catalog.upEntries()) {
      if (!active(e.jobName()).isEmpty()) {
        progress.printf("  %-10s job %s already runs%n", "flink", e.name());
        continue;
      }
      Optional<JobSavepoints.Recorded> resume =
          savepoints.latest(e.name()).filter(r -> r.reason() == JobSavepoints.Reason.DOWN);
      SubmitOptions options = SubmitOptions.defaults();
      if (resume.isPresent()) {
        options = options.fromSavepoint(resume.get().path());
      }
      try {
        Submitted s = submit(e, options);
        resume.ifPresent(r -> savepoints.mark(e.name(), JobSavepoints.Reason.RESUMED));
        progress.printf(
            "  %-10s job %s %s as %s%s%n",
            "flink",
            e.name(),
            s.state(),
            s.jobId(),
            resume.map(r -> " (resumed from " + r.path() + ")").orElse(""));
      } catch (JobsCommand.UserError | FlinkRestException | IllegalArgumentException ex) {
        progress.printf(
            "  %-10s warning: job %s not submitted: %s%n", "flink", e.name(), ex.getMessage());
      }
    }
  }

  private List<JobSummary> active(String jobName) {
    return rest.jobs().stream().filter(j -> !j.isTerminal() && j.name().equals(jobName)).toList();
  }

  /**
   * Waits until the job and all its tasks run (a job is RUNNING while its tasks still deploy, and a
   * savepoint of it would fail), or it ends, or the time is up; returns the job state.
   */
  private String awaitStarted(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      FlinkRestClient.JobDetails d = rest.job(jobId);
      boolean tasksRunning =
          d.state().equals("RUNNING")
              && d.vertices().stream().allMatch(v -> v.status().equals("RUNNING"));
      if (tasksRunning || d.job().isTerminal() || System.nanoTime() > deadline) {
        return d.state();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return d.state();
      }
    }
  }

  private String failure(String jobId) {
    try {
      return rest.exceptionSummary(jobId).orElse("no exception recorded; see the JobManager log");
    } catch (FlinkRestException e) {
      return e.getMessage();
    }
  }
}
