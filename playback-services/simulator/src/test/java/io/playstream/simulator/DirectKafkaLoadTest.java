package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.schemas.EventSerializer;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.simulator.kafka.EventFactory;
import io.playstream.simulator.kafka.KafkaEventSink;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DirectKafkaLoadTest {
  private static final long SEED = 7;

  /** Enough for every event type to appear. */
  private static final long EVENTS = 1_061;

  /** What one record on the wire is: topic, key bytes, value bytes, type headers. */
  private record Wire(String topic, String key, String value, List<String> typeHeaders) {
    static Wire of(String topic, byte[] key, byte[] value, Iterable<Header> headers) {
      List<String> types = new ArrayList<>();
      for (Header h : headers) {
        assertThat(h.key()).isEqualTo(KafkaEventEmitter.TYPE_HEADER);
        types.add(HexFormat.of().formatHex(h.value()));
      }
      return new Wire(topic, HexFormat.of().formatHex(key), HexFormat.of().formatHex(value), types);
    }
  }

  @Test
  void theLoadSendsExactlyWhatTheStraightforwardLoopWould() {
    MockProducer<byte[], byte[]> producer = bytesProducer();

    LoadResult result = DirectKafkaLoad.produce(producer, new LoadRecords(SEED), EVENTS);

    assertThat(result.records()).isEqualTo(EVENTS);
    List<Wire> sent = producer.history().stream().map(DirectKafkaLoadTest::wire).toList();
    List<Wire> expected = straightforward(SEED, EVENTS);
    assertThat(sent).containsExactlyElementsOf(expected);
    assertThat(sent.stream().map(Wire::topic).distinct()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(straightforward(SEED + 1, EVENTS)).isNotEqualTo(expected);
  }

  @Test
  void warmUpRecordsAreSentButNotCounted() {
    MockProducer<byte[], byte[]> producer = bytesProducer();
    long warmup = 612;

    LoadResult result = DirectKafkaLoad.produce(producer, new LoadRecords(SEED), warmup, EVENTS);

    assertThat(result.records()).isEqualTo(EVENTS);
    List<Wire> sent = producer.history().stream().map(DirectKafkaLoadTest::wire).toList();
    assertThat(sent).containsExactlyElementsOf(straightforward(SEED, warmup + EVENTS));
    long measuredBytes =
        producer.history().stream()
            .skip(warmup)
            .mapToLong(r -> r.key().length + r.value().length)
            .sum();
    assertThat(result.bytes()).isEqualTo(measuredBytes);
  }

  @Test
  void aFailedAcknowledgementFailsTheRun() {
    AtomicInteger sends = new AtomicInteger();
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (sends.incrementAndGet() == 3) {
              TimeoutException error = new TimeoutException("no broker");
              callback.onCompletion(null, error);
              return CompletableFuture.failedFuture(error);
            }
            return super.send(record, callback);
          }
        };

    assertThatThrownBy(() -> DirectKafkaLoad.produce(producer, new LoadRecords(SEED), 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 of 10 sends failed")
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void aGeneratorFailureFailsTheRunAfterTheRecordsBeforeIt() {
    LoadRecords records = new LoadRecords(SEED);
    int good = 517;
    AtomicInteger made = new AtomicInteger();
    Supplier<ProducerRecord<byte[], byte[]>> failing =
        () -> {
          if (made.incrementAndGet() > good) {
            throw new IllegalArgumentException("cannot encode");
          }
          return records.get();
        };
    MockProducer<byte[], byte[]> producer = bytesProducer();

    assertThatThrownBy(() -> DirectKafkaLoad.produce(producer, failing, EVENTS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("generating load records failed")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(producer.history())
        .extracting(DirectKafkaLoadTest::wire)
        .containsExactlyElementsOf(straightforward(SEED, good));
  }

  @Test
  void aThrowingSendEndsTheRun() {
    MockProducer<byte[], byte[]> producer = bytesProducer();
    producer.sendException = new TimeoutException("buffer full");
    AtomicInteger made = new AtomicInteger();
    LoadRecords records = new LoadRecords(SEED);

    assertThatThrownBy(
            () ->
                DirectKafkaLoad.produce(
                    producer,
                    () -> {
                      made.incrementAndGet();
                      return records.get();
                    },
                    1_000_000))
        .isSameAs(producer.sendException);
    assertThat(made.get()).isEqualTo(1); // nothing made ahead of a failed send
  }

  private static MockProducer<byte[], byte[]> bytesProducer() {
    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Wire wire(ProducerRecord<byte[], byte[]> r) {
    return Wire.of(r.topic(), r.key(), r.value(), r.headers());
  }

  /** The records of the plain loop: model, EventFactory, KafkaEventSink.record, serializers. */
  private static List<Wire> straightforward(long seed, long events) {
    SimulationModel model =
        new SimulationModel(
            DirectKafkaLoad.loadModel(seed), TitleCatalog.bundled(), CdnServer.defaultFleet());
    EventFactory factory = new EventFactory(seed, DirectKafkaLoad.EPOCH);
    StringSerializer keys = new StringSerializer();
    EventSerializer values = new EventSerializer();
    List<Wire> out = new ArrayList<>();
    while (out.size() < events) {
      SpecificRecord event = factory.toEvent(model.next(Long.MAX_VALUE));
      if (event == null) {
        continue;
      }
      ProducerRecord<String, SpecificRecord> r = KafkaEventSink.record(event);
      out.add(
          Wire.of(
              r.topic(),
              keys.serialize(r.topic(), r.key()),
              values.serialize(r.topic(), r.value()),
              r.headers()));
    }
    return out;
  }
}
