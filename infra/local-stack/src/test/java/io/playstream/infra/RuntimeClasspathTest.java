package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeClasspathTest {
  @Test
  void kafkaRuntimeClasspathComesWithTheKafkaRuntimeJar() {
    List<Path> cp = RuntimeClasspath.load(KafkaLauncher.RUNTIME);

    assertThat(cp).anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
    assertThat(cp).anyMatch(p -> p.getFileName().toString().startsWith("log4j-core-"));
    assertThat(cp).allMatch(Path::isAbsolute);
  }

  @Test
  void brokerJarsStayOffOurOwnClasspath() {
    assertThat(RuntimeClasspath.ofCurrentJvm())
        .noneMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
  }

  @Test
  void missingRuntimeNamesTheFix() {
    assertThatThrownBy(() -> RuntimeClasspath.load("no-such-runtime"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("playstream-runtime/no-such-runtime.classpath")
        .hasMessageContaining("./mvnw install -DskipTests");
  }

  @Test
  void parseAcceptsPathSeparatorAndLineBreaks() {
    assertThat(RuntimeClasspath.parse("/a.jar:/b.jar\n/c.jar\n\n"))
        .containsExactly(Path.of("/a.jar"), Path.of("/b.jar"), Path.of("/c.jar"));
  }

  @Test
  void toolCodeLocationIsTheJarOrClassesFolderCarryingTheResource() throws Exception {
    String resource = "playstream-runtime/x.classpath";
    assertThat(
            RuntimeClasspath.codeLocation(
                new java.net.URL("jar:file:/repo/tool.jar!/" + resource), resource))
        .isEqualTo(java.nio.file.Path.of("/repo/tool.jar"));
    assertThat(
            RuntimeClasspath.codeLocation(
                new java.net.URL("file:/repo/target/classes/" + resource), resource))
        .isEqualTo(java.nio.file.Path.of("/repo/target/classes"));
  }

  @Test
  void missingToolNamesTheFix() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuntimeClasspath.loadTool("nope"))
        .hasMessageContaining("./mvnw install");
  }
}
