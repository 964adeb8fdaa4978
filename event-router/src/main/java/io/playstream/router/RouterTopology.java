package io.playstream.router;

import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The router's Kafka Streams topology, a pure builder (no runtime configuration, no clients):
 *
 * <pre>
 *   fronting topics (raw bytes) ──▶ router ──▶ route destinations / playstream.dlq
 *                                     ▲
 *   playstream.routes (compacted) ──▶ global store "playstream-routes" ──▶ RouteRegistry
 * </pre>
 *
 * The routes topic is read by every instance in full (a global store), so a route applied or
 * deleted reaches all instances within the global consumer's poll, and a restarted instance
 * restores the current routes before it processes any record. Destinations are chosen per record,
 * so routes added at runtime need no new topology.
 */
public final class RouterTopology {
  /** Name of the global store holding route texts by name. */
  public static final String ROUTES_STORE = "playstream-routes";

  private RouterTopology() {}

  /** The topology with a fresh route registry. */
  public static Topology build(RouterConfig config, RouterMetrics metrics) {
    return build(config, metrics, new RouteRegistry(config.routeCompiler(), config.clock()));
  }

  /**
   * The topology, applying the routes of the given registry (shared by all stream threads of one
   * instance; pass it to read route states, e.g. for a status endpoint).
   */
  public static Topology build(RouterConfig config, RouterMetrics metrics, RouteRegistry registry) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ROUTES_STORE), Serdes.String(), Serdes.String())
            .withLoggingDisabled(),
        Topics.ROUTES.name(),
        Consumed.with(Serdes.String(), Serdes.String()).withName("routes-source"),
        () -> new RoutesStoreUpdater(registry));
    List<String> sources = Topics.fronting().stream().map(TopicSpec::name).toList();
    KStream<byte[], byte[]> in =
        builder.stream(
            sources,
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("fronting-source"));
    in.process(() -> new RouterProcessor(config, metrics, registry), Named.as("router"))
        .to(
            (key, value, context) -> value.topic(),
            Produced.with(Serdes.ByteArray(), Routed.serde()).withName("routed-sink"));
    return builder.build();
  }
}
