package io.playstream.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for single-object encoded events. It never swallows a bad record: it throws
 * the codec's {@link EventDecodingException}, which the consumer reports with topic, partition and
 * offset. Consumers that must survive poison input read raw bytes and call {@link
 * EventCodec#decode(byte[])} themselves.
 */
public final class EventDeserializer implements Deserializer<SpecificRecord> {
  private final EventCodec codec;

  public EventDeserializer() {
    this(EventCodec.standard());
  }

  public EventDeserializer(EventCodec codec) {
    this.codec = codec;
  }

  @Override
  public SpecificRecord deserialize(String topic, byte[] data) {
    return data == null ? null : codec.decode(data);
  }
}
