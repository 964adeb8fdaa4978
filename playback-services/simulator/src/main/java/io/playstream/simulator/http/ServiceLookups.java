package io.playstream.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.Title;
import io.playstream.simulator.model.TitleCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the simulator reads from the services before it starts: the titles and the CDN fleet. */
public final class ServiceLookups {
  static final int PAGE_SIZE = 100;
  static final int DEFAULT_DURATION_SECONDS = 5_400;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServiceLookups() {}

  /**
   * Every title of the catalog, read page by page from {@code GET /v1/titles}.
   *
   * @throws IOException when the catalog cannot be read or holds no titles
   */
  public static TitleCatalog fetchTitles(
      HttpClient client, URI catalogUrl, String token, Duration timeout)
      throws IOException, InterruptedException {
    List<Title> titles = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          getJson(
              client,
              catalogUrl.resolve("/v1/titles?offset=" + offset + "&limit=" + PAGE_SIZE),
              token,
              timeout);
      JsonNode items = page.path("titles");
      for (JsonNode t : items) {
        titles.add(title(t));
      }
      offset += items.size();
      long total = page.path("total").asLong(-1);
      if (items.isEmpty() || (total >= 0 && offset >= total)) {
        break;
      }
    }
    if (titles.isEmpty()) {
      throw new IOException("the catalog at " + catalogUrl + " has no titles");
    }
    return new TitleCatalog(titles);
  }

  /**
   * The CDN fleet from steering's {@code GET /v1/cdn/servers}.
   *
   * @throws IOException when steering cannot be read or lists no servers
   */
  public static List<CdnServer> fetchFleet(
      HttpClient client, URI steeringUrl, String token, Duration timeout)
      throws IOException, InterruptedException {
    JsonNode body = getJson(client, steeringUrl.resolve("/v1/cdn/servers"), token, timeout);
    List<CdnServer> fleet = new ArrayList<>();
    for (JsonNode s : body.path("servers")) {
      int capacity = s.path("capacity_mbps").asInt(0);
      fleet.add(
          new CdnServer(
              s.path("server_id").asText(),
              s.path("region").asText(),
              capacity > 0 ? capacity : CdnServer.DEFAULT_CAPACITY_MBPS));
    }
    if (fleet.isEmpty()) {
      throw new IOException("steering at " + steeringUrl + " lists no CDN servers");
    }
    return fleet;
  }

  static Title title(JsonNode t) {
    List<String> genres = new ArrayList<>();
    t.path("genres").forEach(g -> genres.add(g.asText()));
    Set<String> countries = new LinkedHashSet<>();
    t.path("licensed_countries").forEach(c -> countries.add(c.asText()));
    int duration = t.path("duration_seconds").asInt(0);
    return new Title(
        t.path("title_id").asText(),
        t.path("name").asText(""),
        genres,
        t.path("release_year").asInt(0),
        countries,
        duration > 0 ? duration : DEFAULT_DURATION_SECONDS);
  }

  private static JsonNode getJson(HttpClient client, URI uri, String token, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
