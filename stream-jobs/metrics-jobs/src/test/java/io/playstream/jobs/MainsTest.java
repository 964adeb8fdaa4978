package io.playstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The mains parse the arguments `playstream jobs submit` passes and build their complete job graph
 * (Kafka source, builder, exactly-once Kafka sinks, Elasticsearch sinks) into a JobGraph: every
 * function serializable, every operator with an explicit uid. Nothing is executed.
 */
class MainsTest {
  private static final String[] ARGS = {
    "--bootstrap-servers",
    "127.0.0.1:1",
    "--checkpoint-interval",
    "PT5S",
    "--es-url",
    "http://127.0.0.1:1",
    "--skip-es-templates",
    "--parallelism",
    "1"
  };

  private static JobGraph graph(StreamExecutionEnvironment env) {
    Configuration c = new Configuration();
    c.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    env.configure(c);
    return env.getStreamGraph().getJobGraph();
  }

  private static List<String> names(JobGraph g) {
    List<String> out = new ArrayList<>();
    for (JobVertex v : g.getVertices()) {
      out.add(v.getName());
    }
    return out;
  }

  private static <T extends Callable<Integer>> T parse(T main) {
    new CommandLine(main).parseArgs(ARGS);
    return main;
  }

  @Test
  void playbackHealthMainBuildsItsGraphWithKafkaAndElasticsearchSinks() {
    PlaybackHealthMain main = parse(new PlaybackHealthMain());
    assertThat(main.job.checkpointInterval.toSeconds()).isEqualTo(5);
    assertThat(main.metrics.elasticsearchUrl).isEqualTo("http://127.0.0.1:1");
    JobGraph g = graph(main.pipeline());
    assertThat(String.join("|", names(g)))
        .contains("sps -> playstream.metrics.sps")
        .contains("quality -> playstream.metrics.playback-quality")
        .contains("alerts -> playstream.alerts")
        .contains("late -> playstream.metrics.late")
        .contains("dead letters -> playstream.dlq")
        .contains("sps -> elasticsearch")
        .contains("alerts -> elasticsearch");
  }

  @Test
  void cdnHealthMainBuildsItsGraph() {
    JobGraph g = graph(parse(new CdnHealthMain()).pipeline());
    assertThat(String.join("|", names(g)))
        .contains("servers -> playstream.metrics.cdn")
        .contains("steering -> playstream.metrics.cdn")
        .contains("health-changes -> playstream.metrics.cdn")
        .contains("health-changes -> elasticsearch");
  }

  @Test
  void sessionizerMainBuildsItsGraph() {
    JobGraph g = graph(parse(new SessionizerMain()).pipeline());
    assertThat(String.join("|", names(g)))
        .contains("sessions -> playstream.sessions")
        .contains("sessions -> elasticsearch");
  }
}
