package io.playstream.sinks.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;

/** Raw REST calls for integration tests. */
final class EsTestSupport {
  private EsTestSupport() {}

  /** Sends a request and returns status and body (error statuses included, not thrown). */
  static Answer call(EsClient client, String method, String path, String json) {
    Request r = new Request(method, path);
    if (json != null) {
      r.setJsonEntity(json);
    }
    try {
      Response response = client.rest().performRequest(r);
      return new Answer(
          response.getStatusLine().getStatusCode(),
          response.getEntity() == null
              ? ""
              : new String(
                  response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8));
    } catch (ResponseException e) {
      try {
        return new Answer(
            e.getResponse().getStatusLine().getStatusCode(),
            new String(
                e.getResponse().getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An index with one shard and no replica (green on one node). */
  static void createIndex(EsClient client, String index, String mappings) {
    call(client, "DELETE", "/" + index + "?ignore_unavailable=true", null);
    Answer a =
        call(
            client,
            "PUT",
            "/" + index,
            "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},\"mappings\":"
                + mappings
                + "}");
    if (a.status() != 200) {
      throw new IllegalStateException("cannot create " + index + ": " + a);
    }
  }

  /** Documents in an index after a refresh. */
  static long count(EsClient client, String index) {
    call(client, "POST", "/" + index + "/_refresh", null);
    try {
      return client.sync().count(c -> c.index(index)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Status and body of a REST answer. */
  record Answer(int status, String body) {}
}
