package io.playstream.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The official {@code elasticsearch-java} client over the low-level REST client, with a blocking
 * and an async face sharing one connection pool. Created where it is used (a sink writer on its
 * task, a tool's main) and closed there; never serialized.
 */
public final class EsClient implements AutoCloseable {
  /** Connect timeout of every client. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final RestClient rest;
  private final RestClientTransport transport;
  private final ElasticsearchClient sync;
  private final ElasticsearchAsyncClient async;

  private EsClient(URI url, Duration requestTimeout, int maxConnections) {
    this.url = url;
    this.rest =
        RestClient.builder(HttpHost.create(url.toString()))
            .setRequestConfigCallback(
                r ->
                    r.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                        .setSocketTimeout((int) requestTimeout.toMillis()))
            .setHttpClientConfigCallback(
                h -> h.setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections))
            .build();
    this.transport = new RestClientTransport(rest, new JacksonJsonpMapper());
    this.sync = new ElasticsearchClient(transport);
    this.async = new ElasticsearchAsyncClient(transport);
  }

  /**
   * A client for {@code url}.
   *
   * @param requestTimeout socket timeout of one request
   * @param maxConnections connections kept to the node (at least the requests in flight)
   */
  public static EsClient open(URI url, Duration requestTimeout, int maxConnections) {
    return new EsClient(url, requestTimeout, Math.max(1, maxConnections));
  }

  /** A client for tools and tests: 60 s timeout, 4 connections. */
  public static EsClient open(URI url) {
    return open(url, Duration.ofSeconds(60), 4);
  }

  /** The node's address. */
  public URI url() {
    return url;
  }

  /** The blocking client. */
  public ElasticsearchClient sync() {
    return sync;
  }

  /** The async client (futures completed on the HTTP client's I/O threads). */
  public ElasticsearchAsyncClient async() {
    return async;
  }

  /** The low-level REST client (for raw requests). */
  public RestClient rest() {
    return rest;
  }

  @Override
  public void close() {
    try {
      transport.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the Elasticsearch client", e);
    }
  }
}
