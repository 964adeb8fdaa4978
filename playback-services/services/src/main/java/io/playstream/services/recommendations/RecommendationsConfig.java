package io.playstream.services.recommendations;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Configuration of {@code GET /recommendations/{profile_id}} (hosted by the catalog service), built
 * from the catalog's options.
 *
 * @param contactPoints Cassandra contact points; empty = no Cassandra configured (the endpoint
 *     serves its fallback only and says so)
 * @param localDatacenter datacenter the driver treats as local
 * @param keyspace keyspace of {@code recs_by_profile}
 * @param timeout time limit of one read (then the fallback answers)
 * @param breakerFailureRate failure percentage that opens the circuit
 * @param breakerWindow reads the failure rate is computed over
 * @param breakerMinimumCalls reads needed before the rate counts
 * @param breakerOpenWait how long the open circuit skips Cassandra before probing it again
 * @param trendingRefresh how often the cached trending lists are re-read while the circuit is
 *     closed
 * @param reconnectInterval wait between connection attempts while Cassandra cannot be reached at
 *     start
 */
public record RecommendationsConfig(
    List<InetSocketAddress> contactPoints,
    String localDatacenter,
    String keyspace,
    Duration timeout,
    int breakerFailureRate,
    int breakerWindow,
    int breakerMinimumCalls,
    Duration breakerOpenWait,
    Duration trendingRefresh,
    Duration reconnectInterval) {

  /** Default CQL port when a contact point names none. */
  public static final int DEFAULT_PORT = 9042;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

  public RecommendationsConfig {
    contactPoints = List.copyOf(contactPoints);
    if (!IDENTIFIER.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "keyspace must be a CQL identifier (letters, digits, '_'), got '" + keyspace + "'");
    }
    if (localDatacenter == null || localDatacenter.isBlank()) {
      throw new IllegalArgumentException("local datacenter must not be empty");
    }
    if (breakerFailureRate < 1 || breakerFailureRate > 100) {
      throw new IllegalArgumentException("breaker failure rate must be 1-100");
    }
    if (breakerWindow < 1 || breakerMinimumCalls < 1) {
      throw new IllegalArgumentException("breaker window and minimum calls must be >= 1");
    }
    for (Duration d : List.of(timeout, breakerOpenWait, trendingRefresh, reconnectInterval)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive, got " + d);
      }
    }
  }

  /** No Cassandra: every answer is the fallback. The other values are the defaults. */
  public static RecommendationsConfig disabled() {
    return new RecommendationsConfig(
        List.of(),
        "datacenter1",
        "playstream",
        Duration.ofMillis(300),
        50,
        20,
        5,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5));
  }

  /** Whether a Cassandra is configured. */
  public boolean configured() {
    return !contactPoints.isEmpty();
  }

  /** The same configuration reading the given contact points (empty = none). */
  public RecommendationsConfig withContactPoints(List<InetSocketAddress> points) {
    return new RecommendationsConfig(
        points,
        localDatacenter,
        keyspace,
        timeout,
        breakerFailureRate,
        breakerWindow,
        breakerMinimumCalls,
        breakerOpenWait,
        trendingRefresh,
        reconnectInterval);
  }

  /** The same configuration with another keyspace and local datacenter. */
  public RecommendationsConfig withKeyspace(String newKeyspace, String newLocalDatacenter) {
    return new RecommendationsConfig(
        contactPoints,
        newLocalDatacenter,
        newKeyspace,
        timeout,
        breakerFailureRate,
        breakerWindow,
        breakerMinimumCalls,
        breakerOpenWait,
        trendingRefresh,
        reconnectInterval);
  }

  /** The same configuration with other timings. */
  public RecommendationsConfig withTimings(
      Duration newTimeout,
      Duration newBreakerOpenWait,
      Duration newTrendingRefresh,
      Duration newReconnectInterval) {
    return new RecommendationsConfig(
        contactPoints,
        localDatacenter,
        keyspace,
        newTimeout,
        breakerFailureRate,
        breakerWindow,
        breakerMinimumCalls,
        newBreakerOpenWait,
        newTrendingRefresh,
        newReconnectInterval);
  }

  /** The same configuration with other breaker thresholds. */
  public RecommendationsConfig withBreaker(int failureRate, int window, int minimumCalls) {
    return new RecommendationsConfig(
        contactPoints,
        localDatacenter,
        keyspace,
        timeout,
        failureRate,
        window,
        minimumCalls,
        breakerOpenWait,
        trendingRefresh,
        reconnectInterval);
  }

  /**
   * Parses {@code host[:port],host[:port]} (the platform's {@code cassandra.contact-points}); blank
   * = none. Addresses stay unresolved until the driver connects.
   *
   * @throws IllegalArgumentException on a malformed entry
   */
  public static List<InetSocketAddress> parseContactPoints(String spec) {
    List<InetSocketAddress> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String raw : spec.split(",")) {
      String p = raw.trim();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.lastIndexOf(':');
      String host = colon < 0 ? p : p.substring(0, colon);
      int port = DEFAULT_PORT;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(p.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("contact point '" + p + "': port is not a number");
        }
      }
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("contact point '" + p + "' is not host:port");
      }
      out.add(InetSocketAddress.createUnresolved(host, port));
    }
    return out;
  }
}
