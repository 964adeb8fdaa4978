package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The start, wait and failure steps every launcher shares, on a stand-in component JVM. */
class LauncherSupportIT {
  private static final String NAME = "the sleeper";

  @TempDir Path state;

  private LauncherSupport support() {
    return new LauncherSupport(
        new StateLayout(state),
        LoggerFactory.getLogger(LauncherSupportIT.class),
        5,
        Duration.ofMillis(50));
  }

  private static JavaProcess sleeper() {
    return JavaProcess.builder("sleeper", SleeperMain.class.getName())
        .classpath(RuntimeClasspath.ofCurrentJvm())
        .jvmArgs("-Xmx32m")
        .build();
  }

  private static <T> LauncherSupport.Readiness<T> readiness(
      int port, Duration timeout, LauncherSupport.Probe<T> probe) {
    return new LauncherSupport.Readiness<>(
        port, timeout, "port not open yet", NAME + " did not answer", probe);
  }

  private static ServerSocket listen() throws Exception {
    return new ServerSocket(0, 50, InetAddress.getByName(Ports.LOOPBACK));
  }

  @Test
  void startReturnsWhatTheProbeReadOnceItIsReady() throws Exception {
    LauncherSupport support = support();
    AtomicInteger looks = new AtomicInteger();
    try (ServerSocket port = listen()) {
      LauncherSupport.Readiness<String> readiness =
          readiness(
              port.getLocalPort(),
              Duration.ofSeconds(60),
              () ->
                  looks.incrementAndGet() < 3
                      ? LauncherSupport.Attempt.notYet("warming up")
                      : LauncherSupport.Attempt.ready("v1"));

      LauncherSupport.Started<String> started = support.start(sleeper(), NAME, readiness);

      try {
        assertThat(started.answer()).isEqualTo("v1");
        assertThat(looks).hasValue(3);
        assertThat(started.process().isAlive()).isTrue();
        assertThat(support.find("sleeper"))
            .hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(started.process().pid()));
      } finally {
        assertThat(support.stop("sleeper", Duration.ofSeconds(10))).isTrue();
      }
    }
  }

  @Test
  void aComponentThatDoesNotAnswerInTimeIsKilledAndTheMessageSaysWhy() throws Exception {
    LauncherSupport support = support();
    try (ServerSocket port = listen()) {
      LauncherSupport.Readiness<Void> readiness =
          readiness(
              port.getLocalPort(),
              Duration.ofSeconds(1),
              () -> LauncherSupport.Attempt.notYet("still warming up"));

      assertThatThrownBy(() -> support.start(sleeper(), NAME, readiness))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              NAME
                  + " did not answer within 1 s (still warming up); end of "
                  + support.layout().logFile("sleeper")
                  + ":\n");
    }
    assertThat(support.find("sleeper")).isEmpty();
    assertThat(support.layout().pidFile("sleeper")).doesNotExist();
  }

  @Test
  void aProcessThatExitsEndsTheWaitAtOnceWithItsExitCode() throws Exception {
    LauncherSupport support = support();
    ManagedProcess process = support.supervisor().start(sleeper());
    process.kill();
    LauncherSupport.Readiness<Void> readiness =
        readiness(
            Ports.freePort(),
            Duration.ofSeconds(60),
            () -> {
              throw new AssertionError("no probe while the port is closed");
            });
    long start = System.nanoTime();

    assertThatThrownBy(() -> support.awaitReady(readiness, Map.of(NAME, process)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            NAME + " exited during startup with code 137; end of " + process.logFile() + ":\n");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aPortTakenByAnotherProcessIsRefusedBeforeAnythingStarts() throws Exception {
    LauncherSupport support = support();
    try (ServerSocket taken = listen()) {
      int p = taken.getLocalPort();

      assertThatThrownBy(() -> support.prepare("sleeper", "another port (sleeper.port)", p))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "port "
                  + p
                  + " on 127.0.0.1 is in use by a process not started from "
                  + support.layout().root()
                  + "; stop it or choose another port (sleeper.port)");
    }
    assertThat(support.layout().dataDir("sleeper")).doesNotExist();
  }

  @Test
  void aProcessStartedWithOtherSettingsIsNamedWithItsPid() throws Exception {
    LauncherSupport support = support();
    support.layout().prepare("sleeper");
    Path conf = support.layout().confDir("sleeper").resolve("sleeper.properties");
    LauncherSupport.write(conf, "port=1\n");
    ManagedProcess process = support.supervisor().start(sleeper());
    try {
      // the file it was started with holds the line: nothing to complain about
      LauncherSupport.requireStartedWith(process, conf, "port=1", "a sleeper", "unused");

      assertThatThrownBy(
              () ->
                  LauncherSupport.requireStartedWith(
                      process, conf, "port=2", "a sleeper", "on another port than configured"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "a sleeper from an earlier start is running (pid "
                  + process.pid()
                  + ") on another port than configured; stop it first");
    } finally {
      process.stop(Duration.ofSeconds(10));
    }
  }
}
