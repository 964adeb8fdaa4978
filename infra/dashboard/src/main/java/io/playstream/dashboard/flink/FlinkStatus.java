package io.playstream.dashboard.flink;

import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.flink.FlinkRestClient.CheckpointStats;
import io.playstream.infra.flink.FlinkRestClient.ClusterOverview;
import io.playstream.infra.flink.FlinkRestClient.CompletedCheckpoint;
import io.playstream.infra.flink.FlinkRestClient.JobSummary;
import io.playstream.infra.flink.FlinkRestException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the Flink REST API (through local-stack's {@link FlinkRestClient}) for the jobs panel:
 * every running job with its state, uptime and checkpoints (completed, failed, age of the latest
 * completed one — the figure that says whether exactly-once outputs are still being committed), and
 * the most recent finished, cancelled or failed jobs.
 *
 * <p>{@link #poll()} is called by one scheduler thread; {@link #view()} from any thread.
 */
public final class FlinkStatus {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkStatus.class);
  private static final int MAX_ENDED_JOBS = 10;

  private final FlinkRestClient client;
  private final Clock clock;
  private volatile JobsView view;

  public FlinkStatus(FlinkRestClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.view =
        new JobsView(0, client.restUrl().toString(), false, "not polled yet", null, List.of());
  }

  /** The latest poll's result. */
  public JobsView view() {
    return view;
  }

  /** Reads the overview, the jobs and their checkpoints once; never throws. */
  public void poll() {
    long now = clock.millis();
    String url = client.restUrl().toString();
    try {
      ClusterOverview overview = client.overview();
      List<JobRow> rows = new ArrayList<>();
      int ended = 0;
      for (JobSummary job : client.jobs()) {
        if (job.isTerminal()) {
          if (ended++ < MAX_ENDED_JOBS) {
            rows.add(row(job, null, now));
          }
          continue;
        }
        CheckpointStats checkpoints = null;
        try {
          checkpoints = client.checkpoints(job.id());
        } catch (FlinkRestException e) {
          LOG.debug("no checkpoint statistics for job {}: {}", job.id(), e.getMessage());
        }
        rows.add(row(job, checkpoints, now));
      }
      view =
          new JobsView(
              now,
              url,
              true,
              null,
              new Cluster(
                  overview.taskManagers(),
                  overview.slotsTotal(),
                  overview.slotsAvailable(),
                  overview.jobsRunning(),
                  overview.jobsFailed(),
                  overview.flinkVersion()),
              rows);
    } catch (FlinkRestException e) {
      LOG.debug("Flink poll failed: {}", e.getMessage());
      view = new JobsView(now, url, false, e.getMessage(), null, view.jobs());
    }
  }

  /** One job as the panel shows it (a pure function: unit-tested). */
  static JobRow row(JobSummary job, CheckpointStats checkpoints, long now) {
    Long lastAt = null;
    Long age = null;
    Long duration = null;
    Long completed = null;
    Long failed = null;
    String restoredFrom = null;
    if (checkpoints != null) {
      completed = checkpoints.completed();
      failed = checkpoints.failed();
      if (checkpoints.latestCompleted().isPresent()) {
        CompletedCheckpoint c = checkpoints.latestCompleted().get();
        lastAt = c.completed().toEpochMilli();
        age = Math.max(0, now - lastAt);
        duration = Math.max(0, c.completed().toEpochMilli() - c.triggered().toEpochMilli());
      }
      restoredFrom = checkpoints.restored().map(r -> r.externalPath()).orElse(null);
    }
    return new JobRow(
        job.id(),
        job.name(),
        job.state(),
        job.startTime().toEpochMilli(),
        job.duration().toMillis(),
        completed,
        failed,
        lastAt,
        age,
        duration,
        restoredFrom);
  }

  /** The jobs panel. */
  public record JobsView(
      long updatedAt,
      String url,
      boolean reachable,
      String error,
      Cluster cluster,
      List<JobRow> jobs) {}

  /** The cluster overview. */
  public record Cluster(
      int taskManagers,
      int slotsTotal,
      int slotsAvailable,
      int jobsRunning,
      int jobsFailed,
      String flinkVersion) {}

  /** One job. Checkpoint figures are null for ended jobs and before the first checkpoint. */
  public record JobRow(
      String id,
      String name,
      String state,
      long startTime,
      long durationMs,
      Long checkpointsCompleted,
      Long checkpointsFailed,
      Long lastCheckpointAt,
      Long checkpointAgeMs,
      Long lastCheckpointDurationMs,
      String restoredFrom) {}
}
