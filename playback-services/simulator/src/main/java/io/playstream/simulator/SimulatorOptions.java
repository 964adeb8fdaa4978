package io.playstream.simulator;

import io.playstream.simulator.model.CdnCut;
import io.playstream.simulator.model.Durations;
import io.playstream.simulator.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Every option of the simulator, declared once: name, type, default and description. The command
 * line reads them (with defaults from {@code PLAYSTREAM_<NAME>} environment variables, see {@link
 * EnvDefaultProvider}); Java callers start from {@link #defaults()} and change what they need with
 * the {@code with...} methods, each of which returns a validated copy.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 100,
    version = "playstream simulator 0.1.0",
    description = {
      "Simulated viewers browse, play, heartbeat, rate and stop, and simulated CDN servers report"
          + " their health: over the services' HTTP APIs (mode http) or as events produced"
          + " straight to Kafka (mode kafka).",
      "Every option can also be set by the environment variable PLAYSTREAM_<NAME>, e.g."
          + " PLAYSTREAM_TIME_COMPRESSION for --time-compression."
    })
public final class SimulatorOptions {
  /** Environment variable holding the token signing secret itself (http mode). */
  public static final String AUTH_SECRET_ENV = "PLAYSTREAM_AUTH_SECRET";

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "http",
      description =
          "http: drive the services over HTTP; kafka: produce the events the services would emit"
              + " straight to Kafka (no services needed).")
  private Mode mode;

  @Option(
      names = "--playback-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8090",
      description = "Base URL of the playback service (Play API).")
  private URI playbackUrl;

  @Option(
      names = "--catalog-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8091",
      description = "Base URL of the catalog service (titles are read from it in http mode).")
  private URI catalogUrl;

  @Option(
      names = "--steering-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8092",
      description = "Base URL of the steering service (CDN fleet and health reports).")
  private URI steeringUrl;

  @Option(
      names = "--auth-secret-file",
      paramLabel = "FILE",
      description =
          "File holding the token signing secret (its raw bytes, at least 32). Without it the"
              + " secret is read from env "
              + AUTH_SECRET_ENV
              + ". Needed in http mode.")
  private Path authSecretFile;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (kafka mode).")
  private String bootstrapServers;

  @Option(
      names = "--create-topics",
      showDefaultValue = Visibility.ALWAYS,
      arity = "1",
      defaultValue = "true",
      paramLabel = "BOOLEAN",
      description = "Kafka mode: create the fronting topics that do not exist yet.")
  private boolean createTopics;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      defaultValue = "1",
      description = "Kafka mode: replication factor of topics this run creates.")
  private short replicationFactor;

  @Option(
      names = "--profiles",
      paramLabel = "N",
      defaultValue = "200",
      description = "Number of simulated profiles (grouped into accounts of 1-4 profiles).")
  private int profiles;

  @Option(
      names = "--rate",
      paramLabel = "VISITS",
      defaultValue = "2",
      description =
          "Mean number of visits started per wall-clock second (Poisson arrivals). A visit is one"
              + " idle profile opening the app: 1-3 impression rows and, usually, one play session."
              + " In simulated time this is rate / time-compression visits per simulated second.")
  private double rate;

  @Option(
      names = "--time-compression",
      paramLabel = "FACTOR",
      defaultValue = "30",
      description = "Simulated seconds per wall-clock second.")
  private double timeCompression;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "0",
      converter = DurationConverter.class,
      description = "Wall-clock run time, e.g. 60s, 5m; 0 runs until Ctrl-C or stop().")
  private Duration duration;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "42",
      description = "Seed of every random choice; the same seed and options give the same actions.")
  private long seed;

  @Option(
      names = "--start-time",
      defaultValue = "2026-01-01T00:00:00Z",
      converter = InstantConverter.class,
      paramLabel = "INSTANT",
      description =
          "Kafka mode: event time of simulated time 0 (ISO-8601 instant, or 'now'). Fixed by"
              + " default so that the same seed gives the same events.")
  private Instant startTime;

  @Option(
      names = "--zipf-exponent",
      paramLabel = "S",
      defaultValue = "1.0",
      description = "Exponent of the Zipf title popularity.")
  private double zipfExponent;

  @Option(
      names = "--error-rate",
      paramLabel = "P",
      defaultValue = "0.01",
      description = "Share of play sessions that hit a playback error (60%% of them fatal).")
  private double errorRate;

  @Option(
      names = "--rating-probability",
      paramLabel = "P",
      defaultValue = "0.3",
      description =
          "Probability of rating a title after stopping (x1.5 after watching to the end).")
  private double ratingProbability;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Simulated time between a session's heartbeats.")
  private Duration heartbeatInterval;

  @Option(
      names = "--cdn-report-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Simulated time between health reports of each CDN server.")
  private Duration cdnReportInterval;

  @Option(
      names = "--server-capacity",
      paramLabel = "SESSIONS",
      defaultValue = "0",
      description =
          "Concurrent simulated sessions that fully load one CDN server; 0 sizes it so the fleet"
              + " runs at about 55%% load in steady state.")
  private int serverCapacity;

  @Option(
      names = "--cut-cdn",
      showDefaultValue = Visibility.NEVER,
      split = ",",
      converter = CdnCutConverter.class,
      paramLabel = "REGION@START+DURATION[:SHARE]",
      description =
          "CDN outage in simulated time, e.g. us-east@60s+120s: that region's servers report"
              + " unhealthy at load 0.99, their sessions stall, new ones are steered elsewhere;"
              + " with :SHARE (e.g. us-east@60s+120s:0.8) that share of the region's new plays"
              + " also fail to start, so its countries' stream starts drop; repeatable.")
  private List<CdnCut> cuts = new ArrayList<>();

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "64",
      description = "Http mode: most requests in flight at once (the scheduler waits beyond).")
  private int maxInFlight;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Http mode: timeout of one request.")
  private Duration requestTimeout;

  @Option(
      names = "--progress-interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Wall-clock time between progress lines; 0 prints none.")
  private Duration progressInterval;

  @Option(
      names = "--report-json",
      paramLabel = "FILE",
      description = "Also write the final report as JSON to this file.")
  private Path reportJson;

  @Option(
      names = "--ground-truth",
      paramLabel = "FILE",
      description =
          "Write the profiles' hidden tastes, the title factors and popularity as JSON to this"
              + " file.")
  private Path groundTruth;

  @Option(
      names = "--stop-sessions-at-end",
      showDefaultValue = Visibility.ALWAYS,
      arity = "1",
      defaultValue = "true",
      paramLabel = "BOOLEAN",
      description = "At the end of the run, stop every open session (USER_STOPPED).")
  private boolean stopSessionsAtEnd;

  @Option(
      names = "--drain-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "At the end, how long to wait for outstanding requests or acknowledgements.")
  private Duration drainTimeout;

  /** Set only through the Java API; never an option (secrets come from files or env). */
  private byte[] authSecret;

  private Map<String, String> env = Map.of();

  public SimulatorOptions() {}

  private SimulatorOptions(SimulatorOptions o) {
    mode = o.mode;
    playbackUrl = o.playbackUrl;
    catalogUrl = o.catalogUrl;
    steeringUrl = o.steeringUrl;
    authSecretFile = o.authSecretFile;
    bootstrapServers = o.bootstrapServers;
    createTopics = o.createTopics;
    replicationFactor = o.replicationFactor;
    profiles = o.profiles;
    rate = o.rate;
    timeCompression = o.timeCompression;
    duration = o.duration;
    seed = o.seed;
    startTime = o.startTime;
    zipfExponent = o.zipfExponent;
    errorRate = o.errorRate;
    ratingProbability = o.ratingProbability;
    heartbeatInterval = o.heartbeatInterval;
    cdnReportInterval = o.cdnReportInterval;
    serverCapacity = o.serverCapacity;
    cuts = List.copyOf(o.cuts);
    maxInFlight = o.maxInFlight;
    requestTimeout = o.requestTimeout;
    progressInterval = o.progressInterval;
    reportJson = o.reportJson;
    groundTruth = o.groundTruth;
    stopSessionsAtEnd = o.stopSessionsAtEnd;
    drainTimeout = o.drainTimeout;
    authSecret = o.authSecret == null ? null : o.authSecret.clone();
    env = o.env;
  }

  /** The declared defaults (the environment is not consulted). */
  public static SimulatorOptions defaults() {
    return parse(Map.of());
  }

  /**
   * Parses command-line arguments, taking defaults from {@code env} (normally {@code
   * System.getenv()}).
   *
   * @throws ParameterException when an argument is unknown or a value invalid
   */
  public static SimulatorOptions parse(Map<String, String> env, String... args) {
    SimulatorOptions options = new SimulatorOptions();
    CommandLine cl = commandLine(options, env);
    cl.parseArgs(args);
    options.completeParse(cl, env);
    return options;
  }

  /** Keeps the environment (for the secret) and validates, after picocli filled the fields. */
  void completeParse(CommandLine cl, Map<String, String> environment) {
    env = Map.copyOf(environment);
    try {
      validate();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, e.getMessage(), e);
    }
  }

  /** The picocli command line over an options object, with the environment as default provider. */
  static CommandLine commandLine(SimulatorOptions options, Map<String, String> env) {
    CommandLine cl = new CommandLine(options);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setDefaultValueProvider(new EnvDefaultProvider(env));
    return cl;
  }

  /**
   * Checks ranges.
   *
   * @throws IllegalArgumentException naming the first invalid option
   */
  public void validate() {
    require(profiles > 0, "--profiles must be positive");
    require(rate > 0, "--rate must be positive");
    require(timeCompression > 0, "--time-compression must be positive");
    require(!duration.isNegative(), "--duration must not be negative");
    require(zipfExponent > 0, "--zipf-exponent must be positive");
    require(errorRate >= 0 && errorRate <= 1, "--error-rate must lie in [0, 1]");
    require(
        ratingProbability >= 0 && ratingProbability <= 1,
        "--rating-probability must lie in [0, 1]");
    require(heartbeatInterval.toMillis() > 0, "--heartbeat-interval must be positive");
    require(cdnReportInterval.toMillis() > 0, "--cdn-report-interval must be positive");
    require(serverCapacity >= 0, "--server-capacity must be >= 0");
    require(maxInFlight > 0, "--max-in-flight must be positive");
    require(requestTimeout.toMillis() > 0, "--request-timeout must be positive");
    require(!progressInterval.isNegative(), "--progress-interval must not be negative");
    require(replicationFactor > 0, "--replication-factor must be positive");
    require(!drainTimeout.isNegative(), "--drain-timeout must not be negative");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** What the model needs of these options. */
  public ModelConfig modelConfig() {
    return new ModelConfig(
        seed,
        profiles,
        zipfExponent,
        rate / timeCompression,
        heartbeatInterval,
        cdnReportInterval,
        errorRate,
        ratingProbability,
        cuts,
        serverCapacity);
  }

  /**
   * The token signing secret: the bytes given through {@link #withAuthSecret}, else the file of
   * {@code --auth-secret-file}, else the UTF-8 bytes of env {@value #AUTH_SECRET_ENV}.
   *
   * @throws IllegalStateException when none is available or it is shorter than 32 bytes
   */
  public byte[] resolveAuthSecret() {
    byte[] secret;
    if (authSecret != null) {
      secret = authSecret.clone();
    } else if (authSecretFile != null) {
      try {
        secret = Files.readAllBytes(authSecretFile);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the auth secret " + authSecretFile, e);
      }
    } else if (env.get(AUTH_SECRET_ENV) != null && !env.get(AUTH_SECRET_ENV).isEmpty()) {
      secret = env.get(AUTH_SECRET_ENV).getBytes(StandardCharsets.UTF_8);
    } else {
      throw new IllegalStateException(
          "http mode needs the token signing secret: --auth-secret-file FILE or env "
              + AUTH_SECRET_ENV);
    }
    if (secret.length < 32) {
      throw new IllegalStateException(
          "the token signing secret must be at least 32 bytes, got " + secret.length);
    }
    return secret;
  }

  private SimulatorOptions with(Consumer<SimulatorOptions> change) {
    SimulatorOptions copy = new SimulatorOptions(this);
    change.accept(copy);
    copy.validate();
    return copy;
  }

  public SimulatorOptions withMode(Mode v) {
    return with(o -> o.mode = v);
  }

  /** The three service base URLs at once. */
  public SimulatorOptions withServices(URI playback, URI catalog, URI steering) {
    return with(
        o -> {
          o.playbackUrl = playback;
          o.catalogUrl = catalog;
          o.steeringUrl = steering;
        });
  }

  public SimulatorOptions withPlaybackUrl(URI v) {
    return with(o -> o.playbackUrl = v);
  }

  public SimulatorOptions withCatalogUrl(URI v) {
    return with(o -> o.catalogUrl = v);
  }

  public SimulatorOptions withSteeringUrl(URI v) {
    return with(o -> o.steeringUrl = v);
  }

  /** The token signing secret itself (tests, embedding); it wins over file and environment. */
  public SimulatorOptions withAuthSecret(byte[] v) {
    return with(o -> o.authSecret = v.clone());
  }

  public SimulatorOptions withAuthSecretFile(Path v) {
    return with(o -> o.authSecretFile = v);
  }

  public SimulatorOptions withBootstrapServers(String v) {
    return with(o -> o.bootstrapServers = v);
  }

  public SimulatorOptions withCreateTopics(boolean v) {
    return with(o -> o.createTopics = v);
  }

  public SimulatorOptions withReplicationFactor(short v) {
    return with(o -> o.replicationFactor = v);
  }

  public SimulatorOptions withProfiles(int v) {
    return with(o -> o.profiles = v);
  }

  public SimulatorOptions withRate(double v) {
    return with(o -> o.rate = v);
  }

  public SimulatorOptions withTimeCompression(double v) {
    return with(o -> o.timeCompression = v);
  }

  public SimulatorOptions withDuration(Duration v) {
    return with(o -> o.duration = v);
  }

  public SimulatorOptions withSeed(long v) {
    return with(o -> o.seed = v);
  }

  public SimulatorOptions withStartTime(Instant v) {
    return with(o -> o.startTime = v);
  }

  public SimulatorOptions withZipfExponent(double v) {
    return with(o -> o.zipfExponent = v);
  }

  public SimulatorOptions withErrorRate(double v) {
    return with(o -> o.errorRate = v);
  }

  public SimulatorOptions withRatingProbability(double v) {
    return with(o -> o.ratingProbability = v);
  }

  public SimulatorOptions withHeartbeatInterval(Duration v) {
    return with(o -> o.heartbeatInterval = v);
  }

  public SimulatorOptions withCdnReportInterval(Duration v) {
    return with(o -> o.cdnReportInterval = v);
  }

  public SimulatorOptions withServerCapacity(int v) {
    return with(o -> o.serverCapacity = v);
  }

  public SimulatorOptions withCuts(List<CdnCut> v) {
    return with(o -> o.cuts = List.copyOf(v));
  }

  public SimulatorOptions withMaxInFlight(int v) {
    return with(o -> o.maxInFlight = v);
  }

  public SimulatorOptions withRequestTimeout(Duration v) {
    return with(o -> o.requestTimeout = v);
  }

  public SimulatorOptions withProgressInterval(Duration v) {
    return with(o -> o.progressInterval = v);
  }

  public SimulatorOptions withReportJson(Path v) {
    return with(o -> o.reportJson = v);
  }

  public SimulatorOptions withGroundTruth(Path v) {
    return with(o -> o.groundTruth = v);
  }

  public SimulatorOptions withStopSessionsAtEnd(boolean v) {
    return with(o -> o.stopSessionsAtEnd = v);
  }

  public SimulatorOptions withDrainTimeout(Duration v) {
    return with(o -> o.drainTimeout = v);
  }

  public Mode mode() {
    return mode;
  }

  public URI playbackUrl() {
    return playbackUrl;
  }

  public URI catalogUrl() {
    return catalogUrl;
  }

  public URI steeringUrl() {
    return steeringUrl;
  }

  /** The secret file option, or null. */
  public Path authSecretFile() {
    return authSecretFile;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public boolean createTopics() {
    return createTopics;
  }

  public short replicationFactor() {
    return replicationFactor;
  }

  public int profiles() {
    return profiles;
  }

  public double rate() {
    return rate;
  }

  public double timeCompression() {
    return timeCompression;
  }

  public Duration duration() {
    return duration;
  }

  public long seed() {
    return seed;
  }

  public Instant startTime() {
    return startTime;
  }

  public double zipfExponent() {
    return zipfExponent;
  }

  public double errorRate() {
    return errorRate;
  }

  public double ratingProbability() {
    return ratingProbability;
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  public Duration cdnReportInterval() {
    return cdnReportInterval;
  }

  public int serverCapacity() {
    return serverCapacity;
  }

  public List<CdnCut> cuts() {
    return List.copyOf(cuts);
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public Duration progressInterval() {
    return progressInterval;
  }

  /** The JSON report file, or null. */
  public Path reportJson() {
    return reportJson;
  }

  /** The ground-truth file, or null. */
  public Path groundTruth() {
    return groundTruth;
  }

  public boolean stopSessionsAtEnd() {
    return stopSessionsAtEnd;
  }

  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** Converts {@code 90s}, {@code 5m}, ... (see {@link Durations#parse}). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }

  /** Converts {@code REGION@START+DURATION[:SHARE]} (see {@link CdnCut#parse}). */
  static final class CdnCutConverter implements ITypeConverter<CdnCut> {
    @Override
    public CdnCut convert(String value) {
      return CdnCut.parse(value);
    }
  }

  /** Converts an ISO-8601 instant or {@code now}. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      if (value.trim().equalsIgnoreCase("now")) {
        return Instant.now();
      }
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 instant or 'now': " + value, e);
      }
    }
  }
}
