package io.playstream.router;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Every option of the router, declared once: name, type, default, description. The command line
 * reads them, with defaults from {@code PLAYSTREAM_ROUTER_<NAME>} environment variables (for
 * example {@code PLAYSTREAM_ROUTER_HTTP_PORT} for {@code --http-port}); a command-line value beats
 * the environment, which beats the default. The module README's options table is {@link
 * #markdownTable()} (a test keeps them equal).
 */
@Command(name = "router", showDefaultValues = true, sortOptions = false)
public final class RouterOptions {
  static final String ENV_PREFIX = "PLAYSTREAM_ROUTER_";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers.")
  private String bootstrapServers;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = "playstream-router",
      description =
          "Kafka Streams application id: instances with the same id share the fronting"
              + " partitions (consumer group, transactional ids).")
  private String applicationId;

  @Option(
      names = "--instance-id",
      paramLabel = "ID",
      defaultValue = "",
      description =
          "Name of this instance (client id prefix, dead-letter header, status); empty ="
              + " router-PID.")
  private String instanceId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Kafka Streams state directory; must differ between instances on one machine. Default:"
              + " TMPDIR/playstream-router/INSTANCE_ID (java.io.tmpdir).")
  private Path stateDir;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8093",
      description = "Port of /health, /metrics and /v1/routes/status on 127.0.0.1; 0 = any free.")
  private int httpPort;

  @Option(
      names = "--hash-key-file",
      paramLabel = "FILE",
      description =
          "File whose bytes are the HMAC-SHA256 key of hashed projection fields (at least 16"
              + " bytes). Without it the key is read from env "
              + HashKey.ENV
              + "; with neither the router does not start.")
  private Path hashKeyFile;

  @Option(
      names = "--max-record-bytes",
      paramLabel = "BYTES",
      defaultValue = "524288",
      description =
          "Largest record (key + value) routed; larger input or route output goes to the"
              + " dead-letter topic (reason too-large).")
  private int maxRecordBytes;

  @Option(
      names = "--commit-interval",
      paramLabel = "DURATION",
      defaultValue = "100ms",
      converter = DurationConverter.class,
      description =
          "Kafka Streams commit interval: how often transactions commit, so the latency a"
              + " read_committed consumer sees.")
  private Duration commitInterval;

  @Option(
      names = "--stream-threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Kafka Streams threads in this instance.")
  private int streamThreads;

  @Option(
      names = "--session-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Consumer session timeout: how soon the partitions of a killed instance move to the"
              + " others.")
  private Duration sessionTimeout;

  @Option(
      names = "--create-topics",
      arity = "1",
      paramLabel = "BOOLEAN",
      defaultValue = "true",
      description = "Create the catalog topics (fronting, routes, dead letters) that are missing.")
  private boolean createTopics;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      defaultValue = "1",
      description = "Replication factor of topics the router creates.")
  private short replicationFactor;

  /** Parses a command line with the given environment for defaults. */
  public static RouterOptions parse(String[] args, Map<String, String> env) {
    RouterOptions options = new RouterOptions();
    CommandLine cmd = commandLine(options, env);
    cmd.parseArgs(args);
    options.validate();
    return options;
  }

  /** Defaults, as a Java caller's starting point (the environment is not read). */
  public static RouterOptions defaults() {
    return parse(new String[0], Map.of());
  }

  static CommandLine commandLine(Object command, Map<String, String> env) {
    CommandLine cmd = new CommandLine(command);
    cmd.setDefaultValueProvider(new EnvDefaults(env));
    return cmd;
  }

  void validate() {
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException("--http-port must be 0-65535, not " + httpPort);
    }
    if (maxRecordBytes < 1024) {
      throw new IllegalArgumentException("--max-record-bytes must be at least 1024");
    }
    if (streamThreads < 1) {
      throw new IllegalArgumentException("--stream-threads must be at least 1");
    }
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("--commit-interval must be positive");
    }
    if (sessionTimeout.toMillis() < 3000) {
      throw new IllegalArgumentException("--session-timeout must be at least 3s");
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String applicationId() {
    return applicationId;
  }

  public String instanceId() {
    return instanceId == null || instanceId.isBlank()
        ? "router-" + ProcessHandle.current().pid()
        : instanceId;
  }

  public Path stateDir() {
    return stateDir != null
        ? stateDir
        : Path.of(System.getProperty("java.io.tmpdir"), "playstream-router", instanceId());
  }

  public int httpPort() {
    return httpPort;
  }

  public Path hashKeyFile() {
    return hashKeyFile;
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  public Duration commitInterval() {
    return commitInterval;
  }

  public int streamThreads() {
    return streamThreads;
  }

  public Duration sessionTimeout() {
    return sessionTimeout;
  }

  public boolean createTopics() {
    return createTopics;
  }

  public short replicationFactor() {
    return replicationFactor;
  }

  // copies for Java callers (tests, the CLI)

  public RouterOptions withBootstrapServers(String v) {
    RouterOptions o = copy();
    o.bootstrapServers = v;
    return o;
  }

  public RouterOptions withApplicationId(String v) {
    RouterOptions o = copy();
    o.applicationId = v;
    return o;
  }

  public RouterOptions withInstanceId(String v) {
    RouterOptions o = copy();
    o.instanceId = v;
    return o;
  }

  public RouterOptions withStateDir(Path v) {
    RouterOptions o = copy();
    o.stateDir = v;
    return o;
  }

  public RouterOptions withHttpPort(int v) {
    RouterOptions o = copy();
    o.httpPort = v;
    o.validate();
    return o;
  }

  public RouterOptions withHashKeyFile(Path v) {
    RouterOptions o = copy();
    o.hashKeyFile = v;
    return o;
  }

  public RouterOptions withMaxRecordBytes(int v) {
    RouterOptions o = copy();
    o.maxRecordBytes = v;
    o.validate();
    return o;
  }

  public RouterOptions withCommitInterval(Duration v) {
    RouterOptions o = copy();
    o.commitInterval = v;
    o.validate();
    return o;
  }

  public RouterOptions withSessionTimeout(Duration v) {
    RouterOptions o = copy();
    o.sessionTimeout = v;
    o.validate();
    return o;
  }

  private RouterOptions copy() {
    RouterOptions o = new RouterOptions();
    o.bootstrapServers = bootstrapServers;
    o.applicationId = applicationId;
    o.instanceId = instanceId;
    o.stateDir = stateDir;
    o.httpPort = httpPort;
    o.hashKeyFile = hashKeyFile;
    o.maxRecordBytes = maxRecordBytes;
    o.commitInterval = commitInterval;
    o.streamThreads = streamThreads;
    o.sessionTimeout = sessionTimeout;
    o.createTopics = createTopics;
    o.replicationFactor = replicationFactor;
    return o;
  }

  /** The topology's configuration from these options. */
  public RouterConfig toConfig(HashKey hashKey) {
    return RouterConfig.of(instanceId(), hashKey)
        .withMaxRecordBytes(maxRecordBytes)
        .withClock(Clock.systemUTC());
  }

  /** The options as command-line arguments (to start the router as a child JVM). */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--bootstrap-servers", bootstrapServers));
    args.addAll(List.of("--application-id", applicationId));
    args.addAll(List.of("--instance-id", instanceId()));
    args.addAll(List.of("--state-dir", stateDir().toString()));
    args.addAll(List.of("--http-port", Integer.toString(httpPort)));
    if (hashKeyFile != null) {
      args.addAll(List.of("--hash-key-file", hashKeyFile.toString()));
    }
    args.addAll(List.of("--max-record-bytes", Integer.toString(maxRecordBytes)));
    args.addAll(List.of("--commit-interval", commitInterval.toMillis() + "ms"));
    args.addAll(List.of("--stream-threads", Integer.toString(streamThreads)));
    args.addAll(List.of("--session-timeout", sessionTimeout.toMillis() + "ms"));
    args.addAll(List.of("--create-topics", Boolean.toString(createTopics)));
    args.addAll(List.of("--replication-factor", Short.toString(replicationFactor)));
    return args;
  }

  /** The options table of the module README. */
  public static String markdownTable() {
    CommandLine cmd = new CommandLine(new RouterOptions());
    StringBuilder sb = new StringBuilder();
    sb.append("| Option | Environment variable | Default | Description |\n");
    sb.append("|---|---|---|---|\n");
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String def = o.defaultValue();
      sb.append("| `")
          .append(o.longestName())
          .append(' ')
          .append(o.paramLabel())
          .append("` | `")
          .append(EnvDefaults.variableOf(o.longestName()))
          .append("` | ")
          .append(def == null ? "(none)" : def.isEmpty() ? "(empty)" : "`" + def + "`")
          .append(" | ")
          .append(String.join(" ", o.description()).replace("|", "\\|"))
          .append(" |\n");
    }
    return sb.toString();
  }

  /** Defaults from {@code PLAYSTREAM_ROUTER_<NAME>} environment variables. */
  static final class EnvDefaults implements IDefaultValueProvider {
    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
      this.env = Map.copyOf(env);
    }

    static String variableOf(String longOption) {
      return ENV_PREFIX
          + longOption.replaceFirst("^--", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
      if (arg instanceof OptionSpec option) {
        String value = env.get(variableOf(option.longestName()));
        if (value != null && !value.isBlank()) {
          return value;
        }
      }
      return null;
    }
  }

  /** Durations as {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601 ({@code PT10S}). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("([0-9]+)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = SHORT.matcher(value.trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.trim());
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration such as 100ms, 10s or PT10S");
      }
    }
  }
}
