package io.playstream.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer writing events in single-object encoding with the standard codec. */
public final class EventSerializer implements Serializer<SpecificRecord> {
  private final EventCodec codec;

  public EventSerializer() {
    this(EventCodec.standard());
  }

  public EventSerializer(EventCodec codec) {
    this.codec = codec;
  }

  @Override
  public byte[] serialize(String topic, SpecificRecord event) {
    return event == null ? null : codec.encode(event);
  }
}
