package io.playstream.services.playback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.services.common.Json;
import io.playstream.services.common.Tracing;
import io.playstream.services.steering.Candidate;
import io.playstream.services.steering.ClientRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Calls the steering service's {@code POST /v1/steer}, asynchronously. */
public final class SteeringClient {
  /**
   * What steering answered.
   *
   * @param candidates ranked servers
   * @param chosenServerId server to use
   * @param fallbackUsed steering used its static list
   */
  public record Answer(List<Candidate> candidates, String chosenServerId, boolean fallbackUsed) {}

  private final HttpClient http;
  private final URI steerUri;
  private final Duration requestTimeout;

  public SteeringClient(HttpClient http, String baseUrl, Duration requestTimeout) {
    this.http = http;
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.steerUri = URI.create(base + "/v1/steer");
    this.requestTimeout = requestTimeout;
  }

  /** Completes with the answer, or exceptionally on any failure or non-200 answer. */
  public CompletableFuture<Answer> steer(ClientRequest request, String traceId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session_id", request.sessionId());
    body.put("profile_id", request.profileId());
    body.put("title_id", request.titleId());
    body.put("country", request.country());
    body.put("region", request.region());
    body.put("isp", request.isp());
    body.put("client_ip", request.clientIp());
    String json;
    try {
      json = Json.mapper().writeValueAsString(body);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest httpRequest =
        HttpRequest.newBuilder(steerUri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header(Tracing.TRACE_ID_HEADER, traceId)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString())
        .thenApply(SteeringClient::parse);
  }

  private static Answer parse(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("steering answered " + response.statusCode());
    }
    try {
      JsonNode root = Json.mapper().readTree(response.body());
      List<Candidate> candidates = new ArrayList<>();
      for (JsonNode c : root.path("candidates")) {
        candidates.add(
            new Candidate(
                c.path("server_id").asText(), c.path("rank").asInt(), c.path("score").asDouble()));
      }
      String chosen = root.path("chosen_server_id").asText(null);
      if (candidates.isEmpty() || chosen == null) {
        throw new IllegalStateException("steering answered no candidates");
      }
      return new Answer(candidates, chosen, root.path("fallback_used").asBoolean(false));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("steering answered unreadable JSON", e);
    }
  }
}
