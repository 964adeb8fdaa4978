package io.playstream.infra.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.playstream.infra.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a stub HTTP server that answers like Flink 2.1's REST API. */
class FlinkRestClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private FlinkRestClient client;
  private final Map<String, Deque<String[]>> answers = new ConcurrentHashMap<>();
  private final Map<String, byte[]> requests = new ConcurrentHashMap<>();
  private final Map<String, String> contentTypes = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 0);
    server.createContext("/", this::handle);
    server.start();
    client = new FlinkRestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Queues an answer for "METHOD /path?query"; the last one answers all later requests. */
  private void answer(String request, int status, String body) {
    answers.computeIfAbsent(request, k -> new ArrayDeque<>()).add(new String[] {"" + status, body});
  }

  private void handle(HttpExchange ex) throws IOException {
    String key = ex.getRequestMethod() + " " + ex.getRequestURI();
    requests.put(key, ex.getRequestBody().readAllBytes());
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    if (ct != null) {
      contentTypes.put(key, ct);
    }
    Deque<String[]> queue = answers.get(key);
    String[] a;
    if (queue == null || queue.isEmpty()) {
      a = new String[] {"404", "{\"errors\":[\"Not found: " + ex.getRequestURI() + "\"]}"};
    } else {
      a = queue.size() > 1 ? queue.poll() : queue.peek();
    }
    byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private JsonNode requestJson(String key) throws IOException {
    return JSON.readTree(requests.get(key));
  }

  @Test
  void uploadsTheJarAsMultipartAndReturnsItsId(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("my-job.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4, 42});
    answer(
        "POST /jars/upload",
        200,
        "{\"filename\":\"/s/flink-web-upload/0b1d-77_my-job.jar\",\"status\":\"success\"}");

    assertThat(client.uploadJar(jar)).isEqualTo("0b1d-77_my-job.jar");

    String body = new String(requests.get("POST /jars/upload"), StandardCharsets.ISO_8859_1);
    assertThat(contentTypes.get("POST /jars/upload")).startsWith("multipart/form-data; boundary=");
    assertThat(body)
        .contains("Content-Disposition: form-data; name=\"jarfile\"; filename=\"my-job.jar\"")
        .contains("PK\u0003\u0004*");
  }

  @Test
  void aMissingJarIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> client.uploadJar(dir.resolve("nope.jar")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.jar does not exist");
  }

  @Test
  void runSendsArgumentsAsAListWithSavepointAndParallelism() throws IOException {
    answer("POST /jars/j1.jar/run", 200, "{\"jobid\":\"a1b2\"}");

    String jobId =
        client.run(
            "j1.jar", "com.example.Main", List.of("--rate", "5 per s"), 2, "file:/sp/1", true);

    assertThat(jobId).isEqualTo("a1b2");
    JsonNode body = requestJson("POST /jars/j1.jar/run");
    assertThat(body.path("entryClass").asText()).isEqualTo("com.example.Main");
    assertThat(body.path("programArgsList").toString()).isEqualTo("[\"--rate\",\"5 per s\"]");
    assertThat(body.has("programArgs")).isFalse();
    assertThat(body.path("parallelism").asInt()).isEqualTo(2);
    assertThat(body.path("savepointPath").asText()).isEqualTo("file:/sp/1");
    assertThat(body.path("allowNonRestoredState").asBoolean()).isTrue();
  }

  @Test
  void errorAnswersBecomeExceptionsWithFlinksReason() {
    answer(
        "GET /jobs/ffff",
        404,
        "{\"errors\":[\"org.apache.flink.runtime.rest.NotFoundException: Job ffff not found\\n\\tat"
            + " x.y(Z.java:1)\"]}");

    assertThatThrownBy(() -> client.job("ffff"))
        .isInstanceOfSatisfying(
            FlinkRestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.getMessage())
                  .isEqualTo("Flink GET /jobs/ffff answered 404: Job ffff not found");
            });
  }

  @Test
  void anInitializingJobHasNoCheckpointsYetInsteadOfAnError() {
    answer(
        "GET /jobs/abcd",
        200,
        "{\"jid\":\"abcd\",\"name\":\"j\",\"state\":\"INITIALIZING\","
            + "\"start-time\":1,\"duration\":5,\"vertices\":[]}");
    answer(
        "GET /jobs/abcd/checkpoints",
        500,
        "{\"errors\":[\"Unable to get JobMasterGateway for initializing job. The requested"
            + " operation is not available while the JobManager is initializing.\"]}");

    FlinkRestClient.JobDetails d = client.job("abcd");
    assertThat(d.state()).isEqualTo("INITIALIZING");
    assertThat(d.checkpoints().completed()).isZero();
    assertThat(d.checkpoints().latestCompleted()).isEmpty();

    // a running job's failing statistics are still an error
    answer(
        "GET /jobs/abcd",
        200,
        "{\"jid\":\"abcd\",\"name\":\"j\",\"state\":\"RUNNING\","
            + "\"start-time\":1,\"duration\":5,\"vertices\":[]}");
    answers.get("GET /jobs/abcd").poll();
    assertThatThrownBy(() -> client.job("abcd")).isInstanceOf(FlinkRestException.class);
  }

  @Test
  void anUnreachableClusterIsSaidSo() {
    int port = Ports.freePort();
    FlinkRestClient nowhere = new FlinkRestClient(URI.create("http://127.0.0.1:" + port));

    assertThat(nowhere.isReachable()).isFalse();
    assertThatThrownBy(nowhere::overview)
        .isInstanceOfSatisfying(
            FlinkRestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(-1);
              assertThat(e.getMessage()).contains("is not reachable");
            });
  }

  @Test
  void stopWithSavepointPollsUntilTheSavepointIsComplete() throws IOException {
    answer("POST /jobs/j9/stop", 202, "{\"request-id\":\"t7\"}");
    answer("GET /jobs/j9/savepoints/t7", 200, "{\"status\":{\"id\":\"IN_PROGRESS\"}}");
    answer("GET /jobs/j9/savepoints/t7", 200, "{\"status\":{\"id\":\"IN_PROGRESS\"}}");
    answer(
        "GET /jobs/j9/savepoints/t7",
        200,
        "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"file:/sp/savepoint-1\"}}");

    answer("GET /jobs/j9", 200, "{\"jid\":\"j9\",\"state\":\"RUNNING\"}");
    answer("GET /jobs/j9", 200, "{\"jid\":\"j9\",\"state\":\"FINISHED\"}");

    assertThat(client.stopWithSavepoint("j9", "file:/sp", false)).isEqualTo("file:/sp/savepoint-1");
    // returned only once the job had ended
    assertThat(answers.get("GET /jobs/j9")).hasSize(1);
    JsonNode body = requestJson("POST /jobs/j9/stop");
    assertThat(body.path("targetDirectory").asText()).isEqualTo("file:/sp");
    assertThat(body.path("drain").asBoolean()).isFalse();
  }

  @Test
  void aFailedSavepointCarriesItsCause() throws IOException {
    answer("POST /jobs/j9/savepoints", 202, "{\"request-id\":\"t8\"}");
    answer(
        "GET /jobs/j9/savepoints/t8",
        200,
        "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"failure-cause\":{\"class\":"
            + "\"java.util.concurrent.CompletionException\",\"stack-trace\":"
            + "\"java.util.concurrent.CompletionException: x\\nCaused by:"
            + " org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint triggering"
            + " task Source: s (1/1) of job j9 is not being executed at the moment.\\n\\tat"
            + " a.b(C.java:1)\"}}}");

    assertThatThrownBy(() -> client.triggerSavepoint("j9", null, true))
        .isInstanceOf(FlinkRestException.class)
        .hasMessageContaining("savepoint of job j9 failed")
        .hasMessageContaining("is not being executed at the moment");
    JsonNode body = requestJson("POST /jobs/j9/savepoints");
    assertThat(body.path("cancel-job").asBoolean()).isTrue();
    assertThat(body.has("target-directory")).isFalse();
  }

  @Test
  void readsJobsCheckpointsAndRestoreInfo() {
    answer(
        "GET /jobs/overview",
        200,
        "{\"jobs\":[{\"jid\":\"old\",\"name\":\"a\",\"start-time\":1000,\"duration\":5,"
            + "\"state\":\"CANCELED\"},{\"jid\":\"new\",\"name\":\"b\",\"start-time\":2000,"
            + "\"duration\":7,\"state\":\"RUNNING\"}]}");
    answer(
        "GET /jobs/new/checkpoints",
        200,
        "{\"counts\":{\"completed\":8,\"failed\":2,\"in_progress\":1},\"latest\":{\"completed\":"
            + "{\"id\":8,\"is_savepoint\":false,\"trigger_timestamp\":3000,"
            + "\"latest_ack_timestamp\":3073,\"external_path\":\"file:/ck/chk-8\"},"
            + "\"savepoint\":null,\"failed\":null,\"restored\":{\"id\":14,"
            + "\"restore_timestamp\":2500,\"is_savepoint\":true,\"external_path\":"
            + "\"file:/sp/savepoint-63565c\"}}}");

    List<FlinkRestClient.JobSummary> jobs = client.jobs();
    assertThat(jobs).extracting(FlinkRestClient.JobSummary::id).containsExactly("new", "old");
    assertThat(jobs.get(0).isTerminal()).isFalse();
    assertThat(jobs.get(1).isTerminal()).isTrue();
    assertThat(jobs.get(0).startTime()).isEqualTo(Instant.ofEpochMilli(2000));

    FlinkRestClient.CheckpointStats stats = client.checkpoints("new");
    assertThat(stats.completed()).isEqualTo(8);
    assertThat(stats.latestCompleted().orElseThrow().completed())
        .isEqualTo(Instant.ofEpochMilli(3073));
    assertThat(stats.latestSavepoint()).isEmpty();
    FlinkRestClient.RestoredCheckpoint restored = stats.restored().orElseThrow();
    assertThat(restored.savepoint()).isTrue();
    assertThat(restored.externalPath()).isEqualTo("file:/sp/savepoint-63565c");
  }
}
