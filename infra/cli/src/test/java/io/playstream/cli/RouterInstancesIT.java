package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.events.PlaybackHeartbeat;
import io.playstream.infra.AuthSecret;
import io.playstream.infra.JavaProcess;
import io.playstream.infra.ManagedProcess;
import io.playstream.infra.Ports;
import io.playstream.infra.ProcessSupervisor;
import io.playstream.infra.RuntimeClasspath;
import io.playstream.infra.StateLayout;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.router.Route;
import io.playstream.router.RoutesClient;
import io.playstream.schemas.EventSerializer;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two router instances (each its own JVM, started by the launcher) share the fronting partitions on
 * the real broker: a route applied at run time takes effect on both; one instance killed with
 * SIGKILL mid-stream loses and duplicates nothing for a read_committed consumer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouterInstancesIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  private static ProcessSupervisor supervisor;
  private static final List<ManagedProcess> routers = new ArrayList<>();
  private static final List<Integer> routerPorts = new ArrayList<>();
  private static Path hashKey;
  private static KafkaProducer<String, SpecificRecord> producer;

  @BeforeAll
  static void startTwoRouters() throws Exception {
    KAFKA.createCatalogTopics();
    Path state = Files.createTempDirectory("playstream-routers");
    supervisor = new ProcessSupervisor(new StateLayout(state));
    hashKey = state.resolve("hash.key");
    AuthSecret.loadOrCreate(hashKey);
    for (int i = 1; i <= 2; i++) {
      int port = Ports.freePort();
      ManagedProcess p =
          supervisor.start(
              JavaProcess.builder("router-" + i, "io.playstream.router.RouterMain")
                  .classpath(RuntimeClasspath.ofCurrentJvm())
                  .jvmArgs("-Xmx384m", "-XX:+UseSerialGC")
                  .args(
                      "--bootstrap-servers", KAFKA.bootstrapServers(),
                      "--instance-id", "router-" + i,
                      "--state-dir", state.resolve("streams-" + i).toString(),
                      "--http-port", Integer.toString(port),
                      "--hash-key-file", hashKey.toString(),
                      "--session-timeout", "6s")
                  .build());
      routers.add(p);
      routerPorts.add(port);
      Ports.waitForHttp(
          java.net.URI.create("http://127.0.0.1:" + port + "/health"), Duration.ofSeconds(90));
    }
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new EventSerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    routers.forEach(p -> p.stop(Duration.ofSeconds(20)));
  }

  private static void apply(Route... routes) throws InterruptedException {
    try (RoutesClient client = new RoutesClient(KAFKA.bootstrapServers())) {
      client.apply(List.of(routes));
    }
  }

  /** Heartbeats with fresh ids over many sessions (so every partition gets some). */
  private static Set<String> sendHeartbeats(int n) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      PlaybackHeartbeat h = SampleEvents.heartbeat();
      h.setSessionId("s-" + UUID.randomUUID());
      h.getHeader().setEventId(UUID.randomUUID().toString());
      ids.add(Events.eventId(h));
      producer.send(new ProducerRecord<>(Topics.FRONTING_PLAYBACK.name(), h.getSessionId(), h));
    }
    producer.flush();
    return ids;
  }

  private static TopicAudit.Result readAll(TopicSpec topic) {
    try (TopicAudit audit = new TopicAudit(KAFKA.bootstrapServers())) {
      Map<TopicPartition, Long> end = audit.endOffsets(List.of(topic));
      return audit.read(Map.of(), end, Duration.ofMinutes(1));
    }
  }

  /**
   * Applies a fresh route for all playback heartbeats while both routers run, and waits until
   * events flow through it (the routes topic reaches both instances).
   */
  private record Flowing(TopicSpec out, Set<String> warmupIds) {}

  private static Flowing applyAndWaitUntilFlowing(String prefix) throws Exception {
    String name = prefix + System.nanoTime() % 100000;
    apply(Route.of(name, List.of(Topics.FRONTING_PLAYBACK.name()), List.of("PlaybackHeartbeat")));
    TopicSpec out = Topics.route(name);
    Set<String> warmup = new HashSet<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              warmup.addAll(sendHeartbeats(10));
              return readAll(out).records() > 0;
            });
    return new Flowing(out, warmup);
  }

  @Test
  @Order(1)
  void routeAppliedAtRunTimeTakesEffectOnBothInstances() throws Exception {
    TopicSpec out = applyAndWaitUntilFlowing("it-runtime-").out();
    Set<String> ids = sendHeartbeats(400);
    await().atMost(Duration.ofSeconds(60)).until(() -> readAll(out).eventIds().containsAll(ids));
    TopicAudit.Result r = readAll(out);
    assertThat(r.totalDuplicates()).isZero();
    String route = out.name().substring("playstream.route.".length());
    for (int port : routerPorts) {
      var counters =
          new RouterStats(java.net.URI.create("http://127.0.0.1:" + port)).counters().get(route);
      assertThat(counters).as("router on port " + port + " knows the new route").isNotNull();
      assertThat(counters.get("in"))
          .as("router on port " + port + " routed part of it")
          .isPositive();
    }
  }

  @Test
  @Order(2)
  void killingOneInstanceMidStreamLosesAndDuplicatesNothing() throws Exception {
    Flowing flowing = applyAndWaitUntilFlowing("it-eos-");
    TopicSpec out = flowing.out();
    Set<String> before = flowing.warmupIds();
    Set<String> sent = new HashSet<>();
    for (int batch = 0; batch < 20; batch++) {
      sent.addAll(sendHeartbeats(250));
      if (batch == 8) {
        routers.get(0).kill(); // SIGKILL while events flow
      }
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> readAll(out).eventIds().containsAll(sent));
    assertThat(routers.get(0).isAlive()).as("instance 1 was killed").isFalse();
    assertThat(routers.get(1).isAlive()).as("instance 2 took over").isTrue();
    TopicAudit.Result r = readAll(out);
    assertThat(r.totalDuplicates()).as("duplicates for a read_committed consumer").isZero();
    Set<String> all = new HashSet<>(before);
    all.addAll(sent);
    assertThat(r.records())
        .as("every record on the route is a distinct event we sent")
        .isEqualTo(r.eventIds().size());
    assertThat(all).containsAll(r.eventIds());
  }
}
