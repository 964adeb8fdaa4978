package io.playstream.simulator;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.simulator.kafka.EventFactory;
import io.playstream.simulator.kafka.KafkaEventSink;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records of {@link DirectKafkaLoad}, already serialized: the simulated events of a seed in
 * model order, each as the record {@link KafkaEventSink#record} describes (topic, key, {@value
 * KafkaEventEmitter#TYPE_HEADER} header) with the key as UTF-8 bytes (what {@code StringSerializer}
 * writes) and the value in {@link EventCodec} single-object encoding (what {@code EventSerializer}
 * writes). Serializing here lets the load build records on a thread of its own and hand the
 * producer bytes. Events the services would not emit (a refused play) are skipped, so the stream
 * never ends. Not thread-safe.
 */
final class LoadRecords implements Supplier<ProducerRecord<byte[], byte[]>> {
  private final SimulationModel model;
  private final EventFactory factory;
  private final EventCodec codec = EventCodec.standard();

  /** The header value of each event type, by ordinal: built once, shared by every record. */
  private final byte[][] typeHeaders = new byte[EventType.values().length][];

  LoadRecords(long seed) {
    this.model =
        new SimulationModel(
            DirectKafkaLoad.loadModel(seed), TitleCatalog.bundled(), CdnServer.defaultFleet());
    this.factory = new EventFactory(seed, DirectKafkaLoad.EPOCH);
    for (EventType type : EventType.values()) {
      typeHeaders[type.ordinal()] = type.simpleName().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The next event record, serialized. */
  @Override
  public ProducerRecord<byte[], byte[]> get() {
    SpecificRecord event;
    do {
      event = factory.toEvent(model.next(Long.MAX_VALUE));
    } while (event == null);
    EventType type = EventType.of(event);
    Header header = new RecordHeader(KafkaEventEmitter.TYPE_HEADER, typeHeaders[type.ordinal()]);
    String key = type.keyOf(event);
    return new ProducerRecord<>(
        type.topic().name(),
        null,
        null,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        codec.encode(event),
        new RecordHeaders(new Header[] {header}));
  }
}
