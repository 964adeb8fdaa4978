package io.playstream.recs.job.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.TitleUpserted;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEventDeserializer;
import io.playstream.recs.job.RecommendationJob;
import io.playstream.recs.job.RecommendationJobMain;
import io.playstream.recs.job.RecsJobOptions;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.sinks.cassandra.CassandraSessions;
import io.playstream.sinks.cassandra.CassandraSinkOptions;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code playstream bench recs-latency}: the time from a play event produced to Kafka until the
 * profile's updated recommendations are readable in Cassandra ({@code recs_by_profile}), through
 * the real job (Flink MiniCluster, parallelism 1) on a running broker and node. Seeds a catalog and
 * background activity (so lists come from neighbours, not only trending), then measures {@code
 * --plays} plays one after another, each by a profile with history, each timed until a row newer
 * than the play is read. Ends with {@code RESULT name=recs-latency ours=<p99 ms> baseline=1000
 * ratio=<p99/1000> unit=ms} (the baseline is the 1 s target).
 */
@Command(
    name = "recs-latency",
    mixinStandardHelpOptions = true,
    description = "Play event -> updated recommendations in Cassandra, p50/p99.")
public final class RecsLatencyBenchMain implements Callable<Integer> {
  @Mixin CassandraSinkOptions cassandra = new CassandraSinkOptions();

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--plays", defaultValue = "200", description = "Measured plays.")
  int plays;

  @Option(names = "--warmup", defaultValue = "20", description = "Unmeasured plays first.")
  int warmup;

  @Option(names = "--titles", defaultValue = "200", description = "Catalog size.")
  int titles;

  @Option(names = "--profiles", defaultValue = "100", description = "Measured profiles.")
  int profiles;

  @Option(
      names = "--poll",
      defaultValue = "5",
      description = "Cassandra poll interval while waiting, ms.")
  int pollMs;

  @Option(names = "--timeout-ms", defaultValue = "30000", description = "Give up on one play.")
  long timeoutMs;

  private static final EventCodec CODEC = EventCodec.standard();

  public static void main(String[] args) {
    System.exit(new CommandLine(new RecsLatencyBenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String run = "recsbench" + UUID.randomUUID().toString().substring(0, 8);
    String activity = run + "-activity";
    String catalog = run + "-catalog";
    String recsTopic = run + "-recs";
    cassandra.dlqBootstrapServers = bootstrapServers;
    cassandra.validate();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin a = Admin.create(admin)) {
      a.createTopics(
              List.of(
                  new NewTopic(activity, 1, (short) 1),
                  new NewTopic(catalog, 1, (short) 1),
                  new NewTopic(recsTopic, 1, (short) 1)))
          .all()
          .get();
    }
    try (CqlSession session = CassandraSessions.open(cassandra, "recs-latency-bench");
        KafkaProducer<byte[], byte[]> producer = producer()) {
      CqlSchema.apply(session, cassandra.keyspace, cassandra.replication);
      PreparedStatement read =
          session.prepare(
              "SELECT generated_at FROM "
                  + cassandra.keyspace
                  + ".recs_by_profile WHERE profile_id = ?");
      SplittableRandom random = new SplittableRandom(42);
      List<SpecificRecord> seed = new ArrayList<>();
      for (int t = 0; t < titles; t++) {
        seed.add(title("t" + t));
      }
      send(producer, catalog, seed);
      seed.clear();
      // background: 200 profiles with 20 plays each from a popularity-skewed catalog
      for (int p = 0; p < 200; p++) {
        for (int k = 0; k < 20; k++) {
          seed.add(play(run + "-bg" + p, "t" + skewed(random), Instant.now()));
        }
      }
      send(producer, activity, seed);

      JobClient job = start(activity, catalog, recsTopic);
      try {
        Histogram h = new Histogram(60_000_000L, 3);
        int n = warmup + plays;
        for (int i = 0; i < n; i++) {
          String profile = run + "-p" + (i % profiles);
          Instant sent = Instant.now();
          long start = System.nanoTime();
          send(producer, activity, List.of(play(profile, "t" + skewed(random), sent)));
          long micros = awaitNewer(session, read, profile, sent, start);
          if (i >= warmup) {
            h.recordValue(micros);
          }
        }
        double p50 = h.getValueAtPercentile(50) / 1000.0;
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        System.out.printf(
            Locale.ROOT,
            "recs-latency: %d plays, play -> row in Cassandra: p50 %.1f ms, p99 %.1f ms, max %.1f"
                + " ms (debounce %s)%n",
            h.getTotalCount(),
            p50,
            p99,
            h.getMaxValue() / 1000.0,
            new RecsJobOptions().debounce);
        System.out.printf(
            Locale.ROOT,
            "RESULT name=recs-latency ours=%.1f baseline=1000 ratio=%.3f unit=ms%n",
            p99,
            p99 / 1000.0);
      } finally {
        job.cancel().get();
      }
    }
    return 0;
  }

  private long awaitNewer(
      CqlSession session, PreparedStatement read, String profile, Instant sent, long start)
      throws InterruptedException {
    long deadline = start + Duration.ofMillis(timeoutMs).toNanos();
    while (System.nanoTime() < deadline) {
      Row r = session.execute(read.bind(profile)).one();
      if (r != null && !r.getInstant(0).isBefore(sent)) {
        return (System.nanoTime() - start) / 1000;
      }
      Thread.sleep(pollMs); // polling interval of the measurement itself, not a wait for a result
    }
    throw new IllegalStateException("no recommendations for " + profile + " within " + timeoutMs);
  }

  private int skewed(SplittableRandom random) {
    // Zipf-like: square of a uniform draw favours low title numbers
    double u = random.nextDouble();
    return (int) (u * u * titles);
  }

  private JobClient start(String activity, String catalog, String recsTopic) throws Exception {
    FlinkJobOptions o = new FlinkJobOptions();
    o.bootstrapServers = bootstrapServers;
    o.checkpointInterval = Duration.ofSeconds(5);
    o.stateBackend = "hashmap";
    o.parallelism = 1;
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.configuration(o));
    JobEnvironment.configure(env, o);
    RecsJobOptions recs = new RecsJobOptions();
    recs.recsTopic = recsTopic;
    RecommendationJob.Outputs out =
        RecommendationJob.build(
            source(env, o, activity, "activity"),
            source(env, o, catalog, "catalog"),
            null,
            recs.config());
    RecommendationJobMain.attachSinks(out, o, cassandra, recs, true);
    return env.executeAsync("recs-latency-bench");
  }

  private static DataStream<RawEvent> source(
      StreamExecutionEnvironment env, FlinkJobOptions o, String topic, String what) {
    return env.fromSource(
            PlatformSources.kafka(
                o.bootstrapServers,
                topic + "-bench",
                PlatformSources.StartingOffsets.EARLIEST,
                List.of(topic)),
            WatermarkStrategy.noWatermarks(),
            what)
        .uid("bench-source-" + what);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, List<SpecificRecord> events)
      throws Exception {
    for (SpecificRecord e : events) {
      EventType type = EventType.of(e);
      ProducerRecord<byte[], byte[]> r =
          new ProducerRecord<>(
              topic, type.keyOf(e).getBytes(StandardCharsets.UTF_8), CODEC.encode(e));
      r.headers()
          .add(
              RawEventDeserializer.EVENT_TYPE_HEADER,
              type.simpleName().getBytes(StandardCharsets.UTF_8));
      producer.send(r);
    }
    producer.flush();
  }

  private static TitleUpserted title(String id) {
    return TitleUpserted.newBuilder()
        .setHeader(Events.newHeader("catalog", "bench", Instant.now(), null))
        .setTitleId(id)
        .setName(id)
        .setGenres(List.of("Drama"))
        .setReleaseYear(2020)
        .setLicensedCountries(List.of("SE"))
        .setMaturityRating("PG")
        .setDurationSeconds(5400)
        .build();
  }

  private static PlaybackStarted play(String profile, String title, Instant at) {
    return PlaybackStarted.newBuilder()
        .setHeader(Events.newHeader("playback", "bench", at, null))
        .setSessionId(UUID.randomUUID().toString())
        .setProfileId(profile)
        .setTitleId(title)
        .setDeviceType("tv")
        .setCountry("SE")
        .setRegion("eu-north")
        .setIsp("bench")
        .setClientIp(null)
        .setCdnServerId("oca-1")
        .setStartupLatencyMs(800)
        .setInitialBitrateKbps(3000)
        .build();
  }
}
