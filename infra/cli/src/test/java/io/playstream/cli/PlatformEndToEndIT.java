package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.infra.PlatformConfig;
import io.playstream.infra.Ports;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Topics;
import io.playstream.services.common.TokenIssuer;
import io.playstream.simulator.Mode;
import io.playstream.simulator.SimulationReport;
import io.playstream.simulator.Simulator;
import io.playstream.simulator.SimulatorOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform as {@code playstream up} runs it — a real Kafka broker and the three services, each
 * its own JVM started by the launcher — driven by the simulator through HTTP. Everything is started
 * once for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {
  private static final int TITLES = 9742;
  private static Platform platform;
  private static ServiceStats stats;

  @BeforeAll
  static void startPlatform() throws Exception {
    Path root = Files.createTempDirectory("playstream-e2e");
    List<Integer> ports = Ports.freePorts(5);
    PlatformConfig config =
        PlatformConfig.builder(root)
            .environment(Map.of())
            .override("kafka.local.port", ports.get(0).toString())
            .override("kafka.local.controller-port", ports.get(1).toString())
            .override("kafka.local.heap", "512m")
            .override("services.playback.port", ports.get(2).toString())
            .override("services.catalog.port", ports.get(3).toString())
            .override("services.steering.port", ports.get(4).toString())
            .build();
    platform = new Platform(config, System.out);
    platform.startKafka();
    platform.ensureTopics();
    platform.startServices();
    stats =
        new ServiceStats(
            List.of(platform.catalogUrl(), platform.steeringUrl(), platform.playbackUrl()));
    // The catalog seeds itself from MovieLens at first start, through its outbox.
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> stats.fetch().emitted().getOrDefault("TitleUpserted", 0L) == TITLES);
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  private static SimulatorOptions simulation(Duration duration, long seed) {
    return SimulatorOptions.defaults()
        .withMode(Mode.HTTP)
        .withServices(platform.playbackUrl(), platform.catalogUrl(), platform.steeringUrl())
        .withAuthSecret(platform.authSecret())
        .withDuration(duration)
        .withRate(6)
        .withProfiles(100)
        .withErrorRate(0.05)
        .withRatingProbability(0.5)
        .withSeed(seed)
        .withStopSessionsAtEnd(true)
        .withProgressInterval(Duration.ofSeconds(5));
  }

  @Test
  @Order(1)
  void catalogSeedReachedKafkaExactlyOnce() throws Exception {
    try (TopicAudit audit = new TopicAudit(platform.bootstrapServers())) {
      Map<TopicPartition, Long> end = audit.endOffsets(List.of(Topics.FRONTING_CATALOG));
      TopicAudit.Result read = audit.read(Map.of(), end, Duration.ofMinutes(1));
      assertThat(read.byType()).containsEntry("TitleUpserted", (long) TITLES);
      assertThat(read.totalDuplicates()).isZero();
      assertThat(read.undecodable()).isEmpty();
    }
  }

  @Test
  @Order(2)
  void everyEventTheSimulatorCausedIsReadBackAndDecodedOnce() throws Exception {
    DemoRun.Report report =
        DemoRun.run(platform, simulation(Duration.ofSeconds(15), 7), true, System.out);

    assertThat(report.problems()).isEmpty();
    assertThat(report.ok()).isTrue();
    for (EventType type : EventType.frontingTypes()) {
      if (type == EventType.TITLE_UPSERTED || type == EventType.TITLE_REMOVED) {
        continue; // catalog changes are not simulator traffic; see the other tests
      }
      DemoRun.TypeCounts c = report.byType().get(type.simpleName());
      assertThat(c.readBack()).as(type.simpleName() + " read back").isPositive();
      assertThat(c.readBack()).as(type.simpleName()).isEqualTo(c.emitted());
    }
  }

  @Test
  @Order(3)
  void catalogRemovalIsEmittedThroughTheOutbox() throws Exception {
    String token =
        new TokenIssuer(platform.authSecret())
            .issue(
                "ops", List.of(), List.of(TokenIssuer.SCOPE_CATALOG_WRITE), Duration.ofMinutes(5));
    try (TopicAudit audit = new TopicAudit(platform.bootstrapServers())) {
      Map<TopicPartition, Long> from = audit.endOffsets(List.of(Topics.FRONTING_CATALOG));
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(platform.catalogUrl().resolve("/v1/titles/1"))
                      .header("Authorization", "Bearer " + token)
                      .DELETE()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(204);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> stats.fetch().emitted().getOrDefault("TitleRemoved", 0L) == 1L);
      Map<TopicPartition, Long> to = audit.endOffsets(List.of(Topics.FRONTING_CATALOG));
      TopicAudit.Result read = audit.read(from, to, Duration.ofSeconds(30));
      assertThat(read.byType()).containsExactly(Map.entry("TitleRemoved", 1L));
    }
  }

  @Test
  @Order(4)
  void brokerOutageMidRunLosesAndDuplicatesNothing() throws Exception {
    ServiceStats.Totals before = stats.fetch();
    try (TopicAudit audit = new TopicAudit(platform.bootstrapServers())) {
      Map<TopicPartition, Long> from = audit.endOffsets(Topics.fronting());
      Simulator simulator =
          new Simulator(
              simulation(Duration.ofSeconds(30), 11),
              p -> System.out.println("  sim " + p.toLine()));
      CompletableFuture<SimulationReport> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return simulator.run();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> stats.fetch().minus(before).totalEmitted() > 200);

      long pid = platform.broker().orElseThrow().pid();
      platform.broker().orElseThrow().stop();
      System.out.println("broker " + pid + " stopped mid-run");
      long emittedWhenStopped = stats.fetch().totalEmitted();
      // Traffic goes on while the broker is away: the services accept it and their producers hold
      // it.
      await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);
      assertThat(run).as("simulator still running during the outage").isNotDone();
      platform.startKafka();
      assertThat(platform.broker().orElseThrow().pid()).isNotEqualTo(pid);
      System.out.println("broker restarted; emitted while stopped was " + emittedWhenStopped);

      SimulationReport sim = run.get();
      long expected = sim.totalExpected();
      // Wait until the producers have delivered everything and the totals stop moving.
      long[] last = {-1};
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                ServiceStats.Totals d = stats.fetch().minus(before);
                long total = d.totalEmitted() + d.totalFailed();
                boolean settled = total >= expected && total == last[0];
                last[0] = total;
                return settled;
              });
      ServiceStats.Totals delta = stats.fetch().minus(before);
      Map<TopicPartition, Long> to = audit.endOffsets(Topics.fronting());
      TopicAudit.Result read = audit.read(from, to, Duration.ofMinutes(2));

      assertThat(delta.totalFailed()).as("failed sends").isZero();
      assertThat(read.undecodable()).isEmpty();
      assertThat(read.totalDuplicates()).as("duplicates by event id").isZero();
      // Nothing the services acknowledged is missing or doubled on Kafka ...
      assertThat(read.byType()).isEqualTo(delta.emitted());
      // ... and the services emitted what the simulator's accepted calls caused. A play whose
      // steering call timed out (likely while the broker is away) uses the fallback list although
      // steering may still have emitted its decision: one extra SteeringDecision per fallback.
      for (var e : sim.expectedEvents().entrySet()) {
        long got = read.byType().getOrDefault(e.getKey(), 0L);
        long slack = e.getKey().equals("SteeringDecision") ? sim.steeringFallbacks() : 0;
        assertThat(got).as(e.getKey()).isBetween(e.getValue(), e.getValue() + slack);
      }
    }
  }
}
