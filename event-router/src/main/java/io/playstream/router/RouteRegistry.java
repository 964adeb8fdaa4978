package io.playstream.router;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes one router instance applies, compiled, as an immutable {@link Snapshot} that stream
 * threads read without locking. Updated by the global routes-topic processor; loaded once from the
 * restored global store when the first stream task starts. A route is compiled only when its text
 * changes. A route text that does not validate is not applied: the route keeps its previous
 * version, if any, and its state shows the error.
 */
public final class RouteRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

  /**
   * What this instance knows of one route.
   *
   * @param name route name
   * @param text the latest text seen on the routes topic
   * @param active the compiled version in use, or null
   * @param error why the latest text is not in use, or null
   * @param updated when the latest text was seen
   */
  public record RouteState(
      String name, String text, CompiledRoute active, String error, Instant updated) {}

  /** The applied routes, by source topic, in name order. */
  public record Snapshot(long version, Map<String, List<CompiledRoute>> byTopic) {
    private static final Snapshot EMPTY = new Snapshot(0, Map.of());

    public List<CompiledRoute> routesFor(String topic) {
      return byTopic.getOrDefault(topic, List.of());
    }
  }

  private final RouteCompiler compiler;
  private final Clock clock;
  private final Map<String, RouteState> states = new TreeMap<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private boolean loaded;

  public RouteRegistry(RouteCompiler compiler, Clock clock) {
    this.compiler = compiler;
    this.clock = clock;
  }

  /** The routes in use now. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** What this instance knows of every route, by name. */
  public synchronized List<RouteState> states() {
    return List.copyOf(states.values());
  }

  /** Adds or changes a route from its routes-topic text. */
  public synchronized void put(String name, String text) {
    RouteState prev = states.get(name);
    if (prev != null && text.equals(prev.text())) {
      return;
    }
    CompiledRoute previous = prev == null ? null : prev.active();
    try {
      CompiledRoute compiled = compiler.compile(name, text);
      states.put(name, new RouteState(name, text, compiled, null, clock.instant()));
      LOG.info(
          "route {} {} (destination {}, enabled {})",
          name,
          prev == null ? "added" : "changed",
          compiled.destination(),
          compiled.route().enabled());
    } catch (RuntimeException e) {
      states.put(name, new RouteState(name, text, previous, e.getMessage(), clock.instant()));
      LOG.error(
          "route {} not applied{}: {}",
          name,
          previous == null ? "" : " (previous version stays)",
          e.getMessage());
    }
    publish();
  }

  /** Removes a route (a tombstone on the routes topic). */
  public synchronized void remove(String name) {
    if (states.remove(name) != null) {
      LOG.info("route {} removed", name);
      publish();
    }
  }

  /** Loads every route of the (restored) global store, once per registry. */
  public synchronized void loadOnce(ReadOnlyKeyValueStore<String, String> store) {
    if (loaded) {
      return;
    }
    loaded = true;
    try (KeyValueIterator<String, String> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, String> kv = it.next();
        if (kv.key != null && kv.value != null) {
          put(kv.key, kv.value);
        }
      }
    }
  }

  private void publish() {
    Map<String, List<CompiledRoute>> byTopic = new HashMap<>();
    for (RouteState s : states.values()) {
      CompiledRoute r = s.active();
      if (r != null && r.route().enabled()) {
        for (String topic : r.route().sources()) {
          byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(r);
        }
      }
    }
    Map<String, List<CompiledRoute>> frozen = new HashMap<>();
    byTopic.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    snapshot = new Snapshot(snapshot.version() + 1, Map.copyOf(frozen));
  }
}
