package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the services' {@code /v1/stats}: events acknowledged by Kafka and failed, by type. */
public final class ServiceStats {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<URI> services;

  /**
   * Totals over all services.
   *
   * @param emitted acknowledged events by simple type name
   * @param failed failed sends by simple type name
   */
  public record Totals(Map<String, Long> emitted, Map<String, Long> failed) {
    public static final Totals EMPTY = new Totals(Map.of(), Map.of());

    public long totalEmitted() {
      return emitted.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalFailed() {
      return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** This minus an earlier snapshot. */
    public Totals minus(Totals before) {
      return new Totals(diff(emitted, before.emitted), diff(failed, before.failed));
    }

    private static Map<String, Long> diff(Map<String, Long> now, Map<String, Long> then) {
      Map<String, Long> d = new TreeMap<>();
      now.forEach(
          (k, v) -> {
            long delta = v - then.getOrDefault(k, 0L);
            if (delta != 0) {
              d.put(k, delta);
            }
          });
      return d;
    }
  }

  public ServiceStats(List<URI> serviceUrls) {
    this.services = serviceUrls;
  }

  /** Sums the stats of every service. */
  public Totals fetch() throws IOException, InterruptedException {
    Map<String, Long> emitted = new TreeMap<>();
    Map<String, Long> failed = new TreeMap<>();
    for (URI base : services) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v1/stats"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException(base + "/v1/stats answered " + r.statusCode() + ": " + r.body());
      }
      JsonNode body = JSON.readTree(r.body());
      add(body.path("emitted"), emitted);
      add(body.path("failed"), failed);
    }
    return new Totals(emitted, failed);
  }

  private static void add(JsonNode node, Map<String, Long> into) {
    node.fields().forEachRemaining(e -> into.merge(e.getKey(), e.getValue().asLong(), Long::sum));
  }
}
