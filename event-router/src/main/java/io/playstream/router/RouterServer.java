package io.playstream.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The router's HTTP side (JDK HTTP server on 127.0.0.1): {@code GET /health} (200 while the Streams
 * instance is running or rebalancing, else 503), {@code GET /metrics} (Prometheus text) and {@code
 * GET /v1/routes/status} (JSON, see {@link RouterStatus}).
 */
final class RouterServer implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HttpServer server;
  private final ExecutorService executor;

  private RouterServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the server.
   *
   * @param port port, 0 for any free one
   * @param health current health: (healthy, state name)
   * @param metrics Prometheus scrape text
   * @param status the status document
   */
  static RouterServer start(
      int port,
      Supplier<Map.Entry<Boolean, String>> health,
      Supplier<String> metrics,
      Supplier<Map<String, Object>> status)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "router-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/health",
        ex -> {
          Map.Entry<Boolean, String> h = health.get();
          send(
              ex,
              h.getKey() ? 200 : 503,
              "application/json",
              JSON.writeValueAsString(
                  Map.of("status", h.getKey() ? "UP" : "DOWN", "state", h.getValue())));
        });
    server.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.createContext(
        "/v1/routes/status",
        ex -> send(ex, 200, "application/json", JSON.writeValueAsString(status.get())));
    server.createContext("/", ex -> send(ex, 404, "application/json", "{\"error\":\"not found\"}"));
    server.start();
    return new RouterServer(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod())) {
        code = 405;
        body = "{\"error\":\"method not allowed\"}";
        type = "application/json";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
