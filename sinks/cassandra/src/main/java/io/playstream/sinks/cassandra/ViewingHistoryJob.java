package io.playstream.sinks.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.schemas.Topics;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The viewing-history job: reads the {@code cassandra-history} route (PlaybackStopped, Rating) and
 * the sessionizer's {@code playstream.sessions} (PlaybackSessionSummary), and upserts them into
 * {@code viewing_history_by_profile}, {@code ratings_by_profile} and {@code
 * session_summaries_by_profile} through {@link CassandraSink}.
 *
 * <p>The main applies the versioned CQL schema first ({@link CqlSchema}, idempotent), then runs the
 * job with exactly-once checkpoints; the sink flushes on every checkpoint and its writes are
 * idempotent, so a restart from the last checkpoint (or from the committed offsets after a cancel)
 * rewrites identical rows and loses none. Records the sink cannot decode or write go to {@code
 * playstream.dlq} with the reason.
 */
@Command(
    name = "viewing-history",
    mixinStandardHelpOptions = true,
    description = "Writes viewing history, ratings and session summaries to Cassandra.")
public final class ViewingHistoryJob implements Callable<Integer> {
  /** Job name: consumer group, dead-letter component, driver session names. */
  public static final String NAME = "cassandra-viewing-history";

  /** Topics read by default. */
  public static final List<String> DEFAULT_TOPICS =
      List.of(Topics.route("cassandra-history").name(), Topics.SESSIONS.name());

  @Mixin FlinkJobOptions job = new FlinkJobOptions();

  @Mixin CassandraSinkOptions cassandra = new CassandraSinkOptions();

  @Option(
      names = "--topics",
      split = ",",
      description =
          "Topics to read (default: playstream.route.cassandra-history,playstream.sessions).")
  List<String> topics;

  @Option(
      names = "--skip-schema",
      description = "Do not apply the CQL schema before starting (it is applied by default).")
  boolean skipSchema;

  public static void main(String[] args) {
    int rc = new CommandLine(new ViewingHistoryJob()).execute(args);
    if (rc != 0) {
      throw new IllegalStateException(NAME + " exited with " + rc);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (cassandra.dlqBootstrapServers == null || cassandra.dlqBootstrapServers.isBlank()) {
      cassandra.dlqBootstrapServers = job.bootstrapServers;
    }
    cassandra.validate();
    if (!skipSchema) {
      try (CqlSession session = CassandraSessions.open(cassandra, NAME + "-schema")) {
        CqlSchema.Result r = CqlSchema.apply(session, cassandra.keyspace, cassandra.replication);
        System.out.println(
            "schema of keyspace "
                + cassandra.keyspace
                + ": applied "
                + r.appliedVersions()
                + ", "
                + r.alreadyApplied().size()
                + " already applied");
      }
    }
    StreamExecutionEnvironment env = JobEnvironment.create(job);
    reuseObjects(env);
    List<String> in = topics == null || topics.isEmpty() ? DEFAULT_TOPICS : topics;
    DataStream<RawEvent> raw =
        env.fromSource(
                PlatformSources.kafka(
                    job.bootstrapServers, job.groupIdOr(NAME), job.startingOffsets, in),
                WatermarkStrategy.noWatermarks(),
                "history topics")
            .uid(NAME + "-source");
    build(raw, sink(cassandra, Clock.systemUTC()));
    env.execute(NAME);
    return 0;
  }

  /**
   * The job: raw records of the history topics into the Cassandra sink. Tests pass a bounded or
   * fault-injecting stream and a sink on their own keyspace.
   */
  public static DataStreamSink<RawEvent> build(DataStream<RawEvent> raw, Sink<RawEvent> sink) {
    return raw.sinkTo(sink).name("cassandra history tables").uid(NAME + "-cassandra-sink");
  }

  /**
   * Object reuse on: no function of this job keeps a record after passing it on, so chained
   * operators may hand records over without a defensive copy.
   */
  public static StreamExecutionEnvironment reuseObjects(StreamExecutionEnvironment env) {
    env.getConfig().enableObjectReuse();
    return env;
  }

  /** The history sink: {@link HistoryMapper} with the options' TTL, named after the job. */
  public static CassandraSink<RawEvent> sink(CassandraSinkOptions options, Clock clock) {
    return CassandraSink.builder(new HistoryMapper(options.historyTtl, clock, NAME))
        .options(options)
        .name(NAME)
        .build();
  }
}
