package io.playstream.services.steering;

import io.playstream.services.common.CommonOptions;
import io.playstream.services.common.EnvDefaults;
import io.playstream.services.common.ServiceMain;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the steering service. Each is also read from {@code PLAYSTREAM_<NAME>} (see {@link
 * EnvDefaults}); the module README's table lists the same.
 */
public final class SteeringOptions {
  public static final String SERVICE = "steering";

  @Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--port", defaultValue = "8092", description = "HTTP port on 127.0.0.1.")
  int port;

  @Option(
      names = "--fleet-file",
      description =
          "YAML or JSON file listing the CDN servers (servers: [{server_id, region,"
              + " capacity_mbps}]). Default: built-in, 3 servers in each of us-east, us-west,"
              + " eu-west, sa-east, ap-south.")
  Path fleetFile;

  /** Parses options as the main does, with {@code env} as the environment. */
  public static SteeringOptions parse(Map<String, String> env, String... args) {
    SteeringOptions options = new SteeringOptions();
    ServiceMain.commandLine(options, env).parseArgs(args);
    return options;
  }

  public String kafkaBootstrap() {
    return common.kafkaBootstrap();
  }

  /** The configuration (steering verifies no tokens, so no secret is needed). */
  public SteeringConfig toConfig() {
    Fleet fleet = fleetFile == null ? Fleet.defaultFleet() : Fleet.load(fleetFile);
    return new SteeringConfig(port, common.instanceId(SERVICE), fleet);
  }
}
