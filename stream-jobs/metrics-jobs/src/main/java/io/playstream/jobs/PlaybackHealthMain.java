package io.playstream.jobs;

import io.playstream.flink.FlinkJobOptions;
import io.playstream.jobs.es.MetricDocuments;
import io.playstream.jobs.playback.PlaybackHealthJob;
import io.playstream.schemas.Topics;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the playback-health job (SPS, failure rate, startup latency percentiles, rebuffer ratio,
 * bitrate, SPS alerts) from the metrics-playback route topic to the metric topics.
 */
@Command(
    name = "playback-health",
    mixinStandardHelpOptions = true,
    description = "Playstream playback-health metrics and SPS alerts (Flink job).")
public final class PlaybackHealthMain implements Callable<Integer> {
  @Mixin FlinkJobOptions job = new FlinkJobOptions();
  @Mixin MetricsJobsOptions metrics = new MetricsJobsOptions();

  public static void main(String[] args) {
    int rc = new CommandLine(new PlaybackHealthMain()).execute(args);
    if (rc != 0) {
      throw new IllegalStateException("playback-health exited with " + rc);
    }
  }

  @Override
  public Integer call() throws Exception {
    applyTemplates();
    pipeline().execute(PlaybackHealthJob.NAME);
    return 0;
  }

  /** Applies the Elasticsearch index templates when the job indexes into Elasticsearch. */
  public void applyTemplates() {
    JobWiring.applyTemplates(metrics);
  }

  /**
   * The job's environment with the whole graph built: source, builder, sinks (the freshness bench
   * runs it as the main does, after parsing the same options).
   */
  public StreamExecutionEnvironment pipeline() {
    String name = PlaybackHealthJob.NAME;
    StreamExecutionEnvironment env = JobWiring.environment(job);
    PlaybackHealthJob.Outputs out =
        PlaybackHealthJob.build(JobWiring.source(env, job, metrics.inputTopic, name), metrics);
    sinks(out, job, metrics);
    return env;
  }

  /** Attaches the Kafka sinks of the job's outputs (the main and the IT share this). */
  static void sinks(
      PlaybackHealthJob.Outputs out, FlinkJobOptions job, MetricsJobsOptions metrics) {
    String name = PlaybackHealthJob.NAME;
    JobWiring.events(
        out.sps(),
        job,
        MetricsJobsOptions.topic(Topics.METRICS_SPS, metrics.spsTopic),
        name,
        "sps");
    JobWiring.events(
        out.quality(),
        job,
        MetricsJobsOptions.topic(Topics.METRICS_PLAYBACK_QUALITY, metrics.qualityTopic),
        name,
        "quality");
    JobWiring.events(
        out.alerts(),
        job,
        MetricsJobsOptions.topic(Topics.ALERTS, metrics.alertsTopic),
        name,
        "alerts");
    JobWiring.late(out.late(), job, metrics.lateTopic, name);
    JobWiring.deadLetters(out.deadLetters(), job, name);
    if (JobWiring.elasticsearchEnabled(metrics)) {
      JobWiring.elasticsearch(out.sps(), MetricDocuments::sps, job, metrics, name, "sps");
      JobWiring.elasticsearch(
          out.quality(), MetricDocuments::quality, job, metrics, name, "quality");
      JobWiring.elasticsearch(out.alerts(), MetricDocuments::alert, job, metrics, name, "alerts");
    }
  }
}
