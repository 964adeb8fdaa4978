package io.playstream.recs.job;

import com.datastax.oss.driver.api.core.CqlSession;
import io.playstream.events.ProfileRecommendations;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSinks;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import io.playstream.sinks.cassandra.CassandraSessions;
import io.playstream.sinks.cassandra.CassandraSink;
import io.playstream.sinks.cassandra.CassandraSinkOptions;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the real-time recommendation job: Kafka route topics in; {@code recs_by_profile} in
 * Cassandra (idempotent upserts), {@code playstream.recs} (exactly-once) and dead letters out.
 * Applies the CQL schema first unless {@code --skip-schema}.
 */
@Command(
    name = "recommendations",
    mixinStandardHelpOptions = true,
    description = "Playstream real-time recommendations (Flink job).")
public final class RecommendationJobMain implements Callable<Integer> {
  @Mixin FlinkJobOptions job = new FlinkJobOptions();
  @Mixin CassandraSinkOptions cassandra = new CassandraSinkOptions();
  @Mixin RecsJobOptions recs = new RecsJobOptions();

  @Option(names = "--skip-schema", description = "Do not apply the CQL schema before starting.")
  boolean skipSchema;

  @Option(names = "--no-cassandra", description = "Write only to Kafka (no Cassandra sink).")
  boolean noCassandra;

  @Option(
      names = "--models-dir",
      description =
          "Folder the batch trainer writes model versions to (FactorModelFiles); unset: no batch"
              + " model, kNN and trending only.")
  String modelsDir;

  @Option(
      names = "--models-poll",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "How often the models folder is checked for new versions (default: 10s).")
  java.time.Duration modelsPoll = java.time.Duration.ofSeconds(10);

  public static void main(String[] args) {
    int rc = new CommandLine(new RecommendationJobMain()).execute(args);
    if (rc != 0) {
      throw new IllegalStateException(RecommendationJob.NAME + " exited with " + rc);
    }
  }

  @Override
  public Integer call() throws Exception {
    String name = RecommendationJob.NAME;
    if (cassandra.dlqBootstrapServers == null || cassandra.dlqBootstrapServers.isBlank()) {
      cassandra.dlqBootstrapServers = job.bootstrapServers;
    }
    if (!noCassandra) {
      cassandra.validate();
      if (!skipSchema) {
        try (CqlSession session = CassandraSessions.open(cassandra, name + "-schema")) {
          CqlSchema.apply(session, cassandra.keyspace, cassandra.replication);
        }
      }
    }
    if (modelsDir != null && !modelsDir.contains("://")) {
      // the file source fails on a missing folder; the trainer may not have run yet
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(modelsDir));
    }
    StreamExecutionEnvironment env = JobEnvironment.create(job);
    RecommendationJob.Outputs out =
        RecommendationJob.build(
            source(env, recs.activityTopic, "activity"),
            source(env, recs.catalogTopic, "catalog"),
            modelsDir == null ? null : FactorModelFiles.source(env, modelsDir, modelsPoll),
            recs.config());
    attachSinks(out, job, cassandra, recs, !noCassandra);
    env.execute(name);
    return 0;
  }

  private DataStream<RawEvent> source(StreamExecutionEnvironment env, String topic, String what) {
    String name = RecommendationJob.NAME;
    return env.fromSource(
            PlatformSources.kafka(
                job.bootstrapServers,
                job.groupIdOr(name) + "-" + what,
                job.startingOffsets,
                List.of(topic)),
            WatermarkStrategy.noWatermarks(),
            what + " topic")
        .uid(name + "-source-" + what);
  }

  /** The catalog entry of the output topic, or one like {@code playstream.recs} named so. */
  static TopicSpec recsTopic(String name) {
    return Topics.byName(name)
        .orElseGet(
            () ->
                new TopicSpec(
                    name,
                    Topics.RECS.partitions(),
                    Topics.RECS.retention(),
                    false,
                    Topics.RECS.keyField(),
                    Topics.RECS.valueFormat(),
                    Topics.RECS.description()));
  }

  /** Kafka (exactly-once), Cassandra (idempotent upserts) and dead-letter sinks. */
  public static void attachSinks(
      RecommendationJob.Outputs out,
      FlinkJobOptions job,
      CassandraSinkOptions cassandra,
      RecsJobOptions recs,
      boolean withCassandra) {
    String name = RecommendationJob.NAME;
    DataStream<ProfileRecommendations> lists = out.recommendations();
    lists
        .sinkTo(
            PlatformSinks.<ProfileRecommendations>events(
                job.bootstrapServers,
                recsTopic(recs.recsTopic),
                DeliveryGuarantee.EXACTLY_ONCE,
                name + "-recs"))
        .name("recommendations -> " + recs.recsTopic)
        .uid(name + "-sink-kafka");
    if (withCassandra) {
      lists
          .sinkTo(
              CassandraSink.builder(new RecsRowMapper(name)).options(cassandra).name(name).build())
          .name("recommendations -> cassandra recs_by_profile")
          .uid(name + "-sink-cassandra");
    }
    out.deadLetters()
        .sinkTo(PlatformSinks.deadLetters(job.bootstrapServers, name + "-dlq"))
        .name("dead letters -> playstream.dlq")
        .uid(name + "-sink-dlq");
  }
}
