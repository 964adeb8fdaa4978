package io.playstream.dashboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.playstream.dashboard.live.PointUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events to open pages ({@code GET /api/live}):
 *
 * <ul>
 *   <li>{@code summary} once on connect: every live series and table (what {@code /api/summary}
 *       answers), so a new page shows the last minutes at once;
 *   <li>{@code points} every push interval when series changed: the changed points {@code [{s, k,
 *       t, v}]}, coalesced (a window updated several times in one interval is sent once, in its
 *       latest state);
 *   <li>{@code tables} every push interval: the tables, router and jobs panels (the page redraws
 *       them; they are small).
 * </ul>
 *
 * <p>Each client is written by one thread at a time (writes to one client are serialized on it).
 */
public final class LiveFeed {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final ObjectMapper json;
  private final Supplier<Object> summary;
  private final Supplier<Object> tables;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Map<String, PointUpdate> pending = new ConcurrentHashMap<>();

  /**
   * @param summary what a new page gets first
   * @param tables what every push carries besides the points
   */
  public LiveFeed(ObjectMapper json, Supplier<Object> summary, Supplier<Object> tables) {
    this.json = json;
    this.summary = summary;
    this.tables = tables;
  }

  /** Queues a changed point for the next push. */
  public void accept(PointUpdate update) {
    pending.put(update.pointId(), update);
  }

  /** Open pages. */
  public int clients() {
    return clients.size();
  }

  /** Registers a page and sends it the summary. */
  public void connect(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    // registered before the summary is built: a point changing in between reaches it twice at
    // worst (points replace each other), never not at all
    clients.add(client);
    send(client, "summary", serialize(summary.get()));
  }

  /** Sends the pending points and the tables to every page; run every push interval. */
  public void push() {
    List<PointUpdate> points = drain();
    if (clients.isEmpty()) {
      return;
    }
    String pointsJson = points.isEmpty() ? null : serialize(points);
    String tablesJson = serialize(tables.get());
    for (SseClient c : clients) {
      if (pointsJson != null) {
        send(c, "points", pointsJson);
      }
      send(c, "tables", tablesJson);
    }
  }

  /** Ends every stream (on shutdown). */
  public void closeAll() {
    for (SseClient c : clients) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debug("closing an event stream failed: {}", e.toString());
      }
    }
    clients.clear();
  }

  /** Takes the queued points, oldest first. */
  List<PointUpdate> drain() {
    List<PointUpdate> out = new ArrayList<>();
    for (String id : new ArrayList<>(pending.keySet())) {
      PointUpdate u = pending.remove(id);
      if (u != null) {
        out.add(u);
      }
    }
    out.sort(Comparator.comparingLong(PointUpdate::t));
    return out;
  }

  private void send(SseClient client, String event, String data) {
    synchronized (client) {
      if (client.terminated()) {
        clients.remove(client);
        return;
      }
      try {
        client.sendEvent(event, data);
      } catch (RuntimeException e) {
        LOG.debug("event stream closed: {}", e.toString());
        clients.remove(client);
      }
    }
  }

  private String serialize(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }
}
