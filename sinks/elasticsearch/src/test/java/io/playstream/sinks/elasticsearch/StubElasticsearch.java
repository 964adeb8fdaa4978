package io.playstream.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server answering {@code POST /_bulk} like Elasticsearch would, with item
 * statuses (or a whole-request status) chosen by the test: for the writer's retry and dead-letter
 * decisions without a real node.
 */
final class StubElasticsearch implements AutoCloseable {
  /** Decides the answer to one bulk request. */
  interface Behaviour {
    /**
     * @param request 1 for the first bulk request, 2 for the second...
     * @param seen how often each id was seen so far, this request included
     * @return a whole-request HTTP status (not 200), or 200 to answer item by item
     */
    default int requestStatus(int request) {
      return 200;
    }

    /** The status of one item; 201 writes it. */
    default int itemStatus(String id, int seen) {
      return 201;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Behaviour behaviour;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final List<String> order = Collections.synchronizedList(new ArrayList<>());

  StubElasticsearch(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int requests() {
    return requests.get();
  }

  /** How many times an id was sent. */
  int timesSeen(String id) {
    AtomicInteger n = seen.get(id);
    return n == null ? 0 : n.get();
  }

  /** Distinct ids that were answered with a 2xx at least once. */
  List<String> sentIds() {
    synchronized (order) {
      return new ArrayList<>(order);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (!ex.getRequestURI().getPath().equals("/_bulk")) {
        answer(ex, 404, "{\"error\":{\"type\":\"not_found\",\"reason\":\"stub\"},\"status\":404}");
        return;
      }
      int request = requests.incrementAndGet();
      int status = behaviour.requestStatus(request);
      if (status != 200) {
        answer(
            ex,
            status,
            "{\"error\":{\"type\":\"stub_exception\",\"reason\":\"stub says "
                + status
                + "\"},\"status\":"
                + status
                + "}");
        return;
      }
      StringBuilder items = new StringBuilder();
      boolean errors = false;
      String[] lines = body.split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        JsonNode action = JSON.readTree(lines[i]);
        String op = action.fieldNames().next();
        String id = action.get(op).get("_id").asText();
        String index = action.get(op).get("_index").asText();
        if (op.equals("index")) {
          i++; // the document line
        }
        int n = seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        int itemStatus = behaviour.itemStatus(id, n);
        if (items.length() > 0) {
          items.append(',');
        }
        items.append("{\"").append(op).append("\":{\"_index\":\"").append(index);
        items.append("\",\"_id\":\"").append(id).append("\",\"status\":").append(itemStatus);
        if (itemStatus >= 300) {
          errors = true;
          items
              .append(",\"error\":{\"type\":\"")
              .append(itemStatus == 429 ? "es_rejected_execution_exception" : errorType(itemStatus))
              .append("\",\"reason\":\"stub item ")
              .append(itemStatus)
              .append("\"}");
        } else {
          order.add(id);
          items.append(",\"result\":\"created\",\"_version\":1");
        }
        items.append("}}");
      }
      answer(ex, 200, "{\"took\":1,\"errors\":" + errors + ",\"items\":[" + items + "]}");
    }
  }

  private static String errorType(int status) {
    return status >= 500 ? "unavailable_shards_exception" : "document_parsing_exception";
  }

  private static void answer(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
