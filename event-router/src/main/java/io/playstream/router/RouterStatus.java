package io.playstream.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /v1/routes/status} document: per route its definition summary, state ({@code active},
 * {@code disabled} or {@code invalid}) and counters, plus record and dead-letter totals. Counters
 * are this instance's since it started; sum them over instances for the cluster.
 */
public final class RouterStatus {
  private RouterStatus() {}

  /** The status as a JSON-ready map. */
  public static Map<String, Object> of(
      String instanceId, String state, RouteRegistry registry, RouterMetrics metrics) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("instance", instanceId);
    doc.put("state", state);
    List<Map<String, Object>> routes = new ArrayList<>();
    for (RouteRegistry.RouteState s : registry.states()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", s.name());
      CompiledRoute active = s.active();
      String status;
      if (s.error() != null) {
        status = "invalid";
      } else {
        status = active != null && active.route().enabled() ? "active" : "disabled";
      }
      r.put("status", status);
      if (active != null) {
        r.put("description", active.route().description());
        r.put("enabled", active.route().enabled());
        r.put("sources", active.route().sources());
        r.put(
            "event_types",
            active.eventTypes().stream().map(io.playstream.schemas.EventType::simpleName).toList());
        r.put("destination", active.destination());
        r.put("filter", active.route().filter());
        r.put("sample_rate", active.route().sampleRate());
      }
      r.put("error", s.error());
      r.put("updated", s.updated().toString());
      RouterMetrics.RouteCounters c = metrics.route(s.name());
      r.put("in", c.in());
      r.put("out", c.out());
      r.put("filtered", c.filtered());
      r.put("sampled_out", c.sampledOut());
      r.put("dead_lettered", c.deadLettered());
      r.put("lag_p50_ms", finite(c.lagMillis(0.5)));
      r.put("lag_p99_ms", finite(c.lagMillis(0.99)));
      r.put("lag_max_ms", finite(c.lagMaxMillis()));
      routes.add(r);
    }
    doc.put("routes", routes);
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("in", metrics.recordsIn());
    records.put("matched", metrics.recordsMatched());
    records.put("unmatched", metrics.recordsUnmatched());
    doc.put("records", records);
    doc.put("dead_letters", metrics.deadLettersByReason());
    return doc;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
