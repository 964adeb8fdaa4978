package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child JVMs started by one supervisor and stopped through the pid file by another. */
class ProcessSupervisorIT {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path state;

  private JavaProcess sleeper() {
    return JavaProcess.builder("sleeper", SleeperMain.class.getName())
        .classpath(RuntimeClasspath.ofCurrentJvm())
        .jvmArgs("-Xmx32m")
        .build();
  }

  @Test
  void processStartedByOneSupervisorIsStoppedThroughItsPidFileByAnother() throws Exception {
    StateLayout layout = new StateLayout(state);
    ManagedProcess started = new ProcessSupervisor(layout).start(sleeper());
    await()
        .atMost(BOUND)
        .until(() -> Files.readString(started.logFile()).contains(SleeperMain.STARTED));
    assertThat(Files.readString(layout.pidFile("sleeper")).trim())
        .isEqualTo(Long.toString(started.pid()));

    // a second supervisor, as `playstream down` in another JVM would have
    ProcessSupervisor other = new ProcessSupervisor(new StateLayout(state));
    assertThat(other.find("sleeper"))
        .hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(started.pid()));
    assertThatThrownBy(() -> other.start(sleeper()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");

    assertThat(other.stop("sleeper", Duration.ofSeconds(10))).isTrue();

    assertThat(started.waitForExit(BOUND)).isTrue();
    assertThat(started.exitValue()).hasValue(143); // 128 + SIGTERM: a clean, signalled stop
    assertThat(Files.readString(started.logFile())).contains(SleeperMain.STOPPING);
    assertThat(layout.pidFile("sleeper")).doesNotExist();
    assertThat(other.find("sleeper")).isEmpty();
  }

  @Test
  void killEndsTheProcessAtOnceAndRemovesThePidFile() throws Exception {
    StateLayout layout = new StateLayout(state);
    ManagedProcess started = new ProcessSupervisor(layout).start(sleeper());
    assertThat(started.isAlive()).isTrue();

    started.kill();

    assertThat(started.isAlive()).isFalse();
    assertThat(started.exitValue()).hasValue(137); // 128 + SIGKILL
    assertThat(layout.pidFile("sleeper")).doesNotExist();
  }

  @Test
  void sameComponentOfAnotherStateFolderIsNotOurs(@TempDir Path otherState) throws Exception {
    StateLayout layout = new StateLayout(state);
    ManagedProcess started = new ProcessSupervisor(layout).start(sleeper());
    try {
      StateLayout otherLayout = new StateLayout(otherState).prepare("sleeper");
      Files.writeString(otherLayout.pidFile("sleeper"), started.pid() + "\n");

      assertThat(new ProcessSupervisor(otherLayout).stop("sleeper", Duration.ofSeconds(1)))
          .isFalse();
      assertThat(started.isAlive()).isTrue();
    } finally {
      started.stop(Duration.ofSeconds(10));
    }
  }
}
