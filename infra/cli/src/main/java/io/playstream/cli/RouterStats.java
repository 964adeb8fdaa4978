package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the router's per-route counters from {@code /v1/routes/status}. */
public final class RouterStats {
  /** The counters the reports show, in order. */
  public static final List<String> COUNTERS =
      List.of("in", "out", "filtered", "sampled_out", "dead_lettered");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI statusUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public RouterStats(URI routerUrl) {
    this.statusUrl = routerUrl.resolve("/v1/routes/status");
  }

  /** The raw status document. */
  public JsonNode status() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(statusUrl).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(statusUrl + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Counters by route name. */
  public Map<String, Map<String, Long>> counters() throws IOException, InterruptedException {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (JsonNode route : status().path("routes")) {
      Map<String, Long> c = new LinkedHashMap<>();
      COUNTERS.forEach(k -> c.put(k, route.path(k).asLong()));
      out.put(route.path("name").asText(), c);
    }
    return out;
  }

  /** {@code after - before} per route and counter. */
  public static Map<String, Map<String, Long>> delta(
      Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
    Map<String, Map<String, Long>> d = new LinkedHashMap<>();
    after.forEach(
        (route, counters) -> {
          Map<String, Long> b = before.getOrDefault(route, Map.of());
          Map<String, Long> c = new LinkedHashMap<>();
          counters.forEach((k, v) -> c.put(k, v - b.getOrDefault(k, 0L)));
          d.put(route, c);
        });
    return d;
  }
}
