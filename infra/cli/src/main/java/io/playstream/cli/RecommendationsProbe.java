package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.services.common.TokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code GET /recommendations/{profile}} serves after a demo run: asks the catalog for the
 * recommendations of the first simulated profiles (ids as the simulator makes them, {@code
 * sim<seed>-p00001}...) and counts the answers by source (personalized from Cassandra, trending,
 * fallbacks).
 */
final class RecommendationsProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answers: how many, by source, with at least one title, and problems in words. */
  record Result(int asked, Map<String, Integer> bySource, int withTitles, List<String> problems) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("asked", asked);
      m.put("by_source", bySource);
      m.put("with_titles", withTitles);
      m.put("problems", problems);
      return m;
    }
  }

  private RecommendationsProbe() {}

  /** The simulator's id of profile {@code n} (1-based) in a run with {@code seed}. */
  static String profileId(long seed, int n) {
    return String.format("sim%d-p%05d", seed, n);
  }

  static Result probe(URI catalogUrl, byte[] authSecret, long seed, int profiles) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= profiles; i++) {
      ids.add(profileId(seed, i));
    }
    String token =
        new TokenIssuer(authSecret).issue("demo", ids, List.of("play"), Duration.ofMinutes(5));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Map<String, Integer> bySource = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int withTitles = 0;
    for (String id : ids) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(catalogUrl.resolve("/recommendations/" + id))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          problems.add(id + ": HTTP " + r.statusCode() + " " + r.body());
          continue;
        }
        JsonNode body = JSON.readTree(r.body());
        bySource.merge(body.path("source").asText("?"), 1, Integer::sum);
        if (body.path("titles").size() > 0) {
          withTitles++;
        }
      } catch (IOException e) {
        problems.add(id + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add("interrupted");
        break;
      }
    }
    return new Result(ids.size(), bySource, withTitles, problems);
  }
}
