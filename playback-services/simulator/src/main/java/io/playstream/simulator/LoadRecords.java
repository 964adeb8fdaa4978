package io.playstream.simulator;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.simulator.kafka.ActionEncoder;
import io.playstream.simulator.kafka.EventFactory;
import io.playstream.simulator.kafka.KafkaEventSink;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records of {@link DirectKafkaLoad}, already serialized: the simulated events of a seed in
 * model order, each as the record {@link KafkaEventSink#record} describes (topic, key, {@value
 * KafkaEventEmitter#TYPE_HEADER} header) with the key as UTF-8 bytes (what {@code StringSerializer}
 * writes) and the value in {@link EventCodec} single-object encoding (what {@code EventSerializer}
 * writes), the value written straight from the model's action by {@link ActionEncoder} rather than
 * through {@link EventFactory} and Avro's writer. Serializing here lets the load build records on a
 * thread of its own and hand the producer bytes. Events the services would not emit (a refused
 * play) are skipped, so the stream never ends. Not thread-safe.
 */
final class LoadRecords implements Supplier<ProducerRecord<byte[], byte[]>> {
  private final SimulationModel model;
  private final ActionEncoder encoder;

  /**
   * The headers of each event type, by ordinal, built once (each ProducerRecord copies them into a
   * list of its own).
   */
  private final RecordHeaders[] typeHeaders = new RecordHeaders[EventType.values().length];

  private final String[] topics = new String[EventType.values().length];

  LoadRecords(long seed) {
    this.model =
        new SimulationModel(
            DirectKafkaLoad.loadModel(seed), TitleCatalog.bundled(), CdnServer.defaultFleet());
    this.encoder = new ActionEncoder(seed, DirectKafkaLoad.EPOCH);
    for (EventType type : EventType.values()) {
      RecordHeaders headers =
          new RecordHeaders(
              new Header[] {
                new RecordHeader(
                    KafkaEventEmitter.TYPE_HEADER,
                    type.simpleName().getBytes(StandardCharsets.UTF_8))
              });
      headers.setReadOnly();
      typeHeaders[type.ordinal()] = headers;
      topics[type.ordinal()] = type.topic().name();
    }
  }

  /** The next event record, serialized. */
  @Override
  public ProducerRecord<byte[], byte[]> get() {
    Action action;
    byte[] value;
    do {
      action = model.next(Long.MAX_VALUE);
      value = encoder.encode(action);
    } while (value == null);
    int type = action.eventType().ordinal();
    return new ProducerRecord<>(
        topics[type], null, null, encoder.lastKey(), value, typeHeaders[type]);
  }
}
