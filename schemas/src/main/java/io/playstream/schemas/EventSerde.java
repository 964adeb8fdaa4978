package io.playstream.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serde for events (Kafka Streams and plain clients). */
public final class EventSerde extends Serdes.WrapperSerde<SpecificRecord> {
  public EventSerde() {
    super(new EventSerializer(), new EventDeserializer());
  }

  /** Serde over a specific codec (tests). */
  public static Serde<SpecificRecord> of(EventCodec codec) {
    return Serdes.serdeFrom(new EventSerializer(codec), new EventDeserializer(codec));
  }
}
