package io.playstream.jobs;

import io.playstream.flink.FlinkJobOptions;
import io.playstream.jobs.cdn.CdnHealthJob;
import io.playstream.jobs.es.MetricDocuments;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the CDN / steering health job from the metrics-playback route topic. */
@Command(
    name = "cdn-health",
    mixinStandardHelpOptions = true,
    description = "Playstream CDN and steering health metrics (Flink job).")
public final class CdnHealthMain implements Callable<Integer> {
  @Mixin FlinkJobOptions job = new FlinkJobOptions();
  @Mixin MetricsJobsOptions metrics = new MetricsJobsOptions();

  public static void main(String[] args) {
    int rc = new CommandLine(new CdnHealthMain()).execute(args);
    if (rc != 0) {
      throw new IllegalStateException("cdn-health exited with " + rc);
    }
  }

  @Override
  public Integer call() throws Exception {
    JobWiring.applyTemplates(metrics);
    pipeline().execute(CdnHealthJob.NAME);
    return 0;
  }

  /** The job's environment with the whole graph built: source, builder, sinks. */
  StreamExecutionEnvironment pipeline() {
    String name = CdnHealthJob.NAME;
    StreamExecutionEnvironment env = JobWiring.environment(job);
    CdnHealthJob.Outputs out =
        CdnHealthJob.build(JobWiring.source(env, job, metrics.inputTopic, name), metrics);
    sinks(out, job, metrics);
    return env;
  }

  /** Attaches the Kafka sinks of the job's outputs (the main and the IT share this). */
  static void sinks(CdnHealthJob.Outputs out, FlinkJobOptions job, MetricsJobsOptions metrics) {
    String name = CdnHealthJob.NAME;
    TopicSpec cdn = MetricsJobsOptions.topic(Topics.METRICS_CDN, metrics.cdnTopic);
    JobWiring.events(out.servers(), job, cdn, name, "servers");
    JobWiring.events(out.steering(), job, cdn, name, "steering");
    JobWiring.events(out.healthChanges(), job, cdn, name, "health-changes");
    JobWiring.late(out.late(), job, metrics.lateTopic, name);
    JobWiring.deadLetters(out.deadLetters(), job, name);
    if (JobWiring.elasticsearchEnabled(metrics)) {
      JobWiring.elasticsearch(
          out.servers(), MetricDocuments::cdnServer, job, metrics, name, "servers");
      JobWiring.elasticsearch(
          out.steering(), MetricDocuments::steering, job, metrics, name, "steering");
      JobWiring.elasticsearch(
          out.healthChanges(), MetricDocuments::healthChange, job, metrics, name, "health-changes");
    }
  }
}
