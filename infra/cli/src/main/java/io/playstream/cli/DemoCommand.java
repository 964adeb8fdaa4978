package io.playstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playstream.simulator.Mode;
import io.playstream.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code playstream demo --duration D [--json]}: a bounded run with a report of what flowed where.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the platform for a bounded time and report what flowed where: per event type, the"
          + " events the simulator caused, the events the services had acknowledged by Kafka, and"
          + " the events read back and decoded from Kafka (with duplicates by event id), and per"
          + " route what the router took in, routed, filtered, sampled out and dead-lettered.",
      "Starts whatever is not running and stops what it started. Exit code 0 when nothing was"
          + " lost, duplicated or undecodable, 2 otherwise."
    })
final class DemoCommand implements Callable<Integer> {
  /** The event types the services emit (the per-type table); job outputs are downstream. */
  static final java.util.Set<String> SERVICE_TYPES =
      io.playstream.schemas.EventType.frontingTypes().stream()
          .map(io.playstream.schemas.EventType::simpleName)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  @ParentCommand PlaystreamCli cli;

  @Option(
      names = "--duration",
      defaultValue = "45s",
      converter = DurationConverter.class,
      description = "How long the simulator runs, e.g. 45s, 2m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--json",
      description = "Print the report as JSON on stdout (progress goes to stderr).")
  boolean json;

  @Option(
      names = "--rate",
      defaultValue = "4",
      description = "New sessions per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--profiles",
      defaultValue = "200",
      description = "Viewer profiles (default: ${DEFAULT-VALUE}).")
  int profiles;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--keep-running", description = "Leave the components this demo started running.")
  boolean keepRunning;

  @Option(
      names = "--no-jobs",
      description =
          "Only broker, router and services: no Flink cluster, Elasticsearch, Cassandra or jobs.")
  boolean noJobs;

  @Option(
      names = "--settle",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description =
          "After the simulation, how long the jobs get to process and commit (checkpoints) before"
              + " the outputs are counted (default: ${DEFAULT-VALUE}).")
  Duration settle;

  @Override
  public Integer call() throws Exception {
    PrintStream progress = json ? System.err : System.out;
    Platform platform = new Platform(cli.config(), progress);
    progress.println("Playstream demo: " + duration.toSeconds() + " s of simulated traffic");
    DemoRun.Report report;
    DownstreamAudit.Result downstream = null;
    List<Reconciliation.Check> checks = List.of();
    RecommendationsProbe.Result recs = null;
    try {
      platform.startKafka();
      platform.ensureTopics();
      platform.applyDefaultRoutes();
      platform.startRouter();
      if (!noJobs) {
        platform.startClusterAndStores();
        platform.submitJobs();
      }
      boolean otherSimulator =
          platform.status().stream()
              .anyMatch(s -> s.name().equals(Platform.SIMULATOR) && s.healthy());
      if (otherSimulator) {
        progress.println(
            "  note: the simulator started by `up` is running too; its events are counted in"
                + " emitted/read back, so the simulator-expected column is not compared");
      }
      SimulatorOptions options =
          SimulatorOptions.defaults()
              .withMode(Mode.HTTP)
              .withServices(
                  URI.create(platform.playbackUrl().toString()),
                  platform.catalogUrl(),
                  platform.steeringUrl())
              .withAuthSecret(platform.authSecret())
              .withBootstrapServers(platform.bootstrapServers())
              .withDuration(duration)
              .withRate(rate)
              .withProfiles(profiles)
              .withSeed(seed)
              .withProgressInterval(Duration.ofSeconds(5))
              .withStopSessionsAtEnd(true);
      DownstreamAudit.Result before = null;
      if (!noJobs) {
        progress.println("Counting what the stores hold before the run...");
        before = DownstreamAudit.collect(platform);
      }
      report = DemoRun.run(platform, options, !otherSimulator, progress);
      if (!noJobs) {
        progress.println("Letting the jobs process and commit for " + settle.toSeconds() + " s...");
        Thread.sleep(settle.toMillis());
        downstream = DownstreamAudit.collect(platform);
        checks = Reconciliation.checks(report.routes(), before, downstream);
        recs =
            RecommendationsProbe.probe(
                platform.catalogUrl(), platform.authSecret(), seed, Math.min(profiles, 20));
      }
    } finally {
      if (!keepRunning) {
        platform.close();
      }
    }
    if (json) {
      System.out.println(toJson(report, downstream, checks, recs));
    } else {
      print(report, System.out);
      if (downstream != null) {
        printDownstream(downstream, System.out);
        printChecks(checks, System.out);
        if (recs != null) {
          System.out.println(
              "\nGET /recommendations for "
                  + recs.asked()
                  + " simulated profiles: "
                  + recs.bySource()
                  + ", "
                  + recs.withTitles()
                  + " with titles"
                  + (recs.problems().isEmpty() ? "" : "; problems: " + recs.problems()));
        }
      }
    }
    return report.ok() ? 0 : 2;
  }

  static String toJson(DemoRun.Report r) throws Exception {
    return toJson(r, null);
  }

  static String toJson(DemoRun.Report r, DownstreamAudit.Result downstream) throws Exception {
    return toJson(r, downstream, List.of(), null);
  }

  static String toJson(
      DemoRun.Report r,
      DownstreamAudit.Result downstream,
      List<Reconciliation.Check> checks,
      RecommendationsProbe.Result recs)
      throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", r.ok());
    out.put("duration_s", Math.round(r.durationSeconds() * 10) / 10.0);
    Map<String, Object> types = new LinkedHashMap<>();
    r.byType()
        .forEach(
            (type, c) -> {
              if (!SERVICE_TYPES.contains(type)) {
                return; // job output types: reported under downstream
              }
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("simulator_expected", c.expected());
              m.put("emitted", c.emitted());
              m.put("failed", c.failed());
              m.put("read_back", c.readBack());
              m.put("duplicates", c.duplicates());
              types.put(type, m);
            });
    out.put("events", types);
    out.put("records_read", r.recordsRead());
    out.put("undecodable", r.undecodable());
    out.put("simulation", r.simulation());
    out.put("routes", r.routes());
    out.put("problems", r.problems());
    if (downstream != null) {
      Map<String, Object> d = DownstreamAudit.toMap(downstream);
      d.put("reconciliation", Reconciliation.toMaps(checks));
      if (recs != null) {
        d.put("recommendations_served", recs.toMap());
      }
      out.put("downstream", d);
    }
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
  }

  static void printDownstream(DownstreamAudit.Result d, PrintStream out) {
    out.println();
    out.printf("%-32s %-10s %12s%n", "FLINK JOB", "STATE", "CHECKPOINTS");
    d.jobs().forEach(j -> out.printf("%-32s %-10s %12d%n", j.name(), j.state(), j.checkpoints()));
    out.printf("%n%-40s %10s%n", "OUTPUT TOPIC", "RECORDS");
    d.topics().forEach((t, n) -> out.printf("%-40s %10d%n", t, n));
    out.printf("%n%-40s %10s%n", "ELASTICSEARCH INDEX", "DOCUMENTS");
    d.elasticsearch().forEach((i, n) -> out.printf("%-40s %10d%n", i, n));
    out.printf("%n%-40s %10s%n", "CASSANDRA TABLE", "ROWS");
    d.cassandra().forEach((t, n) -> out.printf("%-40s %10d%n", t, n));
    out.printf("%n%-40s %10s%n", "ICEBERG TABLE", "ROWS");
    d.iceberg().forEach((t, n) -> out.printf("%-40s %10d%n", t, n));
    d.notes().forEach(n -> out.println("note: " + n));
  }

  static void printChecks(List<Reconciliation.Check> checks, PrintStream out) {
    if (checks.isEmpty()) {
      return;
    }
    out.printf("%n%-90s %9s %9s%n", "ROUTED -> STORED (this run)", "EXPECTED", "STORED");
    for (Reconciliation.Check c : checks) {
      out.printf(
          "%-90s %9d %9d%s%n", c.name(), c.expected(), c.actual(), c.ok() ? "" : "  MISMATCH");
    }
  }

  static void print(DemoRun.Report r, PrintStream out) {
    out.println();
    out.printf("What flowed where (%.0f s):%n", r.durationSeconds());
    out.printf(
        "%-20s %10s %10s %8s %10s %11s%n",
        "EVENT TYPE", "SIMULATOR", "EMITTED", "FAILED", "READ BACK", "DUPLICATES");
    long totalEmitted = 0;
    long totalRead = 0;
    for (var e : r.byType().entrySet()) {
      if (!SERVICE_TYPES.contains(e.getKey())) {
        continue; // job output types: reported under downstream
      }
      DemoRun.TypeCounts c = e.getValue();
      out.printf(
          "%-20s %10s %10d %8d %10d %11d%n",
          e.getKey(),
          c.expected() == null ? "-" : c.expected().toString(),
          c.emitted(),
          c.failed(),
          c.readBack(),
          c.duplicates());
      totalEmitted += c.emitted();
      totalRead += c.readBack();
    }
    out.printf("%-20s %10s %10d %8s %10d%n", "total", "", totalEmitted, "", totalRead);
    out.println(
        "undecodable records: "
            + r.undecodable().values().stream().mapToLong(Long::longValue).sum());
    out.println(
        "simulator: "
            + r.simulation().sessions()
            + " sessions, "
            + r.simulation().requests()
            + " requests, rejected "
            + r.simulation().rejected()
            + ", failed "
            + r.simulation().failed());
    if (!r.routes().isEmpty()) {
      out.printf(
          "%n%-20s %10s %10s %9s %11s %9s%n",
          "ROUTE", "IN", "OUT", "FILTERED", "SAMPLED_OUT", "DLQ");
      r.routes()
          .forEach(
              (route, c) ->
                  out.printf(
                      "%-20s %10d %10d %9d %11d %9d%n",
                      route,
                      c.get("in"),
                      c.get("out"),
                      c.get("filtered"),
                      c.get("sampled_out"),
                      c.get("dead_lettered")));
    }
    if (r.ok()) {
      out.println("OK: every event the services emitted was read back from Kafka exactly once.");
    } else {
      out.println("PROBLEMS:");
      r.problems().forEach(p -> out.println("  " + p));
    }
  }
}
