package io.playstream.services.common;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-type counts of acknowledged and failed events, kept in memory for {@code /v1/stats} and
 * published to every registry the emitter was bound to. Types appear lazily, as events are sent.
 */
public final class EventCounts implements MeterBinder {
  /** Micrometer name of the acknowledged counter; Prometheus shows it with a {@code _total}. */
  public static final String EMITTED_METRIC = "playstream.events.emitted";

  /** Micrometer name of the failed counter. */
  public static final String FAILED_METRIC = "playstream.events.failed";

  private final Map<String, LongAdder> emitted = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  public void recordEmitted(String type) {
    counter(emitted, EMITTED_METRIC, type).increment();
  }

  public void recordFailed(String type) {
    counter(failed, FAILED_METRIC, type).increment();
  }

  /** A sorted snapshot of acknowledged counts. */
  public Map<String, Long> emitted() {
    return snapshot(emitted);
  }

  /** A sorted snapshot of failed counts. */
  public Map<String, Long> failed() {
    return snapshot(failed);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    emitted.forEach((type, adder) -> register(registry, EMITTED_METRIC, type, adder));
    failed.forEach((type, adder) -> register(registry, FAILED_METRIC, type, adder));
  }

  private LongAdder counter(Map<String, LongAdder> counts, String metric, String type) {
    LongAdder adder = counts.get(type);
    if (adder == null) {
      adder = counts.computeIfAbsent(type, t -> new LongAdder());
      // registering is idempotent, so a race with bindTo only registers the same meter twice
      for (MeterRegistry registry : registries) {
        register(registry, metric, type, adder);
      }
    }
    return adder;
  }

  private static void register(MeterRegistry registry, String metric, String type, LongAdder a) {
    FunctionCounter.builder(metric, a, LongAdder::doubleValue)
        .tag("type", type)
        .description("Playstream events by type")
        .register(registry);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((type, adder) -> out.put(type, adder.sum()));
    return out;
  }
}
