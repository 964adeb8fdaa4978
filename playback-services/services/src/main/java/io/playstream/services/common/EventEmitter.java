package io.playstream.services.common;

import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where services send their events. Sending is asynchronous: {@link #emit} never blocks the caller
 * on the broker, and the returned stage completes once the event is acknowledged (or fails when it
 * could not be delivered), so a caller that must not lose an event (the catalog outbox relay) can
 * wait for it while request handlers fire and forget.
 *
 * <p>Implementations count acknowledged and failed events by simple Avro type name; {@link #bindTo}
 * exposes the same counts as the Micrometer counters {@code playstream_events_emitted_total{type}}
 * and {@code playstream_events_failed_total{type}}.
 */
public interface EventEmitter extends MeterBinder, AutoCloseable {

  /**
   * Sends one Playstream event to its fronting topic, keyed as the topic catalog prescribes.
   *
   * @return completes normally when the event was acknowledged, exceptionally when it was not
   * @throws IllegalArgumentException when the record is not a Playstream event type
   */
  CompletionStage<Void> emit(SpecificRecord event);

  /** Acknowledged events so far, by simple type name. */
  Map<String, Long> emitted();

  /** Events whose send failed so far, by simple type name. */
  Map<String, Long> failed();

  /** Flushes what is pending (bounded) and releases the connection. */
  @Override
  void close();
}
