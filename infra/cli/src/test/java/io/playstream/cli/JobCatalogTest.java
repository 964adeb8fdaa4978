package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.infra.PlatformConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCatalogTest {
  private static final Path ROOT = Path.of("/repo");

  private static PlatformConfig config() {
    return PlatformConfig.builder(ROOT)
        .environment(Map.of())
        .override("kafka.local.port", "19092")
        .build();
  }

  @Test
  void theBuiltInCatalogHasTheSmokeJobWithResolvableArguments() {
    JobCatalog catalog = JobCatalog.load();
    JobCatalog.Entry smoke = catalog.require("smoke");

    assertThat(smoke.jarPath(ROOT))
        .isEqualTo(Path.of("/repo/infra/flink-cluster-runtime/target/flink-smoke-job.jar"));
    assertThat(smoke.build()).contains("-pl infra/flink-cluster-runtime");
    assertThat(smoke.entryClass()).isEqualTo("io.playstream.flink.smoke.SmokeJob");
    assertThat(smoke.jobName()).isEqualTo("playstream-smoke");
    assertThat(smoke.up()).isFalse();
    assertThat(smoke.resolvedArgs(config()))
        .containsExactly("--rate", "20", "--checkpoint-interval", "PT5S");
    // every entry's placeholders resolve against the default config
    for (JobCatalog.Entry e : catalog.entries()) {
      assertThat(e.resolvedArgs(config())).noneMatch(a -> a.contains("${"));
    }
  }

  @Test
  void theIcebergSinkGetsTheEffectiveCatalogLocalByDefaultAndOnTheLocalS3ServerWhenEnabled() {
    JobCatalog.Entry sink = JobCatalog.load().require("sink-iceberg");
    assertThat(sink.resolvedArgs(config()))
        .containsSubsequence("--warehouse", "file:///repo/.playstream/data/iceberg/warehouse")
        .doesNotContain("--s3-endpoint");

    PlatformConfig s3 =
        PlatformConfig.builder(ROOT)
            .environment(Map.of())
            .override("s3.local.enabled", "true")
            .override("s3.local.port", "19000")
            .build();
    assertThat(sink.resolvedArgs(s3))
        .containsSubsequence("--warehouse", "s3://playstream-warehouse/warehouse")
        .containsSubsequence("--s3-endpoint", "http://127.0.0.1:19000")
        .contains("--s3-path-style-access", "--s3-access-key", "--s3-secret-key-file");
  }

  @Test
  void parsesEveryFieldWithDefaultsAndSortsBySubmitOrder() {
    JobCatalog catalog =
        JobCatalog.of(
            """
            jobs:
              - name: late
                jar: a/late.jar
                order: 20
                up: true
              - name: early
                description: first one
                jar: /abs/early.jar
                build: ./mvnw -pl early package
                entry-class: com.example.Early
                job-name: Early Job
                parallelism: 2
                args: ["--brokers", "${kafka.bootstrap-servers}", "--dir=${state.dir}/x", 7]
                up: true
                order: 10
              - name: manual
                jar: m.jar
            """,
            "test");

    assertThat(catalog.names()).containsExactly("early", "late", "manual");
    assertThat(catalog.upEntries())
        .extracting(JobCatalog.Entry::name)
        .containsExactly("early", "late");
    JobCatalog.Entry early = catalog.require("early");
    assertThat(early.jarPath(ROOT)).isEqualTo(Path.of("/abs/early.jar"));
    assertThat(early.parallelism()).isEqualTo(2);
    assertThat(early.resolvedArgs(config()))
        .containsExactly("--brokers", "127.0.0.1:19092", "--dir=/repo/.playstream/x", "7");
    assertThat(catalog.findByJobName("Early Job")).contains(early);
    JobCatalog.Entry manual = catalog.require("manual");
    assertThat(manual.jobName()).isEqualTo("manual");
    assertThat(manual.entryClass()).isNull();
    assertThat(manual.parallelism()).isNull();
    assertThat(manual.up()).isFalse();
    assertThat(manual.order()).isEqualTo(JobCatalog.DEFAULT_ORDER);
    assertThat(manual.jarPath(ROOT)).isEqualTo(Path.of("/repo/m.jar"));
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> JobCatalog.load().require("metrcs"))
        .isInstanceOf(JobsCommand.UserError.class)
        .hasMessageContaining("no job named 'metrcs'")
        .hasMessageContaining("known jobs: ")
        .hasMessageContaining("smoke");
  }

  @Test
  void anUnknownPlaceholderNamesTheJobAndTheKey() {
    JobCatalog catalog =
        JobCatalog.of("jobs: [{name: j, jar: j.jar, args: [\"${kafka.brokers}\"]}]", "test");

    assertThatThrownBy(() -> catalog.require("j").resolvedArgs(config()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job 'j'")
        .hasMessageContaining("${kafka.brokers}");
  }

  @Test
  void badEntriesAreRejectedSayingWhere() {
    assertThatThrownBy(() -> JobCatalog.of("jobs: [{name: j}]", "f.yaml"))
        .hasMessage("f.yaml: job 'j': jar is required");
    assertThatThrownBy(() -> JobCatalog.of("jobs: [{name: j, jar: x, jars: y}]", "f.yaml"))
        .hasMessageContaining("f.yaml: jobs[0]: unknown field 'jars'");
    assertThatThrownBy(() -> JobCatalog.of("jobs: [{name: J!, jar: x}]", "f.yaml"))
        .hasMessageContaining("the name must match");
    assertThatThrownBy(
            () -> JobCatalog.of("jobs: [{name: j, jar: x}, {name: j, jar: y}]", "f.yaml"))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> JobCatalog.of("jobs: [{name: j, jar: x, parallelism: 0}]", "f.yaml"))
        .hasMessageContaining("parallelism must be a positive number");
    assertThatThrownBy(() -> JobCatalog.of("jobs: [{name: j, jar: x, args: \"--a b\"}]", "f"))
        .hasMessageContaining("args must be a list");
    assertThatThrownBy(() -> JobCatalog.of("routes: []", "f.yaml"))
        .hasMessageContaining("expected a top-level list `jobs:`");
  }

  @Test
  void anExtraFileAddsAndReplacesEntriesByName(@TempDir Path dir) throws Exception {
    Path extra = dir.resolve("more-jobs.yaml");
    Files.writeString(
        extra,
        "jobs:\n"
            + "  - {name: smoke, jar: /elsewhere/smoke.jar, job-name: playstream-smoke}\n"
            + "  - {name: mine, jar: mine.jar}\n");

    JobCatalog catalog = JobCatalog.load(extra);

    assertThat(catalog.names()).contains("smoke", "mine");
    assertThat(catalog.require("smoke").jarPath(ROOT)).isEqualTo(Path.of("/elsewhere/smoke.jar"));
    Files.writeString(
        extra, "jobs:\n  - {name: smoke-copy, jar: s.jar, job-name: playstream-smoke}\n");
    // two entries run under the same Flink name: the extra file's names the running job
    assertThat(JobCatalog.load(extra).findByJobName("playstream-smoke").orElseThrow().name())
        .isEqualTo("smoke-copy");
  }

  @Test
  void humanDurations() {
    assertThat(JobsCommand.human(java.time.Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(JobsCommand.human(java.time.Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(JobsCommand.human(java.time.Duration.ofMinutes(125))).isEqualTo("2h05m");
    assertThat(JobsCommand.human(java.time.Duration.ofHours(76))).isEqualTo("3d04h");
  }
}
