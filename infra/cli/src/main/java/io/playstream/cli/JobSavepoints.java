package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest savepoint of each job, by name, in {@code <state>/data/flink/savepoints.json}: written
 * by {@code playstream jobs savepoint} and by {@code playstream down}; read by {@code jobs resubmit
 * NAME} (without {@code --from-savepoint}) and by {@code up}, which resumes a job from the
 * savepoint {@code down} took.
 */
final class JobSavepoints {
  /** Why a savepoint was taken. */
  enum Reason {
    /** {@code jobs savepoint}: the job kept running. */
    SAVEPOINT,
    /** {@code jobs savepoint --stop}: the job stopped. */
    STOP,
    /** {@code down} stopped the job; {@code up} resumes it from here. */
    DOWN,
    /** {@code up} resumed the job from a {@link #DOWN} savepoint. */
    RESUMED
  }

  /** One recorded savepoint. */
  record Recorded(String path, String jobId, Instant time, Reason reason) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  JobSavepoints(Path file) {
    this.file = file;
  }

  /** The latest savepoint recorded for a job name. */
  synchronized Optional<Recorded> latest(String name) {
    JsonNode n = read().path(name);
    if (!n.hasNonNull("path")) {
      return Optional.empty();
    }
    Reason reason;
    try {
      reason = Reason.valueOf(n.path("reason").asText("SAVEPOINT"));
    } catch (IllegalArgumentException e) {
      reason = Reason.SAVEPOINT;
    }
    return Optional.of(
        new Recorded(
            n.path("path").asText(),
            n.path("job-id").asText(""),
            Instant.parse(n.path("time").asText(Instant.EPOCH.toString())),
            reason));
  }

  /** Records a savepoint as the latest of a job name. */
  synchronized void record(String name, String path, String jobId, Reason reason) {
    ObjectNode root = read();
    ObjectNode n = root.putObject(name);
    n.put("path", path);
    n.put("job-id", jobId);
    n.put("time", Instant.now().toString());
    n.put("reason", reason.name());
    write(root);
  }

  /** Changes the reason of the latest savepoint of a job name (e.g. DOWN to RESUMED). */
  synchronized void mark(String name, Reason reason) {
    ObjectNode root = read();
    if (root.path(name).isObject()) {
      ((ObjectNode) root.path(name)).put("reason", reason.name());
      write(root);
    }
  }

  private ObjectNode read() {
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return n instanceof ObjectNode o ? o : JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void write(ObjectNode root) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
