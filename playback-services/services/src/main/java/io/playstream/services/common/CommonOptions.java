package io.playstream.services.common;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every service has (a picocli mixin of each service's {@code *Options}). Each option can
 * also be set as {@code PLAYSTREAM_<NAME>} in the environment (see {@link EnvDefaults}).
 */
public final class CommonOptions {
  @Option(
      names = "--kafka-bootstrap",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers events are produced to.")
  String kafkaBootstrap;

  @Option(
      names = "--auth-secret-file",
      description =
          "File holding the HMAC secret of bearer tokens (>= 32 bytes). Without it the secret is"
              + " read from PLAYSTREAM_AUTH_SECRET.")
  Path authSecretFile;

  @Option(
      names = "--instance-id",
      description = "Instance id written into event headers. Default: <service>-<pid>.")
  String instanceId;

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  /** The auth secret from the file or, without one, from the environment. */
  public byte[] authSecret(Map<String, String> env) {
    return Secrets.authSecret(authSecretFile, env);
  }

  /** The configured instance id, or {@code <service>-<pid>}. */
  public String instanceId(String service) {
    if (instanceId != null && !instanceId.isBlank()) {
      return instanceId;
    }
    return service + "-" + ProcessHandle.current().pid();
  }
}
