package io.playstream.simulator.kafka;

import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.simulator.ActionSink;
import io.playstream.simulator.ReportCounter;
import io.playstream.simulator.model.Action;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Produces the event of each action straight to Kafka as the services would: topic {@code
 * EventType.of(e).topic()}, key {@link Events#key}, header {@value KafkaEventEmitter#TYPE_HEADER} =
 * simple type name. The record timestamp is left to the producer (wall clock), so retention works
 * whatever the simulated event times are. A broker acknowledgement counts as an expected event; a
 * failed send counts as failed by exception.
 */
public final class KafkaEventSink implements ActionSink {
  private final Producer<String, SpecificRecord> producer;
  private final EventFactory factory;
  private final ReportCounter counter;
  private final AtomicInteger outstanding = new AtomicInteger();

  public KafkaEventSink(
      Producer<String, SpecificRecord> producer, EventFactory factory, ReportCounter counter) {
    this.producer = producer;
    this.factory = factory;
    this.counter = counter;
  }

  /** The record an event is produced as. */
  public static ProducerRecord<String, SpecificRecord> record(SpecificRecord event) {
    EventType type = EventType.of(event);
    RecordHeaders headers = new RecordHeaders();
    headers.add(KafkaEventEmitter.TYPE_HEADER, type.simpleName().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(type.topic().name(), null, null, Events.key(event), event, headers);
  }

  @Override
  public void submit(Action action) {
    SpecificRecord event = factory.toEvent(action);
    if (event == null) {
      counter.rejected(451); // what the playback service answers for an unlicensed title
      return;
    }
    EventType type = EventType.of(event);
    counter.sent();
    outstanding.incrementAndGet();
    try {
      producer.send(
          record(event),
          (metadata, error) -> {
            if (error == null) {
              counter.accepted(type);
            } else {
              counter.failed(error);
            }
            outstanding.decrementAndGet();
          });
    } catch (RuntimeException e) {
      counter.failed(e);
      outstanding.decrementAndGet();
    }
  }

  @Override
  public boolean drain(Duration timeout) throws InterruptedException {
    CompletableFuture<Void> flushed = CompletableFuture.runAsync(producer::flush);
    try {
      flushed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return outstanding.get() == 0;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public int outstanding() {
    return outstanding.get();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
