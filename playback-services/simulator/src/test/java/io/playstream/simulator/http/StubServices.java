package io.playstream.simulator.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.playstream.services.common.TokenIssuer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The catalog, steering and playback APIs of {@code API.md} in one small stub: checks every
 * request's bearer token and body field names, and counts what the real services would emit.
 */
final class StubServices implements AutoCloseable {
  static final int TITLES = 60;
  static final int FALLBACK_EVERY = 7;
  static final String[] REGIONS = {"us-east", "us-west", "eu-west", "sa-east", "ap-south"};

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final JWTVerifier verifier;

  /** What was wrong with requests; empty when the simulator kept to the contract. */
  final List<String> violations = Collections.synchronizedList(new ArrayList<>());

  /** Events the real services would have emitted, by simple type name. */
  final Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();

  final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
  final AtomicInteger fallbacks = new AtomicInteger();
  private final AtomicInteger plays = new AtomicInteger();

  /** When non-zero, every play request is answered with this status. */
  volatile int failPlaysWith;

  /** service session id -> profile id, while open. */
  final Map<String, String> openSessions = new ConcurrentHashMap<>();

  StubServices(byte[] secret) throws IOException {
    verifier = JWT.require(Algorithm.HMAC256(secret)).withIssuer(TokenIssuer.ISSUER).build();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int emitted(String type) {
    AtomicInteger n = emitted.get(type);
    return n == null ? 0 : n.get();
  }

  static String titleId(int i) {
    return "title-" + i;
  }

  static boolean licensedOnlyInKorea(int i) {
    return i % 4 == 0;
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      DecodedJWT token = verify(ex);
      if (token == null) {
        answer(ex, 401, Map.of("error", "bad token"));
        return;
      }
      if (method.equals("GET") && path.equals("/v1/titles")) {
        titles(ex);
      } else if (method.equals("GET") && path.equals("/v1/cdn/servers")) {
        servers(ex);
      } else if (method.equals("POST")) {
        post(ex, path, token, JSON.readTree(ex.getRequestBody()));
      } else {
        violations.add("unexpected " + method + " " + path);
        answer(ex, 404, Map.of("error", "no such path"));
      }
    } catch (RuntimeException e) {
      violations.add("stub failed: " + e);
      answer(ex, 500, Map.of("error", e.toString()));
    }
  }

  private DecodedJWT verify(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      violations.add("no bearer token on " + ex.getRequestURI());
      return null;
    }
    try {
      DecodedJWT jwt = verifier.verify(auth.substring("Bearer ".length()));
      String scope = jwt.getClaim(TokenIssuer.CLAIM_SCOPE).asString();
      if (scope == null || !List.of(scope.split(" ")).contains(TokenIssuer.SCOPE_PLAY)) {
        violations.add("token without scope play on " + ex.getRequestURI());
        return null;
      }
      return jwt;
    } catch (JWTVerificationException e) {
      violations.add("invalid token on " + ex.getRequestURI() + ": " + e.getMessage());
      return null;
    }
  }

  private void titles(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI());
    int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
    int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
    List<Map<String, Object>> page = new ArrayList<>();
    for (int i = offset; i < Math.min(TITLES, offset + Math.min(limit, 25)); i++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("title_id", titleId(i));
      t.put("name", "Title " + i);
      t.put("genres", i % 3 == 0 ? List.of("Comedy") : List.of("Drama", "Thriller"));
      t.put("release_year", 1990 + i);
      t.put(
          "licensed_countries",
          licensedOnlyInKorea(i)
              ? List.of("KR")
              : List.of("US", "CA", "GB", "DE", "FR", "ES", "BR", "MX", "IN", "JP"));
      t.put("maturity_rating", "PG");
      t.put("duration_seconds", 1_200 + 60 * i);
      page.add(t);
    }
    answer(ex, 200, Map.of("titles", page, "total", TITLES));
  }

  private void servers(HttpExchange ex) throws IOException {
    List<Map<String, Object>> servers = new ArrayList<>();
    for (String region : REGIONS) {
      for (int n = 1; n <= 2; n++) {
        servers.add(
            Map.of(
                "server_id",
                "edge-" + region + "-" + n,
                "region",
                region,
                "load",
                0.0,
                "healthy",
                true,
                "capacity_mbps",
                10_000,
                "active_sessions",
                0));
      }
    }
    answer(ex, 200, Map.of("servers", servers));
  }

  private void post(HttpExchange ex, String path, DecodedJWT token, JsonNode body)
      throws IOException {
    List<String> profiles = token.getClaim(TokenIssuer.CLAIM_PROFILES).asList(String.class);
    switch (path) {
      case "/v1/play" -> {
        fields(
            path,
            body,
            Set.of("profile_id", "title_id", "device_type", "country", "region", "isp"),
            Set.of("client_ip"));
        String profile = body.path("profile_id").asText();
        owned(path, profiles, profile);
        if (failPlaysWith != 0) {
          answer(ex, failPlaysWith, Map.of("error", "steering and its fallback are down"));
          return;
        }
        int title = Integer.parseInt(body.path("title_id").asText().substring("title-".length()));
        if (licensedOnlyInKorea(title)) {
          refused.computeIfAbsent(451, k -> new AtomicInteger()).incrementAndGet();
          answer(ex, 451, Map.of("error", "not licensed", "field", "country"));
          return;
        }
        String sessionId = "svc-" + plays.incrementAndGet();
        boolean fallback = plays.get() % FALLBACK_EVERY == 0;
        if (fallback) {
          fallbacks.incrementAndGet();
        } else {
          count("SteeringDecision");
        }
        openSessions.put(sessionId, profile);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("session_id", sessionId);
        answer.put("title_id", body.path("title_id").asText());
        answer.put(
            "cdn_servers", List.of(Map.of("server_id", "edge-us-east-1", "rank", 1, "score", 0.9)));
        answer.put("chosen_server_id", "edge-us-east-1");
        answer.put("steering_fallback", fallback);
        answer.put("bitrate_ladder_kbps", List.of(235, 750, 1750, 3000, 5800));
        answer(ex, 200, answer);
      }
      case "/v1/impressions" -> {
        fields(
            path,
            body,
            Set.of("profile_id", "row_name", "title_ids", "country", "device_type"),
            Set.of());
        owned(path, profiles, body.path("profile_id").asText());
        if (!body.path("title_ids").isArray() || body.path("title_ids").isEmpty()) {
          violations.add(path + ": title_ids is not a non-empty array");
        }
        accept(ex, "Impression");
      }
      case "/v1/ratings" -> {
        fields(path, body, Set.of("profile_id", "title_id", "thumb", "country"), Set.of());
        owned(path, profiles, body.path("profile_id").asText());
        oneOf(path, body.path("thumb").asText(), "UP", "DOWN");
        accept(ex, "Rating");
      }
      case "/v1/cdn/health" -> {
        fields(
            path,
            body,
            Set.of("server_id", "region", "load", "healthy", "capacity_mbps", "active_sessions"),
            Set.of());
        if (!body.path("load").isNumber() || !body.path("healthy").isBoolean()) {
          violations.add(path + ": load must be a number and healthy a boolean");
        }
        accept(ex, "CdnServerHealth");
      }
      default -> session(ex, path, profiles, body);
    }
  }

  private void session(HttpExchange ex, String path, List<String> profiles, JsonNode body)
      throws IOException {
    String[] parts = path.split("/"); // "", v1, sessions, id, verb
    if (parts.length != 5 || !parts[2].equals("sessions")) {
      violations.add("unexpected POST " + path);
      answer(ex, 404, Map.of("error", "no such path"));
      return;
    }
    String id = parts[3];
    String profile = openSessions.get(id);
    if (profile == null) {
      violations.add(path + ": unknown or closed session");
      answer(ex, 404, Map.of("error", "unknown session"));
      return;
    }
    owned(path, profiles, profile);
    switch (parts[4]) {
      case "started" -> {
        fields(path, body, Set.of("startup_latency_ms", "initial_bitrate_kbps"), Set.of());
        accept(ex, "PlaybackStarted");
      }
      case "heartbeat" -> {
        fields(
            path,
            body,
            Set.of(
                "position_ms",
                "bitrate_kbps",
                "buffer_level_ms",
                "rebuffer_count",
                "rebuffer_duration_ms",
                "dropped_frames",
                "interval_ms"),
            Set.of("cdn_server_id"));
        accept(ex, "PlaybackHeartbeat");
      }
      case "error" -> {
        fields(path, body, Set.of("code", "fatal"), Set.of("message"));
        if (body.path("fatal").asBoolean()) {
          openSessions.remove(id);
        }
        accept(ex, "PlaybackError");
      }
      case "stop" -> {
        fields(path, body, Set.of("reason", "watched_seconds", "position_ms"), Set.of());
        oneOf(path, body.path("reason").asText(), "USER_STOPPED", "COMPLETED", "ERROR", "TIMEOUT");
        openSessions.remove(id);
        accept(ex, "PlaybackStopped");
      }
      default -> {
        violations.add("unexpected POST " + path);
        answer(ex, 404, Map.of("error", "no such path"));
      }
    }
  }

  private void fields(String path, JsonNode body, Set<String> required, Set<String> optional) {
    Set<String> names = new HashSet<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    for (String r : required) {
      if (!names.contains(r) || body.get(r).isNull()) {
        violations.add(path + ": missing " + r);
      }
    }
    for (String n : names) {
      if (!required.contains(n) && !optional.contains(n)) {
        violations.add(path + ": unknown field " + n);
      }
    }
  }

  private void owned(String path, List<String> profiles, String profile) {
    if (profiles == null || !profiles.contains(profile)) {
      violations.add(path + ": token does not own profile " + profile);
    }
  }

  private void oneOf(String path, String value, String... allowed) {
    if (!List.of(allowed).contains(value)) {
      violations.add(path + ": unexpected value " + value);
    }
  }

  private void count(String type) {
    emitted.computeIfAbsent(type, k -> new AtomicInteger()).incrementAndGet();
  }

  private void accept(HttpExchange ex, String type) throws IOException {
    count(type);
    ex.sendResponseHeaders(202, -1);
    ex.close();
  }

  private static void answer(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getQuery() != null) {
      for (String kv : uri.getQuery().split("&")) {
        String[] p = kv.split("=", 2);
        q.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
