package io.playstream.infra;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What to run as a component's own JVM: main class, classpath, JVM flags, program arguments and
 * extra environment. Immutable; start it with {@link ProcessSupervisor#start(JavaProcess)}.
 *
 * <p>Every command line carries two marker system properties, {@value #COMPONENT_PROPERTY} and
 * {@value #STATE_PROPERTY}, placed first. A supervisor in another JVM reads them back from the
 * operating system ({@link ProcessHandle.Info#arguments()}) before it signals a pid taken from a
 * pid file, so a recycled pid that now belongs to some other program is never touched.
 */
public final class JavaProcess {
  /** System property naming the component, on every command line we start. */
  public static final String COMPONENT_PROPERTY = "playstream.component";

  /** System property naming the state folder, on every command line we start. */
  public static final String STATE_PROPERTY = "playstream.state";

  private final String component;
  private final String mainClass;
  private final List<Path> classpath;
  private final List<String> jvmArgs;
  private final List<String> args;
  private final Map<String, String> env;
  private final Path workingDir;

  private JavaProcess(Builder b) {
    this.component = b.component;
    this.mainClass = b.mainClass;
    this.classpath = List.copyOf(b.classpath);
    this.jvmArgs = List.copyOf(b.jvmArgs);
    this.args = List.copyOf(b.args);
    this.env = Map.copyOf(b.env);
    this.workingDir = b.workingDir;
  }

  /** Starts describing a JVM for {@code component} running {@code mainClass}. */
  public static Builder builder(String component, String mainClass) {
    return new Builder(component, mainClass);
  }

  /** The component name (its log, pid and data names). */
  public String component() {
    return component;
  }

  /** The fully qualified main class. */
  public String mainClass() {
    return mainClass;
  }

  /** The classpath entries, in order. */
  public List<Path> classpath() {
    return classpath;
  }

  /** JVM flags such as {@code -Xmx1g} or {@code -Dkey=value}. */
  public List<String> jvmArgs() {
    return jvmArgs;
  }

  /** Program arguments after the main class. */
  public List<String> args() {
    return args;
  }

  /** Environment variables added to (or replacing) the inherited environment. */
  public Map<String, String> env() {
    return env;
  }

  /** The working directory, or null for the component's data folder. */
  public Path workingDir() {
    return workingDir;
  }

  /** The java executable of the running JVM: {@code <java.home>/bin/java}. */
  public static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The full command line, markers first. */
  public List<String> command(StateLayout layout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable().toString());
    cmd.addAll(markers(layout));
    cmd.addAll(jvmArgs);
    if (!classpath.isEmpty()) {
      cmd.add("-cp");
      cmd.add(
          classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    }
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /** The command line for logs: the classpath is shown as its entry count. */
  public String summary(StateLayout layout) {
    List<String> parts = new ArrayList<>(markers(layout));
    parts.addAll(jvmArgs);
    parts.add("-cp <" + classpath.size() + " entries>");
    parts.add(mainClass);
    parts.addAll(args);
    return "java " + String.join(" ", parts);
  }

  /** The marker flags identifying this component of this state folder. */
  List<String> markers(StateLayout layout) {
    return markers(component, layout);
  }

  /** The marker flags identifying a component of a state folder. */
  static List<String> markers(String component, StateLayout layout) {
    return List.of(
        "-D" + COMPONENT_PROPERTY + "=" + component, "-D" + STATE_PROPERTY + "=" + layout.root());
  }

  /** Builds a {@link JavaProcess}. */
  public static final class Builder {
    private final String component;
    private final String mainClass;
    private final List<Path> classpath = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workingDir;

    private Builder(String component, String mainClass) {
      this.component = Objects.requireNonNull(component, "component");
      this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
      // validates the name early
      new StateLayout(Path.of(".")).logFile(component);
    }

    /** Appends classpath entries. */
    public Builder classpath(List<Path> entries) {
      classpath.addAll(entries);
      return this;
    }

    /** Appends JVM flags. */
    public Builder jvmArgs(String... flags) {
      jvmArgs.addAll(List.of(flags));
      return this;
    }

    /** Appends JVM flags. */
    public Builder jvmArgs(List<String> flags) {
      jvmArgs.addAll(flags);
      return this;
    }

    /** Appends program arguments. */
    public Builder args(String... arguments) {
      args.addAll(List.of(arguments));
      return this;
    }

    /** Appends program arguments. */
    public Builder args(List<String> arguments) {
      args.addAll(arguments);
      return this;
    }

    /** Sets an environment variable of the child. */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Sets the working directory (default: the component's data folder). */
    public Builder workingDir(Path dir) {
      this.workingDir = dir;
      return this;
    }

    public JavaProcess build() {
      return new JavaProcess(this);
    }
  }
}
