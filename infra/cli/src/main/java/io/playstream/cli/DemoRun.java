package io.playstream.cli;

import io.playstream.schemas.EventType;
import io.playstream.schemas.Topics;
import io.playstream.simulator.SimulationReport;
import io.playstream.simulator.Simulator;
import io.playstream.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A bounded run that proves what flowed where: snapshots the fronting topics' end offsets, runs the
 * simulator through the services, waits until the services' producers have drained, reads every
 * record of the run back from Kafka and compares, per event type, what the simulator caused, what
 * the services had acknowledged by Kafka, and what was read back (with duplicates by event id).
 * Used by {@code playstream demo} and by the end-to-end tests.
 */
public final class DemoRun {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

  /**
   * Counts for one event type.
   *
   * @param expected events the simulator's accepted calls must have produced, or null for types the
   *     simulator does not drive (catalog changes)
   * @param emitted events the services' producers had acknowledged
   * @param failed events whose send failed
   * @param readBack events read back and decoded from the fronting topics
   * @param duplicates read-back copies of an event id already seen
   */
  public record TypeCounts(
      Long expected, long emitted, long failed, long readBack, long duplicates) {}

  /**
   * The outcome.
   *
   * @param ok true when nothing was lost, duplicated or undecodable
   * @param problems what did not match, in words
   */
  public record Report(
      double durationSeconds,
      Map<String, TypeCounts> byType,
      long recordsRead,
      Map<String, Long> undecodable,
      SimulationReport simulation,
      boolean ok,
      List<String> problems,
      Map<String, Map<String, Long>> routes) {

    /** The same report with the router's per-route counters of the run. */
    public Report withRoutes(Map<String, Map<String, Long>> perRoute) {
      return new Report(
          durationSeconds, byType, recordsRead, undecodable, simulation, ok, problems, perRoute);
    }
  }

  private DemoRun() {}

  /**
   * Runs the demo on a platform whose broker and topics are up; starts the services if needed.
   *
   * @param compareWithSimulator false when another simulator is feeding the same services, so the
   *     simulator's own expectations cannot be compared with the services' totals
   */
  public static Report run(
      Platform platform,
      SimulatorOptions simulatorOptions,
      boolean compareWithSimulator,
      PrintStream progress)
      throws IOException, InterruptedException {
    ServiceStats stats =
        new ServiceStats(
            List.of(platform.catalogUrl(), platform.steeringUrl(), platform.playbackUrl()));
    RouterStats router = new RouterStats(platform.routerUrl());
    Map<String, Map<String, Long>> routesBefore = routerCounters(router);
    try (TopicAudit audit = new TopicAudit(platform.bootstrapServers())) {
      Map<TopicPartition, Long> from = audit.endOffsets(Topics.fronting());
      ServiceStats.Totals before;
      try {
        before = stats.fetch();
      } catch (IOException e) {
        before = ServiceStats.Totals.EMPTY; // services not running yet: they start from zero
      }
      platform.startServices();
      long t0 = System.nanoTime();
      Simulator simulator =
          new Simulator(simulatorOptions, p -> progress.println("  sim " + p.toLine()));
      SimulationReport sim = simulator.run();
      double seconds = (System.nanoTime() - t0) / 1e9;
      progress.println("  simulation done; waiting for the services' producers to drain...");
      ServiceStats.Totals after = drained(stats);
      Map<TopicPartition, Long> to = audit.endOffsets(Topics.fronting());
      progress.println("  reading the run back from Kafka...");
      TopicAudit.Result read = audit.read(from, to, Duration.ofMinutes(3));
      Report report = compare(seconds, sim, after.minus(before), read, compareWithSimulator);
      if (routesBefore == null) {
        return report;
      }
      progress.println("  waiting for the router to route the run...");
      return report.withRoutes(RouterStats.delta(routesBefore, routerSettled(router)));
    }
  }

  /** Compares the three views; pure, unit-tested. */
  static Report compare(
      double seconds,
      SimulationReport sim,
      ServiceStats.Totals services,
      TopicAudit.Result read,
      boolean compareWithSimulator) {
    Map<String, TypeCounts> byType = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (EventType type : EventType.values()) {
      String name = type.simpleName();
      boolean simDriven = type != EventType.TITLE_UPSERTED && type != EventType.TITLE_REMOVED;
      Long expected = simDriven ? sim.expectedEvents().getOrDefault(name, 0L) : null;
      long emitted = services.emitted().getOrDefault(name, 0L);
      long failed = services.failed().getOrDefault(name, 0L);
      long readBack = read.byType().getOrDefault(name, 0L);
      long dups = read.duplicates().getOrDefault(name, 0L);
      byType.put(name, new TypeCounts(expected, emitted, failed, readBack, dups));
      // A play whose steering call timed out falls back to a cached list, yet steering may still
      // have decided (and emitted) it: up to one extra SteeringDecision per fallback is expected.
      long slack = type == EventType.STEERING_DECISION ? sim.steeringFallbacks() : 0;
      if (compareWithSimulator
          && expected != null
          && (emitted + failed < expected || emitted + failed > expected + slack)) {
        problems.add(
            name
                + ": simulator expected "
                + expected
                + " but services emitted "
                + emitted
                + " (+"
                + failed
                + " failed)");
      }
      if (failed > 0) {
        problems.add(name + ": " + failed + " sends failed");
      }
      if (emitted != readBack) {
        problems.add(
            name + ": services emitted " + emitted + " but " + readBack + " were read back");
      }
      if (dups > 0) {
        problems.add(name + ": " + dups + " duplicate event ids");
      }
    }
    read.undecodable()
        .forEach((reason, n) -> problems.add(n + " undecodable records (" + reason + ")"));
    return new Report(
        seconds,
        byType,
        read.records(),
        read.undecodable(),
        sim,
        problems.isEmpty(),
        problems,
        Map.of());
  }

  /** The router's counters, or null when no router answers. */
  private static Map<String, Map<String, Long>> routerCounters(RouterStats router) {
    try {
      return router.counters();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Waits (bounded) until the router's input counters stop moving. */
  private static Map<String, Map<String, Long>> routerSettled(RouterStats router)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    Map<String, Map<String, Long>> last = router.counters();
    int stable = 0;
    while (System.nanoTime() < deadline && stable < 2) {
      Thread.sleep(1000);
      Map<String, Map<String, Long>> now = router.counters();
      stable = now.equals(last) ? stable + 1 : 0;
      last = now;
    }
    return last;
  }

  /** Waits until the services' totals stop moving (producers flushed, outbox drained). */
  private static ServiceStats.Totals drained(ServiceStats stats)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    ServiceStats.Totals last = stats.fetch();
    int stable = 0;
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      ServiceStats.Totals now = stats.fetch();
      boolean same =
          now.totalEmitted() == last.totalEmitted() && now.totalFailed() == last.totalFailed();
      stable = same ? stable + 1 : 0;
      last = now;
      if (stable >= 2) {
        return now;
      }
    }
    return last;
  }
}
