package io.playstream.infra.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A client of the Flink REST API (the JobManager's web port, {@code flink.rest-url}): upload and
 * run job jars, list, inspect and cancel jobs, take savepoints (also stop-with-savepoint), and read
 * the cluster overview, TaskManagers and operator metrics. Plain {@code java.net.http} and Jackson:
 * no Flink classes on the caller's classpath.
 *
 * <p>Every failure is a {@link FlinkRestException} whose message names the call and carries Flink's
 * own error text, condensed ({@link FlinkRestException#summarize(List)}).
 */
public final class FlinkRestClient {
  /** Job states after which a job never runs again (FAILED, CANCELED, FINISHED). */
  public static final Set<String> TERMINAL_STATES = Set.of("FAILED", "CANCELED", "FINISHED");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  // running a jar executes the job's main() inside the JobManager: slow on a loaded machine
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration DEFAULT_SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);
  private static final long POLL_MILLIS = 200;

  private final URI restUrl;
  private final HttpClient http;
  private final Duration requestTimeout;

  /** A client of the cluster at {@code restUrl} (e.g. {@code http://127.0.0.1:8081}). */
  public FlinkRestClient(URI restUrl) {
    this(restUrl, DEFAULT_TIMEOUT);
  }

  /** A client with another timeout for ordinary requests. */
  public FlinkRestClient(URI restUrl, Duration requestTimeout) {
    String s = Objects.requireNonNull(restUrl, "restUrl").toString();
    this.restUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** The REST address this client talks to. */
  public URI restUrl() {
    return restUrl;
  }

  // ---------------------------------------------------------------- cluster

  /** {@code GET /overview}: TaskManagers, slots and job counts. */
  public ClusterOverview overview() {
    JsonNode n = get("/overview");
    return new ClusterOverview(
        n.path("taskmanagers").asInt(),
        n.path("slots-total").asInt(),
        n.path("slots-available").asInt(),
        n.path("jobs-running").asInt(),
        n.path("jobs-finished").asInt(),
        n.path("jobs-cancelled").asInt(),
        n.path("jobs-failed").asInt(),
        n.path("flink-version").asText(""));
  }

  /** Whether {@code GET /overview} answers at all (no exception). */
  public boolean isReachable() {
    try {
      overview();
      return true;
    } catch (FlinkRestException e) {
      return false;
    }
  }

  /** {@code GET /taskmanagers}: the registered TaskManagers. */
  public List<TaskManagerInfo> taskManagers() {
    List<TaskManagerInfo> out = new ArrayList<>();
    for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
      out.add(
          new TaskManagerInfo(
              tm.path("id").asText(),
              tm.path("slotsNumber").asInt(),
              tm.path("freeSlots").asInt(),
              tm.path("dataPort").asInt(),
              // despite its name the field holds the epoch millis of the last heartbeat
              Instant.ofEpochMilli(tm.path("timeSinceLastHeartbeat").asLong())));
    }
    return out;
  }

  // ---------------------------------------------------------------- jars

  /**
   * {@code POST /jars/upload}: uploads a job jar.
   *
   * @return the jar id for {@link #run}
   */
  public String uploadJar(Path jar) {
    byte[] content;
    try {
      content = Files.readAllBytes(jar);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("job jar " + jar + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
    String boundary = "playstream-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
    String fileName = jar.getFileName().toString().replace("\"", "");
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        request("/jars/upload", RUN_TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    JsonNode answer = send("POST /jars/upload (" + fileName + ")", request);
    String stored = answer.path("filename").asText("");
    if (!"success".equals(answer.path("status").asText()) || stored.isEmpty()) {
      throw new FlinkRestException(
          "Flink did not accept " + jar + ": " + answer, 200, List.of(answer.toString()), null);
    }
    // the id is the stored file's name: <uuid>_<original name>
    return stored.substring(stored.lastIndexOf('/') + 1);
  }

  /** {@code GET /jars}: jars uploaded and not deleted. */
  public List<UploadedJar> jars() {
    List<UploadedJar> out = new ArrayList<>();
    for (JsonNode f : get("/jars").path("files")) {
      List<String> entries = new ArrayList<>();
      f.path("entry").forEach(e -> entries.add(e.path("name").asText()));
      out.add(
          new UploadedJar(
              f.path("id").asText(),
              f.path("name").asText(),
              Instant.ofEpochMilli(f.path("uploaded").asLong()),
              entries));
    }
    return out;
  }

  /** {@code DELETE /jars/:jarId}. A job already submitted from the jar keeps running. */
  public void deleteJar(String jarId) {
    send(
        "DELETE /jars/" + jarId,
        request("/jars/" + encode(jarId), requestTimeout).DELETE().build());
  }

  /**
   * {@code POST /jars/:jarId/run}: runs the jar's main and submits the job it builds.
   *
   * @param entryClass main class, or null for the jar manifest's {@code Main-Class}
   * @param args program arguments (sent as {@code programArgsList}; the plain {@code programArgs}
   *     string is ignored by Flink 2.1)
   * @param parallelism default parallelism, or null for the cluster's
   * @param savepointPath savepoint or retained checkpoint to restore from, or null
   * @param allowNonRestoredState skip savepoint state that maps to no operator of the job
   * @return the job id
   */
  public String run(
      String jarId,
      String entryClass,
      List<String> args,
      Integer parallelism,
      String savepointPath,
      boolean allowNonRestoredState) {
    ObjectNode body = JSON.createObjectNode();
    if (entryClass != null) {
      body.put("entryClass", entryClass);
    }
    ArrayNode list = body.putArray("programArgsList");
    args.forEach(list::add);
    if (parallelism != null) {
      body.put("parallelism", parallelism);
    }
    if (savepointPath != null) {
      body.put("savepointPath", savepointPath);
      body.put("allowNonRestoredState", allowNonRestoredState);
    }
    JsonNode answer = post("/jars/" + encode(jarId) + "/run", body, RUN_TIMEOUT);
    String jobId = answer.path("jobid").asText("");
    if (jobId.isEmpty()) {
      throw new FlinkRestException(
          "Flink ran jar " + jarId + " but returned no job id: " + answer,
          200,
          List.of(answer.toString()),
          null);
    }
    return jobId;
  }

  // ---------------------------------------------------------------- jobs

  /** {@code GET /jobs/overview}: every job the cluster knows, newest first. */
  public List<JobSummary> jobs() {
    List<JobSummary> out = new ArrayList<>();
    for (JsonNode j : get("/jobs/overview").path("jobs")) {
      out.add(summary(j, "jid"));
    }
    out.sort((a, b) -> b.startTime().compareTo(a.startTime()));
    return out;
  }

  /** {@code GET /jobs/:jobId} and {@code /jobs/:jobId/checkpoints}. */
  public JobDetails job(String jobId) {
    JsonNode n = get("/jobs/" + encode(jobId));
    List<Vertex> vertices = new ArrayList<>();
    for (JsonNode v : n.path("vertices")) {
      vertices.add(
          new Vertex(
              v.path("id").asText(),
              v.path("name").asText(),
              v.path("parallelism").asInt(),
              v.path("status").asText()));
    }
    JobSummary summary = summary(n, "jid");
    CheckpointStats checkpoints;
    try {
      checkpoints = checkpoints(jobId);
    } catch (FlinkRestException e) {
      if (!summary.state().equals("INITIALIZING") && !summary.state().equals("CREATED")) {
        throw e;
      }
      // a job whose JobMaster is still starting has no checkpoint statistics yet (HTTP 500
      // "not available while the JobManager is initializing"): none so far
      checkpoints =
          new CheckpointStats(0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }
    return new JobDetails(summary, vertices, checkpoints);
  }

  /** {@code GET /jobs/:jobId/checkpoints}: counts, latest completed, latest savepoint, restore. */
  public CheckpointStats checkpoints(String jobId) {
    JsonNode n = get("/jobs/" + encode(jobId) + "/checkpoints");
    JsonNode counts = n.path("counts");
    JsonNode latest = n.path("latest");
    return new CheckpointStats(
        counts.path("completed").asLong(),
        counts.path("failed").asLong(),
        counts.path("in_progress").asLong(),
        completed(latest.path("completed")),
        completed(latest.path("savepoint")),
        restored(latest.path("restored")));
  }

  /**
   * {@code GET /jobs/:jobId/exceptions}: the latest failure of the job, condensed to one line
   * ({@link FlinkRestException#summarize}); empty when it has not failed.
   */
  public Optional<String> exceptionSummary(String jobId) {
    JsonNode n = get("/jobs/" + encode(jobId) + "/exceptions");
    JsonNode entries = n.path("exceptionHistory").path("entries");
    String trace =
        entries.isArray() && entries.size() > 0
            ? entries.get(0).path("stacktrace").asText("")
            : n.path("root-exception").asText("");
    return trace.isBlank()
        ? Optional.empty()
        : Optional.of(FlinkRestException.summarize(List.of(trace)));
  }

  /** {@code PATCH /jobs/:jobId?mode=cancel}: cancels the job (no savepoint). */
  public void cancel(String jobId) {
    send(
        "cancel job " + jobId,
        request("/jobs/" + encode(jobId) + "?mode=cancel", requestTimeout)
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /**
   * {@code POST /jobs/:jobId/savepoints}: takes a savepoint and waits for it.
   *
   * @param targetDirectory where to write it, or null for the cluster's default savepoint dir
   * @param cancelJob cancel the job once the savepoint is complete (then waits until it is
   *     CANCELED)
   * @return the savepoint's path (to resubmit from)
   */
  public String triggerSavepoint(String jobId, String targetDirectory, boolean cancelJob) {
    ObjectNode body = JSON.createObjectNode();
    if (targetDirectory != null) {
      body.put("target-directory", targetDirectory);
    }
    body.put("cancel-job", cancelJob);
    JsonNode answer = post("/jobs/" + encode(jobId) + "/savepoints", body, requestTimeout);
    String path =
        awaitSavepoint(jobId, answer.path("request-id").asText(), DEFAULT_SAVEPOINT_TIMEOUT);
    if (cancelJob) {
      awaitTerminal(jobId, DEFAULT_SAVEPOINT_TIMEOUT);
    }
    return path;
  }

  /**
   * {@code POST /jobs/:jobId/stop}: stop-with-savepoint. Sources stop, a final savepoint is taken,
   * and the job ends FINISHED; waits for the savepoint and for the job to end.
   *
   * @param targetDirectory where to write it, or null for the cluster's default savepoint dir
   * @param drain emit MAX_WATERMARK first (flushes event-time windows; for a final shutdown, not
   *     for a restart)
   * @return the savepoint's path (to resubmit from)
   */
  public String stopWithSavepoint(String jobId, String targetDirectory, boolean drain) {
    ObjectNode body = JSON.createObjectNode();
    if (targetDirectory != null) {
      body.put("targetDirectory", targetDirectory);
    }
    body.put("drain", drain);
    JsonNode answer = post("/jobs/" + encode(jobId) + "/stop", body, requestTimeout);
    String path =
        awaitSavepoint(jobId, answer.path("request-id").asText(), DEFAULT_SAVEPOINT_TIMEOUT);
    awaitTerminal(jobId, DEFAULT_SAVEPOINT_TIMEOUT);
    return path;
  }

  /**
   * Waits until a job reaches a terminal state (FINISHED, CANCELED or FAILED).
   *
   * @return the terminal state
   * @throws FlinkRestException when it does not within {@code timeout}
   */
  public String awaitTerminal(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String state = summary(get("/jobs/" + encode(jobId)), "jid").state();
      if (TERMINAL_STATES.contains(state)) {
        return state;
      }
      if (System.nanoTime() > deadline) {
        throw new FlinkRestException(
            "job " + jobId + " still " + state + " after " + timeout.toSeconds() + " s",
            200,
            List.of(),
            null);
      }
      sleep(POLL_MILLIS);
    }
  }

  /**
   * Polls {@code GET /jobs/:jobId/savepoints/:triggerId} until the operation completes.
   *
   * @return the savepoint path
   * @throws FlinkRestException when the savepoint failed (with Flink's reason) or took longer than
   *     {@code timeout}
   */
  public String awaitSavepoint(String jobId, String triggerId, Duration timeout) {
    if (triggerId == null || triggerId.isEmpty()) {
      throw new FlinkRestException(
          "Flink returned no savepoint trigger id for job " + jobId, 200, List.of(), null);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode n = get("/jobs/" + encode(jobId) + "/savepoints/" + encode(triggerId));
      if ("COMPLETED".equals(n.path("status").path("id").asText())) {
        JsonNode op = n.path("operation");
        if (op.hasNonNull("location")) {
          return op.path("location").asText();
        }
        String trace = op.path("failure-cause").path("stack-trace").asText("");
        throw new FlinkRestException(
            "savepoint of job "
                + jobId
                + " failed: "
                + FlinkRestException.summarize(List.of(trace)),
            200,
            List.of(trace),
            null);
      }
      if (System.nanoTime() > deadline) {
        throw new FlinkRestException(
            "savepoint of job " + jobId + " not complete after " + timeout.toSeconds() + " s",
            200,
            List.of(),
            null);
      }
      sleep(POLL_MILLIS);
    }
  }

  /**
   * The sum over subtasks of one operator metric, such as {@code smoke-progress.smokeRestored}
   * ({@code <operator name>.<metric>}), looked up in every vertex of the job. Empty while no
   * subtask has reported it yet (the JobManager fetches metrics every {@code
   * metrics.fetcher.update-interval}, 10 s by default).
   */
  public OptionalDouble operatorMetricSum(String jobId, String metricId) {
    JsonNode job = get("/jobs/" + encode(jobId));
    for (JsonNode v : job.path("vertices")) {
      JsonNode values =
          get(
              "/jobs/"
                  + encode(jobId)
                  + "/vertices/"
                  + encode(v.path("id").asText())
                  + "/subtasks/metrics?get="
                  + encode(metricId));
      for (JsonNode m : values) {
        if (metricId.equals(m.path("id").asText()) && m.has("sum")) {
          return OptionalDouble.of(m.path("sum").asDouble());
        }
      }
    }
    return OptionalDouble.empty();
  }

  // ---------------------------------------------------------------- plumbing

  private static JobSummary summary(JsonNode j, String idField) {
    long start = j.path("start-time").asLong(-1);
    return new JobSummary(
        j.path(idField).asText(),
        j.path("name").asText(),
        j.path("state").asText(),
        start > 0 ? Instant.ofEpochMilli(start) : Instant.EPOCH,
        Duration.ofMillis(Math.max(0, j.path("duration").asLong())));
  }

  private static Optional<CompletedCheckpoint> completed(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new CompletedCheckpoint(
            n.path("id").asLong(),
            n.path("is_savepoint").asBoolean(),
            Instant.ofEpochMilli(n.path("trigger_timestamp").asLong()),
            Instant.ofEpochMilli(n.path("latest_ack_timestamp").asLong()),
            n.path("external_path").asText(null)));
  }

  private static Optional<RestoredCheckpoint> restored(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new RestoredCheckpoint(
            n.path("id").asLong(),
            n.path("is_savepoint").asBoolean(),
            Instant.ofEpochMilli(n.path("restore_timestamp").asLong()),
            n.path("external_path").asText(null)));
  }

  private JsonNode get(String path) {
    return send("GET " + path, request(path, requestTimeout).GET().build());
  }

  private JsonNode post(String path, JsonNode body, Duration timeout) {
    try {
      return send(
          "POST " + path,
          request(path, timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(restUrl + path))
        .timeout(timeout)
        .header("Accept", "application/json");
  }

  private JsonNode send(String what, HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new FlinkRestException(
          "the Flink cluster at "
              + restUrl
              + " is not reachable ("
              + what
              + ": connection refused)",
          -1,
          List.of(),
          e);
    } catch (HttpTimeoutException e) {
      throw new FlinkRestException(
          "the Flink cluster at " + restUrl + " did not answer " + what + " in time",
          -1,
          List.of(),
          e);
    } catch (IOException e) {
      throw new FlinkRestException(
          "the Flink cluster at " + restUrl + " is not reachable (" + what + ": " + e + ")",
          -1,
          List.of(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlinkRestException("interrupted during " + what, -1, List.of(), e);
    }
    String text = response.body() == null ? "" : response.body();
    JsonNode body;
    try {
      body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      body = null;
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300 && body != null) {
      return body;
    }
    List<String> errors = new ArrayList<>();
    if (body != null && body.path("errors").isArray()) {
      body.path("errors").forEach(e -> errors.add(e.asText()));
    } else {
      errors.add(text.length() > 500 ? text.substring(0, 500) + "..." : text);
    }
    throw new FlinkRestException(
        "Flink " + what + " answered " + status + ": " + FlinkRestException.summarize(errors),
        status,
        errors,
        null);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlinkRestException("interrupted while waiting for Flink", -1, List.of(), e);
    }
  }

  // ---------------------------------------------------------------- answers

  /** The cluster overview. */
  public record ClusterOverview(
      int taskManagers,
      int slotsTotal,
      int slotsAvailable,
      int jobsRunning,
      int jobsFinished,
      int jobsCancelled,
      int jobsFailed,
      String flinkVersion) {}

  /** One registered TaskManager. */
  public record TaskManagerInfo(
      String id, int slots, int freeSlots, int dataPort, Instant lastHeartbeat) {}

  /** A jar uploaded to the cluster. */
  public record UploadedJar(String id, String name, Instant uploaded, List<String> entryClasses) {}

  /** One job as listed. */
  public record JobSummary(
      String id, String name, String state, Instant startTime, Duration duration) {
    /** FAILED, CANCELED or FINISHED: the job will not run again. */
    public boolean isTerminal() {
      return TERMINAL_STATES.contains(state);
    }
  }

  /** One vertex (a chain of operators) of a job. */
  public record Vertex(String id, String name, int parallelism, String status) {}

  /** A job with its vertices and checkpoint statistics. */
  public record JobDetails(JobSummary job, List<Vertex> vertices, CheckpointStats checkpoints) {
    public String id() {
      return job.id();
    }

    public String state() {
      return job.state();
    }
  }

  /** Checkpoint counts and the latest completed checkpoint, savepoint and restore of a job. */
  public record CheckpointStats(
      long completed,
      long failed,
      long inProgress,
      Optional<CompletedCheckpoint> latestCompleted,
      Optional<CompletedCheckpoint> latestSavepoint,
      Optional<RestoredCheckpoint> restored) {}

  /** A completed checkpoint or savepoint. */
  public record CompletedCheckpoint(
      long id, boolean savepoint, Instant triggered, Instant completed, String externalPath) {}

  /** The checkpoint or savepoint a job's state was restored from. */
  public record RestoredCheckpoint(
      long id, boolean savepoint, Instant restoredAt, String externalPath) {}
}
