package io.playstream.services.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.services.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP calls for tests (java.net.http), answers with the body parsed as JSON. */
public final class TestHttp {
  /**
   * One answer.
   *
   * @param status HTTP status
   * @param raw body text
   * @param headers response headers (first value each)
   */
  public record Response(int status, String raw, Map<String, String> headers) {
    /** The body as JSON (missing node when not JSON). */
    public JsonNode json() {
      try {
        return raw.isEmpty() ? Json.mapper().missingNode() : Json.mapper().readTree(raw);
      } catch (IOException e) {
        return Json.mapper().missingNode();
      }
    }

    public String error() {
      return json().path("error").asText();
    }

    /** The {@code field} of an error body, or null. */
    public String field() {
      JsonNode f = json().path("field");
      return f.isTextual() ? f.asText() : null;
    }
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestHttp() {}

  public static Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), null, Map.of());
  }

  /** A GET with a bearer token (none when null). */
  public static Response get(String url, String token) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), token, Map.of());
  }

  public static Response post(String url, String token, String body) {
    return post(url, token, body, Map.of());
  }

  public static Response post(String url, String token, String body, Map<String, String> headers) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        token,
        headers);
  }

  /** POSTs an object serialized with the service JSON conventions. */
  public static Response postJson(String url, String token, Object body) {
    return post(url, token, json(body));
  }

  public static Response put(String url, String token, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)),
        token,
        Map.of());
  }

  public static Response delete(String url, String token) {
    return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), token, Map.of());
  }

  public static String json(Object body) {
    try {
      return Json.mapper().writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port nothing listens on (bound, then released). */
  public static int unusedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response send(
      HttpRequest.Builder builder, String token, Map<String, String> headers) {
    builder.timeout(Duration.ofSeconds(10));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    headers.forEach(builder::header);
    try {
      HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      r.headers().map().forEach((k, v) -> h.put(k, v.isEmpty() ? "" : v.get(0)));
      return new Response(r.statusCode(), r.body(), h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
