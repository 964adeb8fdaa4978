package io.playstream.services.common;

import io.micrometer.core.instrument.MeterRegistry;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * An in-memory emitter for tests of this and other modules: keeps acknowledged events in emit order
 * and can be switched to fail every send, as if Kafka were down.
 *
 * <p>Each event is encoded with the standard codec before it is accepted, so an event Kafka could
 * not serialize (a required field left null) fails the test instead of passing silently.
 */
public final class RecordingEmitter implements EventEmitter {
  private final List<SpecificRecord> events = new ArrayList<>();
  private final EventCounts counts = new EventCounts();
  private volatile boolean failing;

  @Override
  public CompletionStage<Void> emit(SpecificRecord event) {
    String type = EventType.of(event).simpleName();
    EventCodec.standard().encode(event);
    if (failing) {
      counts.recordFailed(type);
      return CompletableFuture.failedFuture(
          new IllegalStateException("simulated outage: " + type + " not delivered"));
    }
    synchronized (events) {
      events.add(event);
    }
    counts.recordEmitted(type);
    return CompletableFuture.completedFuture(null);
  }

  /** Makes every later send fail ({@code true}) or succeed again ({@code false}). */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  public boolean isFailing() {
    return failing;
  }

  /** Every acknowledged event, in emit order. */
  public List<SpecificRecord> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Acknowledged events of one type, in emit order. */
  public <T extends SpecificRecord> List<T> events(Class<T> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets the recorded events (counts stay). */
  public void clear() {
    synchronized (events) {
      events.clear();
    }
  }

  @Override
  public Map<String, Long> emitted() {
    return counts.emitted();
  }

  @Override
  public Map<String, Long> failed() {
    return counts.failed();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counts.bindTo(registry);
  }

  @Override
  public void close() {}
}
