package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.Topics;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

class RouteRegistryTest {
  private static final String PLAYBACK = Topics.FRONTING_PLAYBACK.name();

  private final RouteRegistry registry =
      new RouteRegistry(RouterConfig.of("t", RouterHarness.KEY).routeCompiler(), Clock.systemUTC());

  @Test
  void aRestartedInstanceLoadsTheRestoredStoreOnce() {
    Map<String, String> stored = new TreeMap<>();
    stored.put("a", RouteYaml.toYaml(Route.of("a", List.of(PLAYBACK), List.of())));
    stored.put(
        "b", RouteYaml.toYaml(Route.of("b", List.of(PLAYBACK), List.of()).withEnabled(false)));
    registry.loadOnce(new MapStore(stored));
    assertThat(registry.snapshot().routesFor(PLAYBACK))
        .extracting(CompiledRoute::name)
        .containsExactly("a");
    assertThat(registry.states()).hasSize(2);

    registry.loadOnce(new MapStore(Map.of())); // a second task's init changes nothing
    assertThat(registry.states()).hasSize(2);
  }

  @Test
  void aRouteIsCompiledOnlyWhenItsTextChanges() {
    String text = RouteYaml.toYaml(Route.of("a", List.of(PLAYBACK), List.of()));
    registry.put("a", text);
    CompiledRoute first = registry.snapshot().routesFor(PLAYBACK).get(0);
    long version = registry.snapshot().version();
    registry.put("a", text);
    assertThat(registry.snapshot().routesFor(PLAYBACK).get(0)).isSameAs(first);
    assertThat(registry.snapshot().version()).isEqualTo(version);
  }

  @Test
  void aKeyThatDiffersFromTheRouteNameIsRejected() {
    registry.put("other", RouteYaml.toYaml(Route.of("a", List.of(PLAYBACK), List.of())));
    assertThat(registry.snapshot().routesFor(PLAYBACK)).isEmpty();
    assertThat(registry.states().get(0).error()).contains("differs from the route's name");
  }

  /** A read-only store over a map. */
  private record MapStore(Map<String, String> map)
      implements ReadOnlyKeyValueStore<String, String> {
    @Override
    public String get(String key) {
      return map.get(key);
    }

    @Override
    public KeyValueIterator<String, String> range(String from, String to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<String, String> all() {
      Iterator<Map.Entry<String, String>> it = new TreeMap<>(map).entrySet().iterator();
      return new KeyValueIterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public KeyValue<String, String> next() {
          Map.Entry<String, String> e = it.next();
          return KeyValue.pair(e.getKey(), e.getValue());
        }

        @Override
        public void close() {}

        @Override
        public String peekNextKey() {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public long approximateNumEntries() {
      return map.size();
    }
  }
}
