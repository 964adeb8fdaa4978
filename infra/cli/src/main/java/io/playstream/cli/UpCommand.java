package io.playstream.cli;

import io.playstream.infra.ManagedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code playstream up}: runs the platform on its local default. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the platform on the local default: Kafka broker (KRaft), the event router with the"
          + " default routes, the Flink cluster (web UI on flink.local.rest-port) and the"
          + " catalog's jobs, catalog, steering and playback services, and the traffic simulator.",
      "Prints where everything runs and live event totals; Ctrl-C stops what it started."
    })
final class UpCommand implements Callable<Integer> {
  @ParentCommand PlaystreamCli cli;

  @Option(
      names = "--detach",
      description =
          "Start everything, print the summary and return; stop later with `playstream down`.")
  boolean detach;

  @Option(names = "--no-simulator", description = "Do not start the traffic simulator.")
  boolean noSimulator;

  @Option(
      names = "--rate",
      defaultValue = "2",
      description =
          "Simulator: new playback sessions per wall-clock second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--profiles",
      defaultValue = "200",
      description = "Simulator: number of viewer profiles (default: ${DEFAULT-VALUE}).")
  int profiles;

  @Option(
      names = "--totals-interval",
      defaultValue = "5",
      description = "Seconds between live total lines (default: ${DEFAULT-VALUE}).")
  int totalsInterval;

  @Override
  public Integer call() throws Exception {
    Platform platform = new Platform(cli.config(), System.out);
    System.out.println("Starting Playstream (state in " + platform.config().stateDir() + ")");
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              if (!detach) {
                System.out.println("\nStopping what `up` started...");
                platform.close();
                System.out.println("Stopped.");
              }
              stopped.countDown();
            },
            "playstream-up-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      platform.startKafka();
      platform.ensureTopics();
      platform.applyDefaultRoutes();
      platform.startRouter();
      platform.startClusterAndStores();
      platform.startServices();
      platform.submitJobs();
      ManagedProcess simulator = null;
      if (!noSimulator) {
        List<String> args = new ArrayList<>();
        args.addAll(
            List.of(
                "--duration",
                "0",
                "--rate",
                Double.toString(rate),
                "--profiles",
                Integer.toString(profiles)));
        simulator = platform.startSimulator(args);
      }
      printSummary(platform);
      if (detach) {
        System.out.println(
            "Left running. `./playstream status` shows health, `./playstream down` stops it.");
        return 0;
      }
      System.out.println("Live totals every " + totalsInterval + " s; Ctrl-C stops everything.");
      liveTotals(platform, simulator);
      return 0;
    } catch (RuntimeException | InterruptedException e) {
      platform.close(); // a failed start leaves nothing half-running
      throw e;
    }
  }

  private void printSummary(Platform platform) {
    System.out.println();
    System.out.println("Playstream is running:");
    for (Platform.ComponentStatus s : platform.status()) {
      System.out.printf(
          "  %-13s %-5s %-28s %s%n", s.name(), s.healthy() ? "up" : "DOWN", s.where(), s.detail());
    }
    System.out.println("Logs:    " + platform.config().stateLayout().logsDir());
    System.out.println(
        "Metrics: "
            + platform.playbackUrl().resolve("/metrics")
            + " (and each service's /metrics)");
    System.out.println("Flink:   " + platform.flinkRestUrl() + " (web UI; ./playstream jobs list)");
    System.out.println(
        "Search:  "
            + platform.elasticsearchUrl()
            + "/playstream-metrics-sps-*/_search (metric documents)");
    System.out.println(
        "SQL:     ./playstream sql \"SELECT country, count(*) FROM playback_events"
            + " GROUP BY country\"");
    System.out.println(
        "Try:     ./playstream status   |   ./playstream demo --duration 45s --json");
    System.out.println();
  }

  private void liveTotals(Platform platform, ManagedProcess simulator) throws InterruptedException {
    ServiceStats stats =
        new ServiceStats(
            List.of(platform.catalogUrl(), platform.steeringUrl(), platform.playbackUrl()));
    long last = -1;
    long lastNanos = System.nanoTime();
    boolean simReported = false;
    while (true) {
      Thread.sleep(totalsInterval * 1000L);
      try {
        ServiceStats.Totals t = stats.fetch();
        long now = System.nanoTime();
        long total = t.totalEmitted();
        double rate = last < 0 ? 0 : (total - last) / ((now - lastNanos) / 1e9);
        last = total;
        lastNanos = now;
        String byType =
            t.emitted().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        System.out.printf(
            "events emitted %d (%.0f/s), failed %d | %s%n", total, rate, t.totalFailed(), byType);
      } catch (java.io.IOException e) {
        System.out.println("stats unavailable: " + e.getMessage());
      }
      if (simulator != null && !simulator.isAlive() && !simReported) {
        System.out.println("simulator exited; last lines of its log:");
        simulator.logTail(10).forEach(l -> System.out.println("  " + l));
        simReported = true;
      }
    }
  }

  static String formatCounts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
