package io.playstream.bench;

import io.playstream.router.HashKey;
import io.playstream.router.Projection;
import io.playstream.router.Route;
import io.playstream.router.Router;
import io.playstream.router.RouterMetrics;
import io.playstream.router.RouterOptions;
import io.playstream.router.RouterStreamsConfig;
import io.playstream.router.RoutesClient;
import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import io.playstream.simulator.DirectKafkaLoad;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * {@code playstream bench router}: the event router with 10 active routes (filters, projections, a
 * sample) against a bare Kafka Streams consume→produce pipe over the same records, on a broker
 * started for the bench.
 *
 * <p>Simulated events are produced once to the fronting topics. Each round then runs one side over
 * all of them from the beginning, with a fresh application id (so a fresh consumer group and
 * transactional ids) and a fresh state directory: ours is {@link Router#start} as {@code
 * RouterMain} runs it (exactly-once v2, its HTTP server on a free port); the baseline is a topology
 * that copies every fronting record unchanged to one output topic, configured with the same {@link
 * RouterStreamsConfig#properties} (processing guarantee, commit interval, producer linger, stream
 * threads, exception handlers). A side's time runs from its Streams instance reaching RUNNING until
 * its group's committed offsets reach the end of every fronting partition, so it counts only
 * records that were processed and committed. One uncounted warm-up pass of each side comes first;
 * then rounds alternate ours/baseline and the medians are compared.
 */
public final class RouterBench {
  /** Route name of the bench's pipe output topic ({@code playstream.route.bench-pipe}). */
  static final String PIPE = "bench-pipe";

  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration QUICK_ROUND_TIMEOUT = Duration.ofMinutes(1);
  private static final long POLL_MILLIS = 20;

  private RouterBench() {}

  /**
   * Typical operational routes over the playback, steering, CDN and activity fronting topics:
   * filters on country, device, bitrate, health and stop reasons, hashed and redacted personal
   * fields, one sampled route.
   */
  static List<Route> routes() {
    String playback = Topics.FRONTING_PLAYBACK.name();
    String steering = Topics.FRONTING_STEERING.name();
    String cdn = Topics.FRONTING_CDN.name();
    String activity = Topics.FRONTING_ACTIVITY.name();
    return List.of(
        Route.of("hd-tv-starts", List.of(playback), List.of("PlaybackStarted"))
            .withDescription("HD starts on TVs in three markets")
            .withFilter(
                "country in ['US', 'BR', 'GB'] && device_type == 'tv'"
                    + " && initial_bitrate_kbps > 3000"),
        Route.of("poor-heartbeats", List.of(playback), List.of("PlaybackHeartbeat"))
            .withDescription("Heartbeats with a low bitrate or rebuffering; profile hashed")
            .withFilter("bitrate_kbps < 1500 || rebuffer_count > 0 || dropped_frames > 30")
            .withProjection(new Projection(null, null, List.of("profile_id"), null)),
        Route.of("fatal-errors", List.of(playback), List.of("PlaybackError"))
            .withDescription("Fatal playback errors; message redacted")
            .withFilter("fatal")
            .withProjection(new Projection(null, null, null, List.of("message"))),
        Route.of("mobile-errors", List.of(playback), List.of("PlaybackError"))
            .withDescription("Errors on phones and tablets")
            .withFilter("device_type != null && device_type in ['mobile', 'tablet']"),
        Route.of("early-stops", List.of(playback), List.of("PlaybackStopped"))
            .withDescription("Sessions abandoned in the first two minutes")
            .withFilter("watched_seconds < 120 && reason != 'COMPLETED'"),
        Route.of("steering-fallbacks", List.of(steering), List.of("SteeringDecision"))
            .withDescription("Steering decisions that fell back, or in Germany; ids hashed")
            .withFilter("fallback_used || country == 'DE'")
            .withProjection(new Projection(null, null, List.of("client_ip", "profile_id"), null)),
        Route.of("cdn-hot", List.of(cdn), List.of("CdnServerHealth"))
            .withDescription("CDN servers unhealthy or above 80% load")
            .withFilter("!healthy || load > 0.8"),
        Route.of("thumbs-down", List.of(activity), List.of("Rating"))
            .withDescription("Thumbs down outside the US")
            .withFilter("thumb == 'DOWN' && country != 'US'"),
        Route.of(
                "eu-activity",
                List.of(playback, activity),
                List.of("PlaybackStarted", "Rating", "Impression"))
            .withDescription(
                "EU starts, ratings and impressions; profile hashed, client IP redacted")
            .withFilter("country in ['DE', 'FR', 'GB', 'ES', 'IT', 'NL']")
            .withProjection(
                new Projection(null, null, List.of("profile_id"), List.of("client_ip"))),
        Route.of("heartbeat-sample", List.of(playback), List.of("PlaybackHeartbeat"))
            .withDescription("A 10% sample of heartbeats above 3 Mbit/s")
            .withFilter("bitrate_kbps > 3000")
            .withSampleRate(0.1));
  }

  /**
   * Runs the bench.
   *
   * @param events simulated events produced once and read by every round
   * @param rounds rounds of each side, alternating ours/baseline
   * @param quick a smoke test: a side taking over a minute to start or finish fails the bench (5
   *     minutes otherwise)
   */
  public static BenchResult run(long events, int rounds, boolean quick, PrintStream out)
      throws Exception {
    BenchBroker broker = BenchBroker.start("router", out);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      String bootstrap = broker.bootstrapServers();
      DirectKafkaLoad.run(bootstrap, events, 42, Map.of());
      Map<TopicPartition, Long> ends = endOffsets(admin);
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      out.printf("preloaded %d simulated events into %d fronting partitions%n", total, ends.size());
      TopicAdmin.ensureTopics(admin, List.of(Topics.route(PIPE)), (short) 1);
      try (RoutesClient client = new RoutesClient(bootstrap)) {
        client.apply(routes());
      }
      RouterOptions base = RouterOptions.defaults().withBootstrapServers(bootstrap).withHttpPort(0);
      Properties shipped = RouterStreamsConfig.properties(base, RouterMetrics.inMemory());
      out.printf(
          "%d routes applied; %d rounds; both sides: %s=%s, %s=%s, %s=%s, %s=%s%n",
          routes().size(),
          rounds,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          shipped.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
          StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
          shipped.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
          StreamsConfig.NUM_STREAM_THREADS_CONFIG,
          shipped.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG),
          StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
          shipped.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)));
      HashKey key = randomKey();
      Path state = broker.layout().dataDir("streams");
      Duration timeout = quick ? QUICK_ROUND_TIMEOUT : ROUND_TIMEOUT;
      // Warm-up of both sides (JIT, CEL planning, broker page cache), not counted: without it the
      // first side to run pays for class loading and compilation, and ours has more of both.
      runOurs(admin, base, key, state, "warmup", ends, timeout);
      runPipe(admin, base, state, "warmup", ends, timeout);
      List<Double> ours = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        Side o = runOurs(admin, base, key, state, Integer.toString(round), ends, timeout);
        Side b = runPipe(admin, base, state, Integer.toString(round), ends, timeout);
        ours.add(total / o.seconds());
        baseline.add(total / b.seconds());
        out.printf(
            "round %d: ours %.0f events/s (%.2f s, %d routed records out), baseline pipe %.0f"
                + " events/s (%.2f s)%n",
            round,
            total / o.seconds(),
            o.seconds(),
            o.routedOut(),
            total / b.seconds(),
            b.seconds());
      }
      double om = Stats.median(ours);
      double bm = Stats.median(baseline);
      int cores = Runtime.getRuntime().availableProcessors();
      out.printf("median events/s: ours %.0f, baseline pipe %.0f%n", om, bm);
      out.printf(
          "events/s per core: ours %.0f (%d cores, shared with the broker in this run)%n",
          om / cores, cores);
      return new BenchResult("router", om, bm, "events/s");
    } finally {
      broker.close();
    }
  }

  /** One side's run: seconds from RUNNING to all committed, and route output records (ours). */
  private record Side(double seconds, long routedOut) {}

  private static Side runOurs(
      Admin admin,
      RouterOptions base,
      HashKey key,
      Path state,
      String round,
      Map<TopicPartition, Long> ends,
      Duration timeout)
      throws Exception {
    String app = "bench-router-" + round;
    RouterOptions options =
        base.withApplicationId(app).withInstanceId(app).withStateDir(state.resolve(app));
    try (Router router = Router.start(options, key)) {
      if (!router.awaitRunning(timeout)) {
        throw new IllegalStateException("router " + app + " did not reach RUNNING");
      }
      long start = System.nanoTime();
      awaitCommitted(admin, app, ends, timeout);
      double seconds = (System.nanoTime() - start) / 1e9;
      long routed =
          router.metrics().routes().values().stream()
              .mapToLong(RouterMetrics.RouteCounters::out)
              .sum();
      return new Side(seconds, routed);
    }
  }

  private static Side runPipe(
      Admin admin,
      RouterOptions base,
      Path state,
      String round,
      Map<TopicPartition, Long> ends,
      Duration timeout)
      throws Exception {
    String app = "bench-pipe-" + round;
    RouterOptions options =
        base.withApplicationId(app).withInstanceId(app).withStateDir(state.resolve(app));
    Properties props = RouterStreamsConfig.properties(options, RouterMetrics.inMemory());
    CountDownLatch running = new CountDownLatch(1);
    try (KafkaStreams streams = new KafkaStreams(pipeTopology(), props)) {
      streams.setStateListener(
          (now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
              running.countDown();
            }
          });
      streams.start();
      if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("pipe " + app + " did not reach RUNNING");
      }
      long start = System.nanoTime();
      awaitCommitted(admin, app, ends, timeout);
      double seconds = (System.nanoTime() - start) / 1e9;
      streams.close(Duration.ofSeconds(30));
      return new Side(seconds, 0);
    }
  }

  /** The baseline: every fronting record, as bytes, unchanged to the pipe topic. */
  static Topology pipeTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            Topics.fronting().stream().map(TopicSpec::name).toList(),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(Topics.route(PIPE).name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return builder.build();
  }

  /** Waits until the group's committed offsets reach {@code ends} on every partition. */
  private static void awaitCommitted(
      Admin admin, String group, Map<TopicPartition, Long> ends, Duration timeout)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      boolean done =
          ends.entrySet().stream()
              .allMatch(
                  e -> {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    return (c == null ? 0 : c.offset()) >= e.getValue();
                  });
      if (done) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            group + " did not commit to the end within " + timeout + ": " + committed);
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin)
      throws InterruptedException, ExecutionException {
    List<String> names = Topics.fronting().stream().map(TopicSpec::name).toList();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin
        .describeTopics(names)
        .allTopicNames()
        .get()
        .forEach(
            (topic, d) ->
                d.partitions()
                    .forEach(
                        p ->
                            request.put(
                                new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /** A fresh HMAC key per run: the bench's hashed output is thrown away with the broker. */
  private static HashKey randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HashKey.of(bytes);
  }
}
