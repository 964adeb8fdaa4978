package io.playstream.router;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global processor of the routes topic: keeps the global store (route name to text) and the
 * instance's {@link RouteRegistry} up to date as routes are applied and deleted.
 */
final class RoutesStoreUpdater implements Processor<String, String, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(RoutesStoreUpdater.class);

  private final RouteRegistry registry;
  private KeyValueStore<String, String> store;

  RoutesStoreUpdater(RouteRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(RouterTopology.ROUTES_STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    String name = record.key();
    if (name == null) {
      LOG.warn("ignoring a routes-topic record without a key");
      return;
    }
    if (record.value() == null) {
      store.delete(name);
      registry.remove(name);
    } else {
      store.put(name, record.value());
      registry.put(name, record.value());
    }
  }
}
