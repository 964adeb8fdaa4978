package io.playstream.infra;

import java.net.URI;
import java.time.Duration;

/**
 * A running local Elasticsearch node, as returned by {@link ElasticsearchLauncher#start()}: either
 * started just now or found running from an earlier start ({@link #reused()}). On {@link #stop()}
 * (SIGTERM) the node closes its shards and exits; data stays for the next start.
 */
public final class ElasticsearchNode extends ProcessComponent {
  private final URI url;

  ElasticsearchNode(ManagedProcess process, URI url, boolean reused, Duration stopTimeout) {
    super(process, reused, stopTimeout);
    this.url = url;
  }

  /** {@code http://127.0.0.1:<port>}: the node's HTTP address. */
  public URI url() {
    return url;
  }

  /** The HTTP port. */
  public int httpPort() {
    return url.getPort();
  }

  @Override
  public String toString() {
    return "Elasticsearch node at " + url + " (" + process() + ")";
  }
}
