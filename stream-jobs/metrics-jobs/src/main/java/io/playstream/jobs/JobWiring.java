package io.playstream.jobs;

import io.playstream.flink.DeadLetter;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSinks;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.jobs.es.MetricDocument;
import io.playstream.schemas.TopicSpec;
import io.playstream.sinks.elasticsearch.ElasticsearchSink;
import io.playstream.sinks.elasticsearch.EsAction;
import io.playstream.sinks.elasticsearch.EsClient;
import io.playstream.sinks.elasticsearch.IndexTemplates;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What every metrics-job main does around its builder: environment, Kafka source and sinks. */
public final class JobWiring {
  private JobWiring() {}

  /**
   * The job's environment: exactly-once checkpoints, the configured state backend (RocksDB by
   * default) and restarts from {@code JobEnvironment}; object reuse on (every function of these
   * jobs emits new objects and keeps no reference to its input beyond the call, except the
   * pre-aggregators, which only keep objects their upstream map created for them); and no
   * auto-generated operator uids.
   */
  public static StreamExecutionEnvironment environment(FlinkJobOptions job) {
    StreamExecutionEnvironment env = JobEnvironment.create(job);
    env.getConfig().enableObjectReuse();
    // every operator names its uid, so a changed job still restores its state
    Configuration strictUids = new Configuration();
    strictUids.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    env.configure(strictUids);
    return env;
  }

  /** The route topic as a raw stream with event-time timestamps and watermarks. */
  public static DataStream<RawEvent> source(
      StreamExecutionEnvironment env, FlinkJobOptions job, String topic, String jobName) {
    return env.fromSource(
            PlatformSources.kafka(
                job.bootstrapServers, job.groupIdOr(jobName), job.startingOffsets, List.of(topic)),
            PlatformSources.eventTime(job),
            jobName + " source")
        .uid(jobName + "-source");
  }

  /** Writes Avro events exactly-once to a topic; {@code sinkName} is unique within the job. */
  public static <T extends SpecificRecord> void events(
      DataStream<T> stream, FlinkJobOptions job, TopicSpec topic, String jobName, String sinkName) {
    stream
        .sinkTo(
            PlatformSinks.<T>events(
                job.bootstrapServers,
                topic,
                DeliveryGuarantee.EXACTLY_ONCE,
                jobName + "-" + sinkName))
        .name(sinkName + " -> " + topic.name())
        .uid(jobName + "-sink-" + sinkName);
  }

  /** Writes late raw records (original bytes and headers) exactly-once to the late topic. */
  public static void late(
      DataStream<RawEvent> late, FlinkJobOptions job, String topic, String jobName) {
    late.sinkTo(
            PlatformSinks.raw(
                job.bootstrapServers, topic, DeliveryGuarantee.EXACTLY_ONCE, jobName + "-late"))
        .name("late -> " + topic)
        .uid(jobName + "-sink-late");
  }

  /** Writes dead letters exactly-once to the DLQ. */
  public static void deadLetters(DataStream<DeadLetter> dead, FlinkJobOptions job, String jobName) {
    dead.sinkTo(PlatformSinks.deadLetters(job.bootstrapServers, jobName + "-dlq"))
        .name("dead letters -> playstream.dlq")
        .uid(jobName + "-sink-dlq");
  }

  /** A named, serializable output → document function (see {@code MetricDocuments}). */
  @FunctionalInterface
  public interface Documents<T> extends Serializable {
    MetricDocument of(T element);
  }

  /** True when the job should also index into Elasticsearch. */
  public static boolean elasticsearchEnabled(MetricsJobsOptions metrics) {
    return metrics.elasticsearchUrl != null && !metrics.elasticsearchUrl.isBlank();
  }

  /** Applies the sink's index templates (metrics, alerts) unless told not to. */
  public static void applyTemplates(MetricsJobsOptions metrics) {
    if (elasticsearchEnabled(metrics) && !metrics.skipEsTemplates) {
      try (EsClient client = EsClient.open(URI.create(metrics.elasticsearchUrl))) {
        IndexTemplates.apply(client.rest());
      }
    }
  }

  /**
   * Indexes a stream into Elasticsearch with the document function's deterministic ids (a replay
   * overwrites); documents Elasticsearch rejects go to the DLQ.
   */
  public static <T> void elasticsearch(
      DataStream<T> stream,
      Documents<T> documents,
      FlinkJobOptions job,
      MetricsJobsOptions metrics,
      String jobName,
      String sinkName) {
    ElasticsearchSink<T> sink =
        ElasticsearchSink.<T>builder(
                e -> {
                  MetricDocument d = documents.of(e);
                  return EsAction.index(d.index(), d.id(), d.fields());
                })
            .url(metrics.elasticsearchUrl)
            .maxTimeInBuffer(metrics.esMaxTimeInBuffer)
            .deadLetterBootstrapServers(job.bootstrapServers)
            .component(jobName + "-es-" + sinkName)
            .build();
    stream.sinkTo(sink).name(sinkName + " -> elasticsearch").uid(jobName + "-es-" + sinkName);
  }
}
