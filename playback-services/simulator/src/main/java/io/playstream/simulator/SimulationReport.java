package io.playstream.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playstream.schemas.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a run caused. {@code expectedEvents}: per event type (simple Avro name) the events the
 * services must have emitted because of this run's accepted calls (http mode) or that the broker
 * acknowledged (kafka mode); {@code rejected}: refused calls by HTTP status (a kafka-mode play of
 * an unlicensed title counts as 451, as the service would answer); {@code failed}: calls that got a
 * 5xx (by status) or no answer (by exception), or sends the broker did not acknowledge.
 *
 * @param mode http or kafka
 * @param seed the run's seed
 * @param expectedEvents events by type
 * @param rejected refused calls by status
 * @param failed failed calls by status or exception
 * @param durationSeconds wall-clock run time
 * @param simulatedSeconds simulated time covered
 * @param actions actions the model produced and the run handled
 * @param skippedActions actions not sent because their session had failed before
 * @param requests calls sent (http) or records handed to the producer (kafka)
 * @param visits visits that arrived
 * @param droppedVisits visits that found every profile busy (raise {@code --profiles} to avoid)
 * @param sessions play sessions opened for licensed titles
 * @param steeringFallbacks http mode: plays answered with {@code steering_fallback: true}
 */
public record SimulationReport(
    @JsonProperty("mode") String mode,
    @JsonProperty("seed") long seed,
    @JsonProperty("expected_events") Map<String, Long> expectedEvents,
    @JsonProperty("rejected") Map<String, Long> rejected,
    @JsonProperty("failed") Map<String, Long> failed,
    @JsonProperty("duration_s") double durationSeconds,
    @JsonProperty("simulated_s") double simulatedSeconds,
    @JsonProperty("actions") long actions,
    @JsonProperty("skipped_actions") long skippedActions,
    @JsonProperty("requests") long requests,
    @JsonProperty("visits") long visits,
    @JsonProperty("dropped_visits") long droppedVisits,
    @JsonProperty("sessions") long sessions,
    @JsonProperty("steering_fallbacks") long steeringFallbacks) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public SimulationReport {
    expectedEvents = orderedCopy(expectedEvents);
    rejected = orderedCopy(rejected);
    failed = orderedCopy(failed);
  }

  private static Map<String, Long> orderedCopy(Map<String, Long> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** Expected events of one type (0 when none). */
  public long expected(EventType type) {
    return expectedEvents.getOrDefault(type.simpleName(), 0L);
  }

  public long totalExpected() {
    return expectedEvents.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalRejected() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalFailed() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The report as a plain-text table. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Simulation report (mode %s, seed %d): %.1f s wall, %.0f s simulated, %d visits (%d"
                + " dropped, all profiles busy), %d sessions%n",
            mode,
            seed,
            durationSeconds,
            simulatedSeconds,
            visits,
            droppedVisits,
            sessions));
    sb.append(String.format(Locale.ROOT, "%-20s %12s%n", "event type", "expected"));
    expectedEvents.forEach(
        (type, n) -> sb.append(String.format(Locale.ROOT, "%-20s %12d%n", type, n)));
    sb.append(String.format(Locale.ROOT, "%-20s %12d%n", "total", totalExpected()));
    sb.append(
        String.format(Locale.ROOT, "%-20s %12s%n", "rejected", rejected.isEmpty() ? "0" : ""));
    rejected.forEach((k, n) -> sb.append(String.format(Locale.ROOT, "  %-18s %12d%n", k, n)));
    sb.append(String.format(Locale.ROOT, "%-20s %12s%n", "failed", failed.isEmpty() ? "0" : ""));
    failed.forEach((k, n) -> sb.append(String.format(Locale.ROOT, "  %-18s %12d%n", k, n)));
    sb.append(
        String.format(
            Locale.ROOT,
            "requests %d, actions %d, skipped %d, steering fallbacks %d%n",
            requests,
            actions,
            skippedActions,
            steeringFallbacks));
    return sb.toString();
  }

  /** The report as JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a report written by {@link #toJson()}. */
  public static SimulationReport fromJson(String json) throws IOException {
    return JSON.readValue(json, SimulationReport.class);
  }

  public void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson() + System.lineSeparator());
  }
}
