package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkLauncherTest {
  private static final StateLayout LAYOUT = new StateLayout(Path.of("/tmp/ps-state"));

  /** What BashJavaUtils GET_TM_RESOURCE_PARAMS printed on this machine for a 3g TaskManager. */
  private static final String TM_OUTPUT =
      String.join(
          "\n",
          "2026-11-22T00:19:07,826 INFO  [main] o.a.f.c.GlobalConfiguration - Using standard YAML"
              + " parser to load flink configuration file from /tmp/flinkexp/conf/config.yaml.",
          "2026-11-22T00:19:08,092 INFO  [main] o.a.f.r.u.b.BashJavaUtils - Final TaskExecutor"
              + " Memory configuration:",
          "2026-11-22T00:19:08,099 INFO  [main] o.a.f.r.u.b.BashJavaUtils -   Total Process"
              + " Memory:          3.000gb (3221225472 bytes)",
          "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1181115985 -Xms1181115985"
              + " -XX:MaxDirectMemorySize=397284478 -XX:MaxMetaspaceSize=268435456",
          "BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.memory.network.min=263066750b -D"
              + " taskmanager.cpu.cores=8.0 -D taskmanager.memory.task.off-heap.size=0b -D"
              + " taskmanager.memory.jvm-metaspace.size=268435456b -D external-resources=none -D"
              + " taskmanager.memory.jvm-overhead.min=322122552b -D"
              + " taskmanager.memory.framework.off-heap.size=134217728b -D"
              + " taskmanager.memory.network.max=263066750b -D"
              + " taskmanager.memory.framework.heap.size=134217728b -D"
              + " taskmanager.memory.managed.size=1052267001b -D"
              + " taskmanager.memory.task.heap.size=1046898257b -D taskmanager.numberOfTaskSlots=8"
              + " -D taskmanager.memory.jvm-overhead.max=322122552b",
          "");

  private static FlinkLauncher.Settings settings() {
    return new FlinkLauncher.Settings(
        8081,
        6123,
        0,
        0,
        0,
        8,
        "1g",
        "3g",
        "file:///tmp/ps-state/data/flink/checkpoints",
        "file:///tmp/ps-state/data/flink/savepoints",
        Duration.ofSeconds(60),
        Duration.ofSeconds(20),
        Map.of());
  }

  @Test
  void parsesTheMemoryFlagsAndDynamicPropertiesOfBashJavaUtils() {
    FlinkLauncher.ResourceParams p = FlinkLauncher.parseResourceParams(TM_OUTPUT);

    assertThat(p.jvmArgs())
        .containsExactly(
            "-Xmx1181115985",
            "-Xms1181115985",
            "-XX:MaxDirectMemorySize=397284478",
            "-XX:MaxMetaspaceSize=268435456");
    assertThat(p.dynamicProperties()).hasSize(26);
    assertThat(p.dynamicProperties().subList(0, 2))
        .containsExactly("-D", "taskmanager.memory.network.min=263066750b");
    assertThat(p.dynamicProperties()).contains("taskmanager.memory.managed.size=1052267001b");
    // every value follows a -D
    for (int i = 0; i < p.dynamicProperties().size(); i += 2) {
      assertThat(p.dynamicProperties().get(i)).isEqualTo("-D");
      assertThat(p.dynamicProperties().get(i + 1)).contains("=");
    }
  }

  @Test
  void failsWithTheOutputWhenBashJavaUtilsPrintsNoResult() {
    assertThatThrownBy(
            () -> FlinkLauncher.parseResourceParams("ERROR something broke\nat line 2\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("found 0")
        .hasMessageContaining("something broke");
  }

  @Test
  void configHasAddressesPortsMemoryStateBackendAndFolders() {
    Map<String, Object> c = FlinkLauncher.configValues(LAYOUT, settings());

    assertThat(c)
        .containsEntry("jobmanager.rpc.address", "127.0.0.1")
        .containsEntry("jobmanager.rpc.port", 6123)
        .containsEntry("jobmanager.bind-host", "127.0.0.1")
        .containsEntry("taskmanager.host", "127.0.0.1")
        .containsEntry("taskmanager.bind-host", "127.0.0.1")
        .containsEntry("rest.bind-address", "127.0.0.1")
        .containsEntry("rest.port", 8081)
        .containsEntry("taskmanager.numberOfTaskSlots", 8)
        .containsEntry("jobmanager.memory.process.size", "1g")
        .containsEntry("taskmanager.memory.process.size", "3g")
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.dir", "file:///tmp/ps-state/data/flink/checkpoints")
        .containsEntry(
            "execution.checkpointing.savepoint-dir", "file:///tmp/ps-state/data/flink/savepoints")
        .containsEntry("web.upload.dir", "/tmp/ps-state/data/flink/uploads")
        .containsEntry("io.tmp.dirs", "/tmp/ps-state/data/flink/tmp");
    // deprecated in Flink 2.1: must not be written
    assertThat(c).doesNotContainKeys("state.checkpoints.dir", "state.savepoints.dir");
  }

  @Test
  void extraConfigAddsAndReplacesKeys() {
    Map<String, Object> c =
        FlinkLauncher.configValues(
            LAYOUT,
            settings()
                .withExtraConfig(
                    Map.of("heartbeat.timeout", "20000", "state.backend.type", "hashmap")));

    assertThat(c)
        .containsEntry("heartbeat.timeout", "20000")
        .containsEntry("state.backend.type", "hashmap");
  }

  @Test
  void rendersNestedYamlThatFlattensBackToTheSameKeys() throws Exception {
    Map<String, Object> flat = FlinkLauncher.configValues(LAYOUT, settings());
    String yaml = FlinkLauncher.renderYaml(flat);

    assertThat(yaml).startsWith("# Generated by Playstream's FlinkLauncher");
    assertThat(yaml).contains("rest:\n  address: 127.0.0.1\n  bind-address: 127.0.0.1\n");
    assertThat(flatten(new YAMLMapper().readTree(yaml)))
        .isEqualTo(asText(flat))
        .containsEntry("rest.port", "8081")
        .containsEntry("blob.server.port", "0");
  }

  @Test
  void aKeyThatIsAlsoAPrefixIsWrittenFlat() throws Exception {
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put("state.backend", "rocksdb");
    flat.put("state.backend.incremental", true);
    flat.put("state.backend.type", "rocksdb");
    String yaml = FlinkLauncher.renderYaml(flat);

    assertThat(flatten(new YAMLMapper().readTree(yaml))).isEqualTo(asText(flat));
    assertThat(yaml).contains("state.backend.incremental: true");
  }

  @Test
  void savepointsGoNextToCheckpoints() {
    assertThat(FlinkLauncher.Settings.savepointDirFor("file:///s/data/flink/checkpoints"))
        .isEqualTo("file:///s/data/flink/savepoints");
    assertThat(FlinkLauncher.Settings.savepointDirFor("s3://bucket/flink/checkpoints/"))
        .isEqualTo("s3://bucket/flink/savepoints");
    assertThat(FlinkLauncher.Settings.savepointDirFor("s3://bucket/state"))
        .isEqualTo("s3://bucket/state/savepoints");
  }

  @Test
  void settingsFromThePlatformConfigFollowItsFlinkOptions() {
    PlatformConfig config =
        PlatformConfig.builder(Path.of("/tmp/ps-root"))
            .environment(Map.of())
            .override("flink.local.rest-port", "18081")
            .override("flink.local.task-slots", "2")
            .override("flink.local.taskmanager-memory", "2g")
            .build();
    FlinkLauncher.Settings s = FlinkLauncher.Settings.from(config);

    assertThat(s.restPort()).isEqualTo(18081);
    assertThat(s.restUrl()).hasToString("http://127.0.0.1:18081");
    assertThat(s.rpcPort()).isEqualTo(FlinkLauncher.DEFAULT_RPC_PORT);
    assertThat(s.taskSlots()).isEqualTo(2);
    assertThat(s.jobManagerMemory()).isEqualTo("1g");
    assertThat(s.taskManagerMemory()).isEqualTo("2g");
    assertThat(s.checkpointDir())
        .isEqualTo("file:///tmp/ps-root/.playstream/data/flink/checkpoints");
    assertThat(s.savepointDir()).isEqualTo("file:///tmp/ps-root/.playstream/data/flink/savepoints");
  }

  @Test
  void rejectsPortsUsedTwice() {
    assertThatThrownBy(
            () ->
                new FlinkLauncher.Settings(
                    8081,
                    8081,
                    0,
                    0,
                    0,
                    1,
                    "1g",
                    "1g",
                    "file:///c",
                    "file:///s",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8081");
  }

  private static Map<String, String> asText(Map<String, Object> flat) {
    Map<String, String> out = new LinkedHashMap<>();
    flat.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  /** Flattens nested YAML the way Flink does: nested keys joined with dots. */
  private static Map<String, String> flatten(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", node, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    node.fields()
        .forEachRemaining(
            e -> {
              String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
              if (e.getValue().isObject()) {
                flatten(key, e.getValue(), out);
              } else {
                out.put(key, e.getValue().asText());
              }
            });
  }
}
