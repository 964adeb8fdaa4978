package io.playstream.sinks.elasticsearch;

import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSinks;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.schemas.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs {@link TitleIndexJob}: the catalog route from Kafka into {@code playstream-titles}, with the
 * index templates applied first. The main class of {@code sink-elasticsearch-job.jar}.
 */
@Command(
    name = "title-index",
    mixinStandardHelpOptions = true,
    description = "Indexes the catalog route into Elasticsearch (playstream-titles).")
public final class TitleIndexMain implements Callable<Integer> {
  @Mixin FlinkJobOptions job = new FlinkJobOptions();

  @Option(
      names = "--es-url",
      defaultValue = "http://127.0.0.1:9200",
      description = "Elasticsearch HTTP address (default ${DEFAULT-VALUE}).")
  URI esUrl;

  @Option(
      names = "--index",
      defaultValue = IndexTemplates.TITLES_INDEX,
      description = "Title index (default ${DEFAULT-VALUE}).")
  String index;

  @Option(
      names = "--max-batch-size",
      defaultValue = "1000",
      description = "Actions per bulk request (default ${DEFAULT-VALUE}).")
  int maxBatchSize;

  @Option(
      names = "--max-in-flight-requests",
      defaultValue = "2",
      description = "Bulk requests in flight per subtask (default ${DEFAULT-VALUE}).")
  int maxInFlightRequests;

  @Option(
      names = "--max-time-in-buffer",
      defaultValue = "1s",
      converter = EsAdminMain.DurationConverter.class,
      description = "Longest an action waits before a bulk request (default ${DEFAULT-VALUE}).")
  Duration maxTimeInBuffer;

  @Option(
      names = "--skip-templates",
      description = "Do not apply the index templates before starting.")
  boolean skipTemplates;

  public static void main(String[] args) {
    // no System.exit: on a session cluster this main runs inside the JobManager (REST jar run),
    // and exiting would shut the JobManager down
    int rc = new CommandLine(new TitleIndexMain()).execute(args);
    if (rc != 0) {
      throw new IllegalStateException("title-index exited with code " + rc + " (see above)");
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!skipTemplates) {
      try (EsClient client = EsClient.open(esUrl)) {
        IndexTemplates.apply(client.rest());
      }
    }
    StreamExecutionEnvironment env = JobEnvironment.create(job);
    String topic = Topics.route("catalog").name();
    DataStream<RawEvent> catalog =
        env.fromSource(
                PlatformSources.kafka(
                    job.bootstrapServers,
                    job.groupIdOr(TitleIndexJob.NAME),
                    job.startingOffsets,
                    List.of(topic)),
                PlatformSources.eventTime(job),
                "catalog route")
            .uid(TitleIndexJob.NAME + "-source");
    ElasticsearchSink<EsAction> sink =
        ElasticsearchSink.forActions(
            ElasticsearchSinkOptions.builder()
                .url(esUrl)
                .maxBatchSize(maxBatchSize)
                .maxInFlightRequests(maxInFlightRequests)
                .maxTimeInBuffer(maxTimeInBuffer)
                .deadLetterBootstrapServers(job.bootstrapServers)
                .component(TitleIndexJob.NAME)
                .build());
    TitleIndexJob.build(
        catalog,
        sink,
        PlatformSinks.deadLetters(job.bootstrapServers, TitleIndexJob.NAME + "-dlq"),
        index);
    env.execute(TitleIndexJob.NAME);
    return 0;
  }
}
