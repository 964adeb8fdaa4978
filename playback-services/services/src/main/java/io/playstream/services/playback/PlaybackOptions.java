package io.playstream.services.playback;

import io.playstream.services.common.CommonOptions;
import io.playstream.services.common.EnvDefaults;
import io.playstream.services.common.ServiceMain;
import io.playstream.services.steering.Fleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the playback service (Play API). Each is also read from {@code PLAYSTREAM_<NAME>} (see
 * {@link EnvDefaults}); the module README's table lists the same.
 */
public final class PlaybackOptions {
  public static final String SERVICE = "playback";

  @Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--port", defaultValue = "8090", description = "HTTP port on 127.0.0.1.")
  int port;

  @Option(
      names = "--catalog-url",
      defaultValue = "http://127.0.0.1:8091",
      description = "Base URL of the catalog service.")
  String catalogUrl;

  @Option(
      names = "--steering-url",
      defaultValue = "http://127.0.0.1:8092",
      description = "Base URL of the steering service.")
  String steeringUrl;

  @Option(
      names = "--catalog-timeout-ms",
      defaultValue = "1000",
      description = "Limit of a catalog availability call, milliseconds (then 503).")
  long catalogTimeoutMs;

  @Option(
      names = "--steering-timeout-ms",
      defaultValue = "300",
      description = "Time limit of a steering call, milliseconds (then fallback).")
  long steeringTimeoutMs;

  @Option(
      names = "--breaker-failure-rate",
      defaultValue = "50",
      description = "Failure percentage of steering calls that opens the circuit.")
  int breakerFailureRate;

  @Option(
      names = "--breaker-window",
      defaultValue = "20",
      description = "Number of recent steering calls the failure rate is computed over.")
  int breakerWindow;

  @Option(
      names = "--breaker-minimum-calls",
      defaultValue = "5",
      description = "Steering calls needed before the failure rate can open the circuit.")
  int breakerMinimumCalls;

  @Option(
      names = "--breaker-open-ms",
      defaultValue = "10000",
      description = "How long an open circuit skips steering before probing it, milliseconds.")
  long breakerOpenMs;

  @Option(
      names = "--session-idle-ms",
      defaultValue = "600000",
      description = "Idle time after which a session is forgotten, milliseconds.")
  long sessionIdleMs;

  @Option(
      names = "--max-sessions",
      defaultValue = "1000000",
      description = "Most sessions kept in memory.")
  long maxSessions;

  @Option(
      names = "--fleet-file",
      description =
          "CDN fleet (YAML/JSON, as for steering) for the static fallback list. Default: the"
              + " built-in fleet.")
  Path fleetFile;

  /** Parses options as the main does, with {@code env} as the environment. */
  public static PlaybackOptions parse(Map<String, String> env, String... args) {
    PlaybackOptions options = new PlaybackOptions();
    ServiceMain.commandLine(options, env).parseArgs(args);
    return options;
  }

  public String kafkaBootstrap() {
    return common.kafkaBootstrap();
  }

  /** The configuration; the auth secret is read from its file or {@code env}. */
  public PlaybackConfig toConfig(Map<String, String> env) {
    if (breakerFailureRate < 1 || breakerFailureRate > 100) {
      throw new IllegalArgumentException("--breaker-failure-rate must be 1-100");
    }
    if (breakerWindow < 1 || breakerMinimumCalls < 1) {
      throw new IllegalArgumentException(
          "--breaker-window and --breaker-minimum-calls must be >= 1");
    }
    return new PlaybackConfig(
        port,
        common.instanceId(SERVICE),
        common.authSecret(env),
        catalogUrl,
        steeringUrl,
        Duration.ofMillis(catalogTimeoutMs),
        Duration.ofMillis(steeringTimeoutMs),
        breakerFailureRate,
        breakerWindow,
        breakerMinimumCalls,
        Duration.ofMillis(breakerOpenMs),
        Duration.ofMillis(sessionIdleMs),
        maxSessions,
        fleetFile == null ? Fleet.defaultFleet() : Fleet.load(fleetFile));
  }
}
