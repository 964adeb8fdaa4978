package io.playstream.services.playback;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.services.common.ApiException;
import io.playstream.services.common.Json;
import io.playstream.services.common.Tracing;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asks the catalog service whether a title exists and may be streamed in a country. */
public final class CatalogClient {
  private final HttpClient http;
  private final String baseUrl;
  private final Duration timeout;

  public CatalogClient(HttpClient http, String baseUrl, Duration timeout) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
  }

  /**
   * Returns when the title is licensed in the country.
   *
   * @throws ApiException 404 for an unknown title, 451 when not licensed there, 503 when the
   *     catalog cannot answer
   */
  public void requireAvailable(String titleId, String country, String traceId) {
    URI uri =
        URI.create(
            baseUrl
                + "/v1/titles/"
                + URLEncoder.encode(titleId, StandardCharsets.UTF_8)
                + "/availability?country="
                + URLEncoder.encode(country, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header(Tracing.TRACE_ID_HEADER, traceId)
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApiException.unavailable("catalog unavailable: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("catalog call interrupted");
    }
    switch (response.statusCode()) {
      case 200 -> {
        JsonNode body;
        try {
          body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
          throw ApiException.unavailable("catalog answered unreadable JSON");
        }
        if (!body.path("available").asBoolean(false)) {
          throw new ApiException(
              451, "title " + titleId + " is not licensed in " + country, "country");
        }
      }
      case 404 -> throw ApiException.notFound("unknown title " + titleId, "title_id");
      default ->
          throw ApiException.unavailable(
              "catalog unavailable: it answered " + response.statusCode());
    }
  }

  private static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return e.getMessage() == null ? kind : kind + " " + e.getMessage();
  }
}
