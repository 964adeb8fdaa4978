package io.playstream.infra;

import java.time.Duration;

/**
 * A running local Kafka broker, as returned by {@link KafkaLauncher#start()}: either started just
 * now or found running from an earlier start ({@link #reused()}). {@link #stop()} waits {@link
 * PlatformOptions#KAFKA_LOCAL_STOP_TIMEOUT the stop timeout} before SIGKILL; data stays for the
 * next start.
 */
public final class KafkaBroker extends ProcessComponent {
  private final String bootstrapServers;

  KafkaBroker(
      ManagedProcess process, String bootstrapServers, boolean reused, Duration stopTimeout) {
    super(process, reused, stopTimeout);
    this.bootstrapServers = bootstrapServers;
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public String toString() {
    return "Kafka broker at " + bootstrapServers + " (" + process() + ")";
  }
}
