package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * What every component launcher does the same way around its processes: reuse the process an
 * earlier start left running for the same state folder, refuse ports another process holds, start a
 * process and wait until it answers (killing it when it does not), stop by pid file, and write and
 * read the config files it generates. What differs per component (config files, JVM flags, the
 * readiness probe, messages) stays in the launcher.
 */
final class LauncherSupport {
  /** Starts a component's processes anew, when none runs. */
  @FunctionalInterface
  interface Launch<R> {
    R launch() throws InterruptedException;
  }

  /** Takes over the running process an earlier start left, after checking it fits. */
  @FunctionalInterface
  interface Attach<R> {
    R attach(ManagedProcess running) throws InterruptedException;
  }

  /**
   * One look at a starting component, once its port accepts connections. Closed when the wait ends,
   * however it ends.
   */
  @FunctionalInterface
  interface Probe<T> extends AutoCloseable {
    Attempt<T> attempt() throws InterruptedException;

    @Override
    default void close() {}
  }

  /**
   * What one look found: ready, with what the probe read ({@code value}, may be null), or not ready
   * yet and why ({@code notReady}).
   */
  record Attempt<T>(T value, String notReady) {
    static <T> Attempt<T> ready(T value) {
      return new Attempt<>(value, null);
    }

    static <T> Attempt<T> notYet(String why) {
      return new Attempt<>(null, String.valueOf(why));
    }

    boolean isReady() {
      return notReady == null;
    }
  }

  /**
   * What to wait for once a component's processes run.
   *
   * @param port the probe runs only once this port on 127.0.0.1 accepts connections
   * @param timeout how long to wait in all
   * @param portClosed the reason the timeout message gives while the port never opened
   * @param notReady how the timeout message begins, e.g. {@code the Kafka broker on 127.0.0.1:9092
   *     did not answer}; {@code within <n> s (<last reason>)} follows
   * @param probe the look at the component; its exceptions end the wait
   */
  record Readiness<T>(
      int port, Duration timeout, String portClosed, String notReady, Probe<T> probe) {}

  /** A process started and answering: what its probe read and milliseconds from its start. */
  record Started<T>(ManagedProcess process, T answer, long millis) {}

  private final StateLayout layout;
  private final ProcessSupervisor supervisor;
  private final Logger log;
  private final int logTailLines;
  private final Duration poll;

  /**
   * @param log the launcher's logger
   * @param logTailLines how many lines of a process log a startup failure message carries
   * @param poll pause between two looks at a starting component
   */
  LauncherSupport(StateLayout layout, Logger log, int logTailLines, Duration poll) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.supervisor = new ProcessSupervisor(layout);
    this.log = log;
    this.logTailLines = logTailLines;
    this.poll = poll;
  }

  StateLayout layout() {
    return layout;
  }

  ProcessSupervisor supervisor() {
    return supervisor;
  }

  /** The process of a component an earlier start left running, verified to be ours. */
  Optional<ManagedProcess> find(String component) {
    return supervisor.find(component);
  }

  /** Stops a component by its pid file; true when one was running. */
  boolean stop(String component, Duration grace) {
    return supervisor.stop(component, grace);
  }

  /**
   * Attaches to the process of {@code component} an earlier start left running, or launches anew
   * when there is none.
   */
  <R> R startOrAttach(String component, Attach<R> attach, Launch<R> launch)
      throws InterruptedException {
    Optional<ManagedProcess> running = supervisor.find(component);
    return running.isPresent() ? attach.attach(running.get()) : launch.launch();
  }

  /**
   * Checks that the ports are free, then creates the component's folders.
   *
   * @param advice ends the message, after {@code stop it or choose }: {@code other ports
   *     (kafka.local.port, ...)}
   */
  void prepare(String component, String advice, int... ports) {
    for (int p : ports) {
      requireFree(p, null, advice);
    }
    layout.prepare(component);
  }

  /**
   * Throws when {@code port} on 127.0.0.1 is taken (by a process this state folder did not start:
   * its own ones are found by pid file before).
   *
   * @param what names the port in the message, or null
   * @param advice ends the message, after {@code stop it or choose }
   */
  void requireFree(int port, String what, String advice) {
    if (!Ports.isFree(port)) {
      throw new IllegalStateException(
          "port "
              + port
              + (what == null ? "" : " (" + what + ")")
              + " on "
              + Ports.LOOPBACK
              + " is in use by a process not started from "
              + layout.root()
              + "; stop it or choose "
              + advice);
    }
  }

  /**
   * Starts a process and waits until it answers; kills it when it dies, does not answer in time or
   * the wait is interrupted.
   *
   * @param name the process as messages name it, such as {@code the Kafka broker}
   */
  <T> Started<T> start(JavaProcess spec, String name, Readiness<T> readiness)
      throws InterruptedException {
    log.debug("command: {}", spec.summary(layout));
    long start = System.nanoTime();
    ManagedProcess process = supervisor.start(spec);
    T answer;
    try {
      answer = awaitReady(readiness, Map.of(name, process));
    } catch (IllegalStateException | InterruptedException e) {
      if (process.isAlive()) {
        process.kill();
      }
      throw e;
    }
    return new Started<>(process, answer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /**
   * Polls until the probe finds the component ready, failing early when one of its processes exits,
   * and after the timeout with the probe's last reason; both messages carry the end of the process
   * logs.
   *
   * @param processes the component's processes by name as messages name them ({@code the Flink
   *     JobManager}), in order; the poll pause ends early when the first one exits
   * @return what the probe read
   */
  <T> T awaitReady(Readiness<T> readiness, Map<String, ManagedProcess> processes)
      throws InterruptedException {
    try (Probe<T> probe = readiness.probe()) {
      return poll(readiness, probe, processes);
    }
  }

  private <T> T poll(Readiness<T> readiness, Probe<T> probe, Map<String, ManagedProcess> processes)
      throws InterruptedException {
    long deadline = System.nanoTime() + readiness.timeout().toNanos();
    String last = readiness.portClosed();
    while (true) {
      for (Map.Entry<String, ManagedProcess> e : processes.entrySet()) {
        ManagedProcess p = e.getValue();
        if (!p.isAlive()) {
          throw new IllegalStateException(
              e.getKey()
                  + " exited during startup"
                  + p.exitValue().stream().mapToObj(c -> " with code " + c).findFirst().orElse("")
                  + "; "
                  + endOfLog(p));
        }
      }
      if (Ports.isOpen(Ports.LOOPBACK, readiness.port())) {
        Attempt<T> attempt = probe.attempt();
        if (attempt.isReady()) {
          return attempt.value();
        }
        last = attempt.notReady();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            readiness.notReady()
                + " within "
                + readiness.timeout().toSeconds()
                + " s ("
                + last
                + "); "
                + processes.values().stream()
                    .map(this::endOfLog)
                    .collect(Collectors.joining("\n")));
      }
      // doubles as the poll interval and returns at once if the (first) process dies
      processes.values().iterator().next().waitForExit(poll);
    }
  }

  private String endOfLog(ManagedProcess p) {
    return "end of " + p.logFile() + ":\n" + LogTail.excerpt(p.logFile(), logTailLines);
  }

  /**
   * The message for a process an earlier start left running with other settings: {@code <what> from
   * an earlier start is running (pid <pid>) <difference>; stop it first}.
   */
  static String startedOtherwise(String what, ManagedProcess running, String difference) {
    return what
        + " from an earlier start is running (pid "
        + running.pid()
        + ") "
        + difference
        + "; stop it first";
  }

  /**
   * Throws {@link #startedOtherwise} unless the config file the running process was started with
   * holds {@code line}.
   */
  static void requireStartedWith(
      ManagedProcess running, Path file, String line, String what, String difference) {
    if (!readIfExists(file).contains(line + "\n")) {
      throw new IllegalStateException(startedOtherwise(what, running, difference));
    }
  }

  /** Writes a generated file (UTF-8), replacing it. */
  static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes a resource shipped by a {@code *-runtime} module (a logging config) to a file. */
  static void writeResource(Path file, String resource) {
    write(file, RuntimeClasspath.loadResource(resource, LauncherSupport.class.getClassLoader()));
  }

  /** A file's text, or empty when it does not exist. */
  static String readIfExists(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
