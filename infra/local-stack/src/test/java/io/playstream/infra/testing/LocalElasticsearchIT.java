package io.playstream.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.ElasticsearchLauncher;
import io.playstream.infra.ElasticsearchNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real Elasticsearch node process started by {@link LocalElasticsearchExtension}. */
class LocalElasticsearchIT {
  @RegisterExtension
  static final LocalElasticsearchExtension ES = LocalElasticsearchExtension.shared();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void nodeAnswersOnLoopbackWithPidAndLogInTheStateFolder() throws Exception {
    HttpResponse<String> health = get("/_cluster/health");

    assertThat(ES.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"cluster_name\":\"playstream\"")
        .containsAnyOf("\"status\":\"green\"", "\"status\":\"yellow\"")
        .contains("\"number_of_nodes\":1");
    var layout = ES.stateLayout();
    assertThat(Files.readString(layout.pidFile("elasticsearch")).trim())
        .isEqualTo(Long.toString(ES.nodePid()));
    assertThat(Files.readString(layout.logFile("elasticsearch")))
        .contains("playstream: elasticsearch node started on " + ES.url());
  }

  @Test
  void indexesAndFindsADocument() throws Exception {
    HttpResponse<String> put =
        send("PUT", "/launcher-it/_doc/1?refresh=true", "{\"title\":\"The Matrix\",\"year\":1999}");
    HttpResponse<String> found = get("/launcher-it/_search?q=year:1999");

    assertThat(put.statusCode()).isIn(200, 201);
    assertThat(found.body()).contains("\"The Matrix\"");
  }

  @Test
  void secondStartReportsTheRunningNode() throws Exception {
    ElasticsearchLauncher second =
        new ElasticsearchLauncher(ES.stateLayout(), ES.launcher().settings());

    ElasticsearchNode again = second.start();

    assertThat(again.reused()).isTrue();
    assertThat(again.pid()).isEqualTo(ES.nodePid());
    assertThat(again.url()).isEqualTo(ES.url());
  }

  @Test
  void documentsSurviveAStopAndStart() throws Exception {
    send("PUT", "/launcher-restart-it/_doc/kept?refresh=true", "{\"n\":1}");
    long before = ES.nodePid();

    ES.stopNode();
    assertThat(ES.isNodeAlive()).isFalse();
    ES.startNode();

    assertThat(ES.nodePid()).isNotEqualTo(before);
    HttpResponse<String> kept = get("/launcher-restart-it/_doc/kept");
    assertThat(kept.statusCode()).isEqualTo(200);
    assertThat(kept.body()).contains("\"found\":true");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ES.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(String method, String path, String json)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ES.url() + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
