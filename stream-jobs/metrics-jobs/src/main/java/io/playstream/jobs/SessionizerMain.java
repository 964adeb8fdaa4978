package io.playstream.jobs;

import io.playstream.flink.FlinkJobOptions;
import io.playstream.jobs.es.MetricDocuments;
import io.playstream.jobs.sessions.SessionizerJob;
import io.playstream.schemas.Topics;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the sessionizer from the metrics-playback route topic to {@code playstream.sessions}. */
@Command(
    name = "sessionizer",
    mixinStandardHelpOptions = true,
    description = "Playstream playback session summaries (Flink job).")
public final class SessionizerMain implements Callable<Integer> {
  @Mixin FlinkJobOptions job = new FlinkJobOptions();
  @Mixin MetricsJobsOptions metrics = new MetricsJobsOptions();

  public static void main(String[] args) {
    int rc = new CommandLine(new SessionizerMain()).execute(args);
    if (rc != 0) {
      throw new IllegalStateException("sessionizer exited with " + rc);
    }
  }

  @Override
  public Integer call() throws Exception {
    JobWiring.applyTemplates(metrics);
    pipeline().execute(SessionizerJob.NAME);
    return 0;
  }

  /** The job's environment with the whole graph built: source, builder, sinks. */
  StreamExecutionEnvironment pipeline() {
    String name = SessionizerJob.NAME;
    StreamExecutionEnvironment env = JobWiring.environment(job);
    SessionizerJob.Outputs out =
        SessionizerJob.build(JobWiring.source(env, job, metrics.inputTopic, name), metrics);
    sinks(out, job, metrics);
    return env;
  }

  /** Attaches the Kafka sinks of the job's outputs (the main and the IT share this). */
  static void sinks(SessionizerJob.Outputs out, FlinkJobOptions job, MetricsJobsOptions metrics) {
    String name = SessionizerJob.NAME;
    JobWiring.events(
        out.sessions(),
        job,
        MetricsJobsOptions.topic(Topics.SESSIONS, metrics.sessionsTopic),
        name,
        "sessions");
    JobWiring.deadLetters(out.deadLetters(), job, name);
    if (JobWiring.elasticsearchEnabled(metrics)) {
      JobWiring.elasticsearch(
          out.sessions(), MetricDocuments::session, job, metrics, name, "sessions");
    }
  }
}
