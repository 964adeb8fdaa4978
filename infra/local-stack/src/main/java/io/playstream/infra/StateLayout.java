package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The state folder of a local stack and where each component keeps its things:
 *
 * <pre>
 * &lt;state&gt;/data/&lt;component&gt;/      the component's data (Kafka log dirs, H2 files, ...)
 * &lt;state&gt;/conf/&lt;component&gt;/      generated config files (server.properties, log4j2 config)
 * &lt;state&gt;/logs/&lt;component&gt;.log   stdout and stderr of the component's process, appended
 * &lt;state&gt;/pids/&lt;component&gt;.pid   the pid of the running process (a single decimal line)
 * </pre>
 *
 * @param root absolute path of the state folder
 */
public record StateLayout(Path root) {
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  public StateLayout {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The data folder of a component. */
  public Path dataDir(String component) {
    return root.resolve("data").resolve(check(component));
  }

  /** The folder of a component's generated config files. */
  public Path confDir(String component) {
    return root.resolve("conf").resolve(check(component));
  }

  /** The folder of all component logs. */
  public Path logsDir() {
    return root.resolve("logs");
  }

  /** The log file a component's stdout and stderr are appended to. */
  public Path logFile(String component) {
    return logsDir().resolve(check(component) + ".log");
  }

  /** The folder of all pid files. */
  public Path pidsDir() {
    return root.resolve("pids");
  }

  /** The pid file of a component. */
  public Path pidFile(String component) {
    return pidsDir().resolve(check(component) + ".pid");
  }

  /**
   * Creates the folders a component needs (data, conf, logs, pids); existing ones are kept.
   *
   * @return this layout
   */
  public StateLayout prepare(String component) {
    try {
      Files.createDirectories(dataDir(component));
      Files.createDirectories(confDir(component));
      Files.createDirectories(logsDir());
      Files.createDirectories(pidsDir());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state folders under " + root, e);
    }
  }

  private static String check(String component) {
    if (component == null || !COMPONENT.matcher(component).matches()) {
      throw new IllegalArgumentException(
          "component name '" + component + "' must match " + COMPONENT.pattern());
    }
    return component;
  }
}
