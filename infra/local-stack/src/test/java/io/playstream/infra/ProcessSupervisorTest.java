package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pid-file safety: a pid file is never trusted without the OS confirming the process is ours. */
class ProcessSupervisorTest {
  @TempDir Path state;
  private StateLayout layout;
  private ProcessSupervisor supervisor;

  @BeforeEach
  void setUp() {
    layout = new StateLayout(state).prepare("svc");
    supervisor = new ProcessSupervisor(layout);
  }

  @Test
  void pidFileOfAnExitedProcessIsRemoved() throws Exception {
    Process gone = new ProcessBuilder(JavaProcess.javaExecutable().toString(), "-version").start();
    gone.waitFor();
    Files.writeString(layout.pidFile("svc"), gone.pid() + "\n");

    assertThat(supervisor.find("svc")).isEmpty();
    assertThat(layout.pidFile("svc")).doesNotExist();
    assertThat(supervisor.stop("svc", Duration.ofSeconds(1))).isFalse();
  }

  @Test
  void pidFileNamingSomeoneElsesLiveProcessIsRemovedWithoutSignalling() throws IOException {
    // this test JVM is alive but carries no marker flags: a recycled pid, as far as we can tell
    long foreign = ProcessHandle.current().pid();
    Files.writeString(layout.pidFile("svc"), foreign + "\n");

    assertThat(supervisor.stop("svc", Duration.ofSeconds(1))).isFalse();

    assertThat(ProcessHandle.current().isAlive()).isTrue();
    assertThat(layout.pidFile("svc")).doesNotExist();
  }

  @Test
  void unreadablePidFileIsRemoved() throws IOException {
    Files.writeString(layout.pidFile("svc"), "not a pid");

    assertThat(supervisor.find("svc")).isEmpty();
    assertThat(layout.pidFile("svc")).doesNotExist();
  }

  @Test
  void missingPidFileMeansNotRunning() {
    assertThat(supervisor.find("svc")).isEmpty();
    assertThat(supervisor.componentsWithPidFiles()).isEmpty();
  }

  @Test
  void componentsWithPidFilesAreListedByName() throws IOException {
    Files.writeString(layout.pidFile("zeta"), "1\n");
    Files.writeString(layout.pidFile("alpha"), "2\n");

    assertThat(supervisor.componentsWithPidFiles()).containsExactly("alpha", "zeta");
  }

  @Test
  void commandLineCarriesMarkersFirstThenClasspathAndMain() {
    JavaProcess spec =
        JavaProcess.builder("svc", "com.example.Main")
            .classpath(List.of(Path.of("/a.jar"), Path.of("/b.jar")))
            .jvmArgs("-Xmx64m")
            .args("--port", "1")
            .build();

    List<String> cmd = spec.command(layout);

    assertThat(cmd.get(0)).endsWith("java");
    assertThat(cmd.subList(1, 3))
        .containsExactly("-Dplaystream.component=svc", "-Dplaystream.state=" + state);
    assertThat(cmd.subList(3, cmd.size()))
        .containsExactly("-Xmx64m", "-cp", "/a.jar:/b.jar", "com.example.Main", "--port", "1");
    assertThat(spec.summary(layout)).contains("-cp <2 entries> com.example.Main --port 1");
  }
}
