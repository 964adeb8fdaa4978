package io.playstream.infra;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A running local Kafka broker, as returned by {@link KafkaLauncher#start()}: either started just
 * now or found running from an earlier start ({@link #reused()}).
 */
public final class KafkaBroker {
  private final ManagedProcess process;
  private final String bootstrapServers;
  private final boolean reused;
  private final Duration stopTimeout;

  KafkaBroker(
      ManagedProcess process, String bootstrapServers, boolean reused, Duration stopTimeout) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.reused = reused;
    this.stopTimeout = stopTimeout;
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the broker process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** True when the broker was already running (from an earlier start) and was not started now. */
  public boolean reused() {
    return reused;
  }

  /** The broker's log file. */
  public Path logFile() {
    return process.logFile();
  }

  /** The underlying process. */
  public ManagedProcess process() {
    return process;
  }

  /**
   * Stops the broker cleanly (SIGTERM; SIGKILL after {@link
   * PlatformOptions#KAFKA_LOCAL_STOP_TIMEOUT the stop timeout}). Data stays; a later {@link
   * KafkaLauncher#start()} continues from it.
   *
   * @return true when it shut down within the timeout
   */
  public boolean stop() {
    return process.stop(stopTimeout);
  }

  /** Stops the broker with the given grace period before SIGKILL. */
  public boolean stop(Duration grace) {
    return process.stop(grace);
  }

  /** Kills the broker at once (SIGKILL), as a crash would. */
  public void kill() {
    process.kill();
  }

  @Override
  public String toString() {
    return "Kafka broker at " + bootstrapServers + " (" + process + ")";
  }
}
