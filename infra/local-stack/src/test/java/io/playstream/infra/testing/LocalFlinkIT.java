package io.playstream.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.infra.FlinkCluster;
import io.playstream.infra.FlinkLauncher;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.flink.FlinkRestException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real standalone cluster started by {@link LocalFlinkExtension} (JobManager and TaskManager
 * processes through {@link FlinkLauncher}), driven through {@link FlinkRestClient} with the
 * cluster's smoke job ({@code infra/flink-cluster-runtime}, on the test classpath as the {@code
 * smoke-job} jar).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalFlinkIT {
  @RegisterExtension static final LocalFlinkExtension FLINK = LocalFlinkExtension.shared();

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkIT.class);
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final String SMOKE_MAIN = "io.playstream.flink.smoke.SmokeJob";
  private static final String PROCESSED = "smoke-progress.smokeProcessed";
  private static final String RESTORED = "smoke-progress.smokeRestored";
  private static final List<String> SMOKE_ARGS =
      List.of("--rate", "50", "--checkpoint-interval", "500ms");

  private static FlinkRestClient rest;
  private static String jarId;

  @BeforeAll
  static void upload() {
    rest = FLINK.rest();
    jarId = rest.uploadJar(smokeJar());
  }

  @AfterAll
  static void deleteJar() {
    if (jarId != null) {
      rest.deleteJar(jarId);
    }
  }

  @Test
  @Order(1)
  void clusterRunsOneTaskManagerWithItsSlotsAndLogsToItsFiles() throws IOException {
    FlinkCluster cluster = FLINK.cluster();
    FlinkRestClient.ClusterOverview overview = rest.overview();

    assertThat(overview.taskManagers()).isEqualTo(1);
    assertThat(overview.slotsTotal()).isEqualTo(LocalFlinkExtension.TEST_SLOTS);
    assertThat(overview.flinkVersion()).isEqualTo("2.1.0");
    assertThat(rest.taskManagers())
        .singleElement()
        .satisfies(tm -> assertThat(tm.slots()).isEqualTo(4));
    assertThat(cluster.jobManagerPid()).isNotEqualTo(cluster.taskManagerPid().orElseThrow());
    // Flink logs through slf4j; the log4j2 binding on the cluster classpath must pick it up
    assertThat(Files.readString(cluster.jobManagerLog()))
        .contains("Starting StandaloneSessionClusterEntrypoint")
        .contains("Rest endpoint listening at 127.0.0.1:" + FLINK.restUrl().getPort())
        .contains("BashJavaUtils GET_JM_RESOURCE_PARAMS")
        .doesNotContain("No SLF4J providers were found");
    assertThat(Files.readString(cluster.taskManagerLog()))
        .contains("Starting TaskManager")
        .contains("Successful registration at resource manager");
    LOG.info(
        "Flink cluster ready in {} ms; RSS JobManager {} MB, TaskManager {} MB",
        cluster.readyMillis(),
        rssMb(cluster.jobManagerPid()),
        rssMb(cluster.taskManagerPid().orElseThrow()));
  }

  @Test
  @Order(2)
  void aSecondLauncherReusesTheRunningCluster() throws InterruptedException {
    FlinkLauncher again = new FlinkLauncher(FLINK.stateLayout(), FLINK.launcher().settings());
    FlinkCluster found = again.start();

    assertThat(found.reused()).isTrue();
    assertThat(found.jobManagerPid()).isEqualTo(FLINK.cluster().jobManagerPid());
    assertThat(found.taskManagerPid()).isEqualTo(FLINK.cluster().taskManagerPid());
    assertThat(rest.overview().taskManagers()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aJobStopsWithASavepointAndResumesFromIt() {
    String first = rest.run(jarId, SMOKE_MAIN, SMOKE_ARGS, 1, null, false);
    awaitRunningWithCheckpoint(first);
    double processedBefore =
        await(first, PROCESSED, v -> v >= 20, "the first run to count 20 records");

    String savepoint = rest.stopWithSavepoint(first, FLINK.savepointDir(), false);

    assertThat(savepoint).startsWith(FLINK.savepointDir().replace("file:///", "file:/"));
    assertThat(Path.of(URI.create(savepoint.replace("file:/", "file:///"))).resolve("_metadata"))
        .exists();
    assertThat(rest.job(first).state()).isEqualTo("FINISHED");

    // resubmitted from the savepoint; entry class from the jar manifest this time
    String second = rest.run(jarId, null, SMOKE_ARGS, null, savepoint, false);
    awaitRunningWithCheckpoint(second);
    FlinkRestClient.RestoredCheckpoint restored = rest.checkpoints(second).restored().orElseThrow();
    assertThat(restored.savepoint()).isTrue();
    assertThat(restored.externalPath()).isEqualTo(savepoint);
    // the operator state came back: the restored count is what the first run had counted
    double restoredCount = await(second, RESTORED, v -> v > 0, "the restored count");
    assertThat(restoredCount).isGreaterThanOrEqualTo(processedBefore);
    assertThat(rest.jobs())
        .filteredOn(j -> j.id().equals(second))
        .singleElement()
        .satisfies(j -> assertThat(j.name()).isEqualTo("playstream-smoke"));

    rest.cancel(second);
    Awaitility.await("job cancelled")
        .atMost(BOUND)
        .until(() -> rest.job(second).state().equals("CANCELED"));
  }

  @Test
  @Order(4)
  void restErrorsCarryFlinksReason() {
    assertThatThrownBy(() -> rest.run(jarId, "nope.Missing", List.of(), null, null, false))
        .isInstanceOf(FlinkRestException.class)
        .hasMessageContaining("entry point class 'nope.Missing' was not found");
    assertThatThrownBy(() -> rest.cancel("0123456789abcdef0123456789abcdef"))
        .isInstanceOfSatisfying(FlinkRestException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  @Order(5)
  void aKilledTaskManagerIsReplaced() throws InterruptedException {
    String before = rest.taskManagers().get(0).id();
    long killedPid = FLINK.cluster().taskManagerPid().orElseThrow();

    FLINK.killTaskManager();
    assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();
    Awaitility.await("the JobManager drops the dead TaskManager")
        .atMost(BOUND)
        .until(() -> rest.overview().taskManagers() == 0);

    FLINK.startTaskManager();

    assertThat(rest.taskManagers())
        .singleElement()
        .satisfies(tm -> assertThat(tm.id()).isNotEqualTo(before));
    assertThat(FLINK.cluster().taskManagerPid().orElseThrow()).isNotEqualTo(killedPid);
  }

  private static void awaitRunningWithCheckpoint(String jobId) {
    Awaitility.await("job " + jobId + " running with a completed checkpoint")
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              FlinkRestClient.JobDetails d = rest.job(jobId);
              return d.state().equals("RUNNING")
                  && d.vertices().stream().allMatch(v -> v.status().equals("RUNNING"))
                  && d.checkpoints().latestCompleted().isPresent();
            });
  }

  private static double await(
      String jobId, String metric, java.util.function.DoublePredicate ok, String what) {
    double[] seen = {Double.NaN};
    Awaitility.await(what)
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              OptionalDouble v = rest.operatorMetricSum(jobId, metric);
              if (v.isPresent()) {
                seen[0] = v.getAsDouble();
              }
              return v.isPresent() && ok.test(v.getAsDouble());
            });
    return seen[0];
  }

  /** The smoke job jar on the test classpath (the {@code smoke-job} artifact). */
  static Path smokeJar() {
    String resource = "io/playstream/flink/smoke/SmokeJob.class";
    URL url = LocalFlinkIT.class.getClassLoader().getResource(resource);
    assertThat(url)
        .as(
            "the smoke job jar (infra/flink-cluster-runtime, classifier smoke-job) on the classpath")
        .isNotNull();
    String s = url.toString();
    assertThat(s).as("smoke job classes come from a jar").startsWith("jar:file:");
    try {
      return Path.of(new URI(s.substring("jar:".length(), s.indexOf("!/"))));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rssMb(long pid) {
    Path status = Path.of("/proc/" + pid + "/status");
    try {
      Optional<String> line =
          Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:")).findFirst();
      return line.map(l -> Long.toString(Long.parseLong(l.replaceAll("\\D", "")) / 1024))
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
