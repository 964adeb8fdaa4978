package io.playstream.infra;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A running local Elasticsearch node, as returned by {@link ElasticsearchLauncher#start()}: either
 * started just now or found running from an earlier start ({@link #reused()}).
 */
public final class ElasticsearchNode {
  private final ManagedProcess process;
  private final URI url;
  private final boolean reused;
  private final Duration stopTimeout;

  ElasticsearchNode(ManagedProcess process, URI url, boolean reused, Duration stopTimeout) {
    this.process = process;
    this.url = url;
    this.reused = reused;
    this.stopTimeout = stopTimeout;
  }

  /** {@code http://127.0.0.1:<port>}: the node's HTTP address. */
  public URI url() {
    return url;
  }

  /** The HTTP port. */
  public int httpPort() {
    return url.getPort();
  }

  /** The node's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the node process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** True when the node was already running (from an earlier start) and was not started now. */
  public boolean reused() {
    return reused;
  }

  /** The node's log file. */
  public Path logFile() {
    return process.logFile();
  }

  /** The underlying process. */
  public ManagedProcess process() {
    return process;
  }

  /**
   * Stops the node cleanly (SIGTERM: the node closes its shards and exits; SIGKILL after the stop
   * timeout). Data stays; a later {@link ElasticsearchLauncher#start()} continues from it.
   *
   * @return true when it shut down within the timeout
   */
  public boolean stop() {
    return process.stop(stopTimeout);
  }

  /** Stops the node with the given grace period before SIGKILL. */
  public boolean stop(Duration grace) {
    return process.stop(grace);
  }

  /** Kills the node at once (SIGKILL), as a crash would. */
  public void kill() {
    process.kill();
  }

  @Override
  public String toString() {
    return "Elasticsearch node at " + url + " (" + process + ")";
  }
}
