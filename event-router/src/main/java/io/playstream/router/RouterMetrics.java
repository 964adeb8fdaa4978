package io.playstream.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The router's meters (Micrometer; on {@code /metrics} in Prometheus format):
 *
 * <ul>
 *   <li>{@code playstream.router.records.in{topic}}: records read from each fronting topic;
 *   <li>{@code playstream.router.records.matched{topic}}: decoded records at least one enabled
 *       route took (sampled out, filtered and dead-lettered included);
 *   <li>{@code playstream.router.records.unmatched{topic}}: decoded records no enabled route took;
 *       records in = matched + unmatched + record-level dead letters;
 *   <li>{@code playstream.router.route.events{route,outcome}}: per route, outcome {@code in}
 *       (matched source and type), {@code out}, {@code filtered}, {@code sampled_out}, {@code
 *       dead_lettered}; in = out + filtered + sampled_out + dead_lettered;
 *   <li>{@code playstream.router.dead.letters{reason,route}}: dead letters by reason ({@code route}
 *       is {@code -} for record-level reasons such as undecodable);
 *   <li>{@code playstream.router.route.lag{route}}: end-to-end lag, router wall clock minus the
 *       event's header time, of each routed event (timer with p50, p99 and max).
 * </ul>
 *
 * Thread-safe.
 */
public final class RouterMetrics {
  public static final String NO_ROUTE = "-";

  /** Counters of one route, also read for the status view. */
  public static final class RouteCounters {
    final Counter in;
    final Counter out;
    final Counter filtered;
    final Counter sampledOut;
    final Counter deadLettered;
    final Timer lag;

    RouteCounters(MeterRegistry registry, String route) {
      in = outcome(registry, route, "in");
      out = outcome(registry, route, "out");
      filtered = outcome(registry, route, "filtered");
      sampledOut = outcome(registry, route, "sampled_out");
      deadLettered = outcome(registry, route, "dead_lettered");
      lag =
          Timer.builder("playstream.router.route.lag")
              .description("Router wall clock minus event time of routed events")
              .tag("route", route)
              .publishPercentiles(0.5, 0.99)
              .distributionStatisticExpiry(Duration.ofMinutes(1))
              .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String route, String outcome) {
      return Counter.builder("playstream.router.route.events")
          .description("Events per route and outcome")
          .tag("route", route)
          .tag("outcome", outcome)
          .register(registry);
    }

    public long in() {
      return (long) in.count();
    }

    public long out() {
      return (long) out.count();
    }

    public long filtered() {
      return (long) filtered.count();
    }

    public long sampledOut() {
      return (long) sampledOut.count();
    }

    public long deadLettered() {
      return (long) deadLettered.count();
    }

    /** Lag percentile in milliseconds (0.5 or 0.99), NaN when nothing was routed lately. */
    public double lagMillis(double percentile) {
      for (var v : lag.takeSnapshot().percentileValues()) {
        if (v.percentile() == percentile) {
          return v.value(TimeUnit.MILLISECONDS);
        }
      }
      return Double.NaN;
    }

    public double lagMaxMillis() {
      return lag.max(TimeUnit.MILLISECONDS);
    }
  }

  private final MeterRegistry registry;
  private final Map<String, RouteCounters> routes = new ConcurrentHashMap<>();
  private final Map<String, Counter> in = new ConcurrentHashMap<>();
  private final Map<String, Counter> unmatched = new ConcurrentHashMap<>();
  private final Map<String, Counter> matched = new ConcurrentHashMap<>();
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

  public RouterMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics on a private in-memory registry (tests, tools). */
  public static RouterMetrics inMemory() {
    return new RouterMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  void recordIn(String topic) {
    in.computeIfAbsent(
            topic,
            t ->
                Counter.builder("playstream.router.records.in")
                    .description("Records read from a fronting topic")
                    .tag("topic", t)
                    .register(registry))
        .increment();
  }

  void matched(String topic) {
    matched
        .computeIfAbsent(
            topic,
            t ->
                Counter.builder("playstream.router.records.matched")
                    .description("Decoded records that at least one enabled route took")
                    .tag("topic", t)
                    .register(registry))
        .increment();
  }

  void unmatched(String topic) {
    unmatched
        .computeIfAbsent(
            topic,
            t ->
                Counter.builder("playstream.router.records.unmatched")
                    .description("Decoded records that no enabled route took")
                    .tag("topic", t)
                    .register(registry))
        .increment();
  }

  /** The counters of a route (created on first use). */
  public RouteCounters route(String name) {
    return routes.computeIfAbsent(name, n -> new RouteCounters(registry, n));
  }

  /** Counts a dead letter; a route-specific one also counts as that route's dead_lettered. */
  public void deadLetter(String reason, String route) {
    String r = route == null ? NO_ROUTE : route;
    deadLetters
        .computeIfAbsent(
            reason + '\u0000' + r,
            k ->
                Counter.builder("playstream.router.dead.letters")
                    .description("Records sent to the dead-letter topic")
                    .tag("reason", reason)
                    .tag("route", r)
                    .register(registry))
        .increment();
    if (route != null) {
      route(route).deadLettered.increment();
    }
  }

  /** Records read per topic. */
  public Map<String, Long> recordsIn() {
    return snapshot(in);
  }

  /** Matched records per topic. */
  public Map<String, Long> recordsMatched() {
    return snapshot(matched);
  }

  /** Unmatched records per topic. */
  public Map<String, Long> recordsUnmatched() {
    return snapshot(unmatched);
  }

  /** Dead letters per reason (all routes). */
  public Map<String, Long> deadLettersByReason() {
    Map<String, Long> out = new TreeMap<>();
    deadLetters.forEach(
        (k, c) -> out.merge(k.substring(0, k.indexOf('\u0000')), (long) c.count(), Long::sum));
    return out;
  }

  /** Dead letters not tied to one route (undecodable, unknown schema, too large input, ...). */
  public long recordLevelDeadLetters() {
    return deadLetters.entrySet().stream()
        .filter(e -> e.getKey().endsWith('\u0000' + NO_ROUTE))
        .mapToLong(e -> (long) e.getValue().count())
        .sum();
  }

  /** Total dead letters. */
  public long deadLettersTotal() {
    return deadLettersByReason().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Names of routes with counters. */
  public Map<String, RouteCounters> routes() {
    return new TreeMap<>(routes);
  }

  private static Map<String, Long> snapshot(Map<String, Counter> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, c) -> out.put(k, (long) c.count()));
    return out;
  }
}
