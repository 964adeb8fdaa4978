package io.playstream.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts component JVMs and finds, stops or cleans up the ones recorded in the pid files of a state
 * folder, whichever JVM started them.
 *
 * <p>A pid file is trusted only after the operating system confirms that the process with that pid
 * is alive and carries this component's and this state folder's marker flags (see {@link
 * JavaProcess}); otherwise the pid file is stale, is removed, and nothing is signalled.
 */
public final class ProcessSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
  private static final String PID_SUFFIX = ".pid";

  private final StateLayout layout;

  /** A supervisor for the components of one state folder. */
  public ProcessSupervisor(StateLayout layout) {
    this.layout = layout;
  }

  /** The state folder this supervisor manages. */
  public StateLayout layout() {
    return layout;
  }

  /**
   * Starts a component JVM: stdout and stderr appended to its log, pid file written.
   *
   * @throws IllegalStateException when the component is already running (per its pid file)
   * @throws UncheckedIOException when the process cannot be started
   */
  public ManagedProcess start(JavaProcess spec) {
    String component = spec.component();
    find(component)
        .ifPresent(
            running -> {
              throw new IllegalStateException(
                  component + " is already running (pid " + running.pid() + ")");
            });
    layout.prepare(component);
    Path log = layout.logFile(component);
    try {
      Files.writeString(
          log,
          "---- " + Instant.now() + " starting " + component + ": " + spec.summary(layout) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process process = processBuilder(spec, layout).start();
      process.getOutputStream().close();
      writePid(layout.pidFile(component), process.pid());
      LOG.info("started {} (pid {}), log {}", component, process.pid(), log);
      return new ManagedProcess(component, process.toHandle(), process, layout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + component, e);
    }
  }

  /**
   * The running process recorded in a component's pid file, verified to be ours. A stale pid file
   * (no such process, or a process that is not this component of this state folder) is removed.
   */
  public Optional<ManagedProcess> find(String component) {
    Path pidFile = layout.pidFile(component);
    long pid;
    try {
      pid = readPid(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile, e);
    }
    if (pid < 0) {
      if (Files.exists(pidFile)) {
        LOG.warn("removing unreadable pid file {}", pidFile);
        deleteQuietly(pidFile);
      }
      return Optional.empty();
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      LOG.info("removing stale pid file {} (process {} is gone)", pidFile, pid);
      deleteQuietly(pidFile);
      return Optional.empty();
    }
    if (!isOurs(handle.get(), component)) {
      LOG.warn(
          "removing stale pid file {}: process {} is not {} of {} ({})",
          pidFile,
          pid,
          component,
          layout.root(),
          handle.get().info().command().orElse("command unknown"));
      deleteQuietly(pidFile);
      return Optional.empty();
    }
    return Optional.of(new ManagedProcess(component, handle.get(), null, layout));
  }

  /**
   * Stops a component by its pid file (SIGTERM, then SIGKILL after {@code grace}).
   *
   * @return true when a running process was found and stopped
   */
  public boolean stop(String component, Duration grace) {
    Optional<ManagedProcess> running = find(component);
    running.ifPresent(p -> p.stop(grace));
    return running.isPresent();
  }

  /** The components that have a pid file, running or not, sorted by name. */
  public List<String> componentsWithPidFiles() {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(layout.pidsDir())) {
      return out;
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(layout.pidsDir(), "*" + PID_SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        out.add(name.substring(0, name.length() - PID_SUFFIX.length()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + layout.pidsDir(), e);
    }
    out.sort(null);
    return out;
  }

  /**
   * Whether a live process carries this component's marker flags for this state folder. A process
   * whose command line the OS does not show (another user's) is not ours.
   */
  boolean isOurs(ProcessHandle process, String component) {
    List<String> args =
        process.info().arguments().map(List::of).orElseGet(() -> commandLineWords(process));
    return args.containsAll(JavaProcess.markers(component, layout));
  }

  private static List<String> commandLineWords(ProcessHandle process) {
    return process.info().commandLine().map(c -> List.of(c.split(" "))).orElse(List.of());
  }

  static ProcessBuilder processBuilder(JavaProcess spec, StateLayout layout) {
    Path log = layout.logFile(spec.component());
    ProcessBuilder pb = new ProcessBuilder(spec.command(layout));
    pb.directory(
        (spec.workingDir() != null ? spec.workingDir() : layout.dataDir(spec.component()))
            .toFile());
    pb.environment().putAll(spec.env());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    File devNull = new File("/dev/null");
    pb.redirectInput(
        devNull.exists() ? ProcessBuilder.Redirect.from(devNull) : ProcessBuilder.Redirect.PIPE);
    return pb;
  }

  /** The pid in a pid file; -1 when the file is missing, empty or not a number. */
  static long readPid(Path pidFile) throws IOException {
    try {
      String text = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
      return text.matches("[0-9]{1,19}") ? Long.parseLong(text) : -1;
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private static void writePid(Path pidFile, long pid) throws IOException {
    Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
    Files.writeString(tmp, pid + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", file, e.toString());
    }
  }
}
