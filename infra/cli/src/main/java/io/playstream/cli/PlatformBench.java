package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.bench.BenchResult;
import io.playstream.infra.JavaProcess;
import io.playstream.infra.PlatformConfig;
import io.playstream.infra.PlatformOptions;
import io.playstream.infra.Ports;
import io.playstream.infra.StateLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code playstream bench platform}: how long {@code playstream up} takes from its start to the
 * first live data on the dashboard, and how much memory the whole platform then holds.
 *
 * <p>Runs {@code playstream up} as a child process (this JVM's classpath, so the build is not
 * timed) on a fresh state folder in {@code /tmp} — a first start: empty Kafka, Elasticsearch and
 * Cassandra data, no savepoints — with the configured ports, which must be free (stop a running
 * platform with {@code playstream down} first). The clock runs from the child's start until the
 * dashboard's {@code /api/summary} holds a stream-starts figure (a metric the playback-health job
 * computed from simulated traffic, read from its Kafka topic). Then the resident memory (VmRSS) of
 * every process of the platform (the {@code up} process and each component it started, from their
 * pid files) is summed, and {@code up} is stopped with SIGTERM (it stops everything it started).
 *
 * <p>{@code RESULT name=platform ours=<seconds> baseline=120 ratio=<seconds/120> unit=s}; the
 * target is 120 s. The memory figure is printed just before.
 */
final class PlatformBench {
  static final String NAME = "platform";
  static final double TARGET_SECONDS = 120;
  private static final Duration LIMIT = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlatformBench() {}

  static BenchResult run(PlatformConfig config, PrintStream out) throws Exception {
    List<Integer> ports =
        List.of(
            config.get(PlatformOptions.KAFKA_LOCAL_PORT),
            config.get(PlatformOptions.DASHBOARD_PORT),
            config.get(PlatformOptions.ROUTER_HTTP_PORT),
            config.get(PlatformOptions.FLINK_LOCAL_REST_PORT));
    for (int p : ports) {
      if (!Ports.isFree(p)) {
        throw new IllegalStateException(
            "port "
                + p
                + " is in use: bench platform measures a cold `up` and needs the platform's ports"
                + " free; stop a running platform with `./playstream down`");
      }
    }
    Path state = Files.createTempDirectory("playstream-bench-platform-");
    Path log = state.resolve("up.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(JavaProcess.javaExecutable().toString());
    cmd.add("-Xmx1g"); // as ./playstream runs the CLI
    cmd.add("-Dplaystream.root=" + System.getProperty("playstream.root", "."));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PlaystreamCli.class.getName());
    cmd.add("up");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("PLAYSTREAM_STATE_DIR", state.toString());
    URI summary =
        URI.create(
            "http://127.0.0.1:" + config.get(PlatformOptions.DASHBOARD_PORT) + "/api/summary");
    out.printf("bench platform: `playstream up` on a fresh state folder %s (log %s)%n", state, log);
    long t0 = System.nanoTime();
    Process up = pb.start();
    try {
      double seconds = waitForLiveData(up, summary, t0, log, out);
      out.printf(Locale.ROOT, "first live data on the dashboard after %.1f s%n", seconds);
      Map<String, Long> rss = residentMemory(up.pid(), new StateLayout(state));
      long totalKb = rss.values().stream().mapToLong(Long::longValue).sum();
      rss.forEach((name, kb) -> out.printf(Locale.ROOT, "  %-24s %8.0f MiB%n", name, kb / 1024.0));
      out.printf(
          Locale.ROOT,
          "resident memory of the platform: %.2f GiB in %d processes%n",
          totalKb / 1024.0 / 1024.0,
          rss.size());
      return new BenchResult(NAME, seconds, TARGET_SECONDS, "s");
    } finally {
      out.println("stopping the platform (SIGTERM to `up`, which stops what it started)...");
      up.destroy();
      if (!up.waitFor(3, TimeUnit.MINUTES)) {
        up.destroyForcibly();
      }
    }
  }

  private static double waitForLiveData(Process up, URI summary, long t0, Path log, PrintStream out)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long lastProgress = System.nanoTime();
    while (System.nanoTime() - t0 < LIMIT.toNanos()) {
      if (!up.isAlive()) {
        throw new IllegalStateException(
            "`playstream up` exited with " + up.exitValue() + " before live data; see " + log);
      }
      if (hasLiveData(http, summary)) {
        return (System.nanoTime() - t0) / 1e9;
      }
      if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(15)) {
        lastProgress = System.nanoTime();
        List<String> lines = Files.readAllLines(log);
        out.printf(
            Locale.ROOT,
            "  %3.0f s: %s%n",
            (System.nanoTime() - t0) / 1e9,
            lines.isEmpty() ? "starting" : lines.get(lines.size() - 1).strip());
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "no live data on the dashboard within " + LIMIT.toMinutes() + " min; see " + log);
  }

  /** True when the dashboard's summary holds a stream-starts figure. */
  static boolean hasLiveData(HttpClient http, URI summary) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(summary).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && hasLiveData(JSON.readTree(r.body()));
    } catch (IOException e) {
      return false; // not serving yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The summary's {@code tables.kpis.sps} is set once a stream-starts metric has arrived. */
  static boolean hasLiveData(JsonNode summary) {
    JsonNode sps = summary.path("tables").path("kpis").path("sps");
    return !sps.isMissingNode() && !sps.isNull();
  }

  /** VmRSS (KiB) of the {@code up} process and of every component with a pid file. */
  static Map<String, Long> residentMemory(long upPid, StateLayout layout) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    rss(upPid).ifPresent(kb -> out.put("up (CLI)", kb));
    if (Files.isDirectory(layout.pidsDir())) {
      try (Stream<Path> files = Files.list(layout.pidsDir())) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
          try {
            long pid = Long.parseLong(Files.readString(f).strip());
            rss(pid).ifPresent(kb -> out.put(name, kb));
          } catch (NumberFormatException | IOException e) {
            // a pid file being rewritten: skip it
          }
        }
      }
    }
    return out;
  }

  private static java.util.Optional<Long> rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return java.util.Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return java.util.Optional.empty();
  }
}
