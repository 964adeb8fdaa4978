package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.PlatformConfig;
import io.playstream.infra.Ports;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.testing.LocalFlinkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code playstream jobs ...} run in-process through {@link PlaystreamCli} against a real local
 * Flink cluster ({@link LocalFlinkExtension}), with a test job catalog whose entry points at the
 * cluster's smoke job jar; then {@code status}, the savepoints {@code down} takes and {@code up}
 * resumes from, and {@code down} itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsCommandIT {
  @RegisterExtension static final LocalFlinkExtension FLINK = LocalFlinkExtension.shared();

  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final Pattern SUBMITTED =
      Pattern.compile("submitted (\\S+) as job ([0-9a-f]{32})");

  @TempDir static Path dir;
  private static Path configFile;
  private static Path catalogFile;
  private static FlinkRestClient rest;

  @BeforeAll
  static void files() throws IOException {
    rest = FLINK.rest();
    configFile = dir.resolve("playstream.yaml");
    Files.writeString(
        configFile,
        "state:\n  dir: "
            + FLINK.stateLayout().root()
            + "\nflink:\n  local:\n    rest-port: "
            + FLINK.restUrl().getPort()
            + "\n");
    catalogFile = dir.resolve("test-jobs.yaml");
    Files.writeString(
        catalogFile,
        "jobs:\n"
            + "  - name: smoke-test\n"
            + "    description: the smoke job, from the test classpath\n"
            + "    jar: "
            + smokeJar()
            + "\n"
            + "    job-name: playstream-smoke\n"
            + "    args: ['--rate', '50', '--checkpoint-interval', '500ms']\n"
            + "    up: true\n"
            + "  - name: ghost\n"
            + "    jar: "
            + dir.resolve("not-built.jar")
            + "\n"
            + "    build: ./mvnw -pl ghost package\n"
            + "    up: true\n"
            + "    order: 200\n");
  }

  private static CliRun cli(String... args) {
    return CliRun.of(configFile, args);
  }

  @Test
  @Order(1)
  void everyJobsSubcommandHasHelp() {
    for (String sub : List.of("submit", "resubmit", "list", "cancel", "savepoint", "catalog")) {
      CliRun r = cli("jobs", sub, "--help");
      assertThat(r.code()).as(sub).isZero();
      assertThat(r.out()).as(sub).contains("Usage: playstream jobs " + sub);
    }
    assertThat(cli("jobs", "--help").out()).contains("submit", "resubmit", "savepoint", "catalog");
  }

  @Test
  @Order(2)
  void catalogListsTheJobsAndWhetherTheirJarsAreBuilt() {
    CliRun r = cli("jobs", "catalog", "--catalog", catalogFile.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("smoke-test +yes +built")
        .containsPattern("ghost +yes +MISSING")
        .contains("build: ./mvnw -pl ghost package")
        .contains("smoke "); // the built-in entry stays
  }

  @Test
  @Order(3)
  void usageProblemsAreSaidClearly() {
    CliRun unknown = cli("jobs", "submit", "nosuch", "--catalog", catalogFile.toString());
    assertThat(unknown.code()).isEqualTo(JobsCommand.USAGE);
    assertThat(unknown.err()).contains("no job named 'nosuch'").contains("smoke-test, ghost");

    CliRun missingJar = cli("jobs", "submit", "ghost", "--catalog", catalogFile.toString());
    assertThat(missingJar.code()).isEqualTo(JobsCommand.USAGE);
    assertThat(missingJar.err())
        .contains("not-built.jar does not exist")
        .contains("build it with: ./mvnw -pl ghost package");

    CliRun nothingRuns = cli("jobs", "cancel", "smoke-test", "--catalog", catalogFile.toString());
    assertThat(nothingRuns.code()).isEqualTo(JobsCommand.USAGE);
    assertThat(nothingRuns.err()).contains("no running job named 'smoke-test'");
  }

  @Test
  @Order(4)
  void submitListSavepointResubmitAndCancel() {
    CliRun submit = cli("jobs", "submit", "smoke-test", "--catalog", catalogFile.toString());
    assertThat(submit.code()).as(submit.err()).isZero();
    String first = jobId(submit.out());
    assertThat(submit.out()).contains("(RUNNING)");

    CliRun again = cli("jobs", "submit", "smoke-test", "--catalog", catalogFile.toString());
    assertThat(again.code()).isEqualTo(JobsCommand.USAGE);
    assertThat(again.err()).contains("already runs as " + first);

    Awaitility.await("a checkpoint shows in `jobs list`")
        .atMost(BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                cli("jobs", "list", "--catalog", catalogFile.toString())
                    .out()
                    .matches("(?s).*smoke-test +" + first + " +RUNNING +\\S+ +\\d+s ago.*"));

    CliRun savepoint =
        cli("jobs", "savepoint", "smoke-test", "--stop", "--catalog", catalogFile.toString());
    assertThat(savepoint.code()).as(savepoint.err()).isZero();
    String path = savepoint.out().strip();
    assertThat(path).startsWith("file:/").contains("savepoint-");
    assertThat(rest.job(first).state()).isEqualTo("FINISHED");

    // resubmit without a path: the savepoint just taken is the recorded one
    CliRun resubmit = cli("jobs", "resubmit", "smoke-test", "--catalog", catalogFile.toString());
    assertThat(resubmit.code()).as(resubmit.err()).isZero();
    assertThat(resubmit.out()).contains("restored from " + path);
    String second = jobId(resubmit.out());
    assertThat(rest.checkpoints(second).restored())
        .hasValueSatisfying(r -> assertThat(r.externalPath()).isEqualTo(path));

    CliRun cancel = cli("jobs", "cancel", second);
    assertThat(cancel.code()).as(cancel.err()).isZero();
    // without --catalog the built-in catalog names the job: its entry `smoke` runs as
    // playstream-smoke too
    assertThat(cancel.out()).contains("cancelled smoke (job " + second + ")");
    assertThat(rest.job(second).state()).isEqualTo("CANCELED");
    assertThat(cli("jobs", "list").out()).contains("no running jobs");
    assertThat(cli("jobs", "list", "--all").out()).contains(first).contains(second);
  }

  @Test
  @Order(5)
  void anUnreachableClusterExitsWith3() throws IOException {
    Path elsewhere = dir.resolve("elsewhere.yaml");
    Files.writeString(elsewhere, "flink:\n  rest-url: http://127.0.0.1:" + Ports.freePort() + "\n");

    int code;
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream err = System.err;
    try {
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new PlaystreamCli())
              .execute("--config", elsewhere.toString(), "jobs", "list");
    } finally {
      System.setErr(err);
    }
    assertThat(code).isEqualTo(JobsCommand.UNREACHABLE);
    assertThat(e.toString(StandardCharsets.UTF_8))
        .contains("is not reachable")
        .contains("./playstream up");
  }

  @Test
  @Order(6)
  void statusShowsTheCluster() {
    Platform platform = new Platform(config(), System.out);
    Platform.ComponentStatus flink =
        platform.status().stream()
            .filter(s -> s.name().equals(Platform.FLINK))
            .findFirst()
            .orElseThrow();

    assertThat(flink.healthy()).isTrue();
    assertThat(flink.where()).isEqualTo(FLINK.restUrl().toString());
    assertThat(flink.detail())
        .contains("1 TaskManager(s)")
        .contains("0 running job(s)")
        .contains("(JobManager pid " + FLINK.cluster().jobManagerPid() + ", TaskManager pid ");
  }

  @Test
  @Order(7)
  void downSavepointsTheJobsAndUpResumesThem() throws IOException {
    PlatformConfig config = config();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(progress, true, StandardCharsets.UTF_8);
    FlinkJobs jobs = new FlinkJobs(config, JobCatalog.load(catalogFile), rest);
    jobs.submitUpJobs(p);
    String first = activeJobId();

    jobs.stopAllWithSavepoints(p);
    System.out.print(progress.toString(StandardCharsets.UTF_8));
    JobSavepoints.Recorded recorded = jobs.savepoints().latest("smoke-test").orElseThrow();
    assertThat(recorded.reason()).isEqualTo(JobSavepoints.Reason.DOWN);
    assertThat(recorded.jobId()).isEqualTo(first);
    assertThat(rest.job(first).state()).isEqualTo("FINISHED");

    jobs.submitUpJobs(p);
    String resumed = activeJobId();
    assertThat(resumed).isNotEqualTo(first);
    assertThat(rest.checkpoints(resumed).restored())
        .hasValueSatisfying(r -> assertThat(r.externalPath()).isEqualTo(recorded.path()));
    assertThat(jobs.savepoints().latest("smoke-test").orElseThrow().reason())
        .isEqualTo(JobSavepoints.Reason.RESUMED);
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("job smoke-test RUNNING as " + first)
        .contains("resumed from " + recorded.path())
        // the ghost job's jar is not built: reported and skipped, nothing else fails
        .contains("warning: job ghost not submitted")
        .contains("build it with: ./mvnw -pl ghost package");
  }

  @Test
  @Order(8)
  void downStopsTheClusterAfterSavepointingItsJobs() {
    String running = activeJobId();
    Platform platform = new Platform(config(), System.out);

    List<String> stopped = platform.down();

    assertThat(stopped).contains(Platform.FLINK);
    assertThat(FLINK.cluster().isAlive()).isFalse();
    assertThat(FLINK.cluster().isTaskManagerAlive()).isFalse();
    // down reads the built-in catalog, whose entry `smoke` runs as playstream-smoke
    JobSavepoints.Recorded recorded =
        new FlinkJobs(config(), JobCatalog.load(), rest).savepoints().latest("smoke").orElseThrow();
    assertThat(recorded.jobId()).isEqualTo(running);
    assertThat(recorded.reason()).isEqualTo(JobSavepoints.Reason.DOWN);
  }

  private static String activeJobId() {
    List<FlinkRestClient.JobSummary> active =
        rest.jobs().stream().filter(j -> !j.isTerminal()).toList();
    assertThat(active).hasSize(1);
    return active.get(0).id();
  }

  private static PlatformConfig config() {
    return PlatformConfig.builder(dir).environment(Map.of()).configFile(configFile).build();
  }

  private static String jobId(String out) {
    Matcher m = SUBMITTED.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(2);
  }

  private static Path smokeJar() {
    String resource = "io/playstream/flink/smoke/SmokeJob.class";
    URL url = JobsCommandIT.class.getClassLoader().getResource(resource);
    assertThat(url).as("the smoke job jar (classifier smoke-job) on the classpath").isNotNull();
    String s = url.toString();
    try {
      return Path.of(new URI(s.substring("jar:".length(), s.indexOf("!/"))));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
