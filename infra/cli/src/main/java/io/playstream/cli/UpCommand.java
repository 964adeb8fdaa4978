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

  @Option(names = "--no-dashboard", description = "Do not start the live dashboard.")
  boolean noDashboard;

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
      if (!noDashboard) {
        platform.startDashboard();
      }
      // jobs last: the simulator's traffic and the dashboard are up while the jobs deploy (the
      // jobs start from the committed offsets, so they miss nothing), and the first job in the
      // catalog order, playback-health, puts live data on the dashboard without waiting for the
      // others
      platform.submitJobs();
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
    if (!noDashboard) {
      System.out.println(
          "Dashboard: "
              + platform.dashboardUrl()
              + " (live; history at "
              + platform.dashboardUrl().resolve("/history.html")
              + ")");
    }
    System.out.println("Logs:    " + platform.config().stateLayout().logsDir());
    System.out.println(
        "Metrics: "
            + platform.playbackUrl().resolve("/metrics")
            + " (and each service's /metrics)");
    System.out.println("Flink:   " + platform.flinkRestUrl() + " (web UI; ./playstream jobs list)");
    System.out.println(
        "Recs:    GET "
            + platform.catalogUrl().resolve("/recommendations/{profile}?country=XX")
            + " (bearer token with scope play)");
    System.out.println(
        "Search:  "
            + platform.elasticsearchUrl()
            + "/playstream-metrics-sps-*/_search (metric documents)");
    System.out.println(
        "SQL:     ./playstream sql \"SELECT country, count(*) FROM playback_events"
            + " GROUP BY country\"");
    System.out.println(
        "Stores:  rows per Iceberg and Cassandra table and documents per index print "
            + STORES_FIRST.toSeconds()
            + " s after start, then every "
            + STORES_EVERY.toMinutes()
            + " min (./playstream tables list for Iceberg at any time)");
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
    long started = System.nanoTime();
    long nextStores = STORES_FIRST.toNanos();
    boolean simReported = false;
    while (true) {
      Thread.sleep(totalsInterval * 1000L);
      if (System.nanoTime() - started >= nextStores) {
        nextStores += STORES_EVERY.toNanos();
        Thread t = new Thread(() -> printStores(platform), "playstream-up-stores");
        t.setDaemon(true);
        t.start();
      }
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

  /** When `up` first prints what the stores hold, and how often after that. */
  static final java.time.Duration STORES_FIRST = java.time.Duration.ofSeconds(60);

  static final java.time.Duration STORES_EVERY = java.time.Duration.ofMinutes(10);

  /** Rows per Iceberg and Cassandra table and documents per index (child JVMs; a few seconds). */
  private static void printStores(Platform platform) {
    try {
      DownstreamAudit.Result r = DownstreamAudit.collect(platform);
      System.out.println("stores: Iceberg rows " + formatCounts(r.iceberg()));
      System.out.println("        Cassandra rows " + formatCounts(r.cassandra()));
      System.out.println(
          "        Elasticsearch documents "
              + formatCounts(Reconciliation.byPrefix(r.elasticsearch())));
      r.notes().forEach(n -> System.out.println("        note: " + n));
    } catch (RuntimeException e) {
      System.out.println("stores: cannot count (" + e.getMessage() + ")");
    }
  }

  static String formatCounts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
