package io.playstream.router;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A record value on its way out of the router: the bytes to write and the topic to write them to (a
 * route destination or the dead-letter topic).
 *
 * @param topic destination topic
 * @param value value bytes (null for a dead-lettered tombstone)
 */
public record Routed(String topic, byte[] value) {

  /** Writes only the value bytes; the topic is read by the sink's topic name extractor. */
  static Serde<Routed> serde() {
    Serializer<Routed> ser = (topic, routed) -> routed == null ? null : routed.value();
    Deserializer<Routed> de =
        (topic, bytes) -> {
          throw new UnsupportedOperationException("Routed values are never read back");
        };
    return Serdes.serdeFrom(ser, de);
  }
}
