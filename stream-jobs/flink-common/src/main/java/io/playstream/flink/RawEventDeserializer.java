package io.playstream.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns every Kafka record into a {@link RawEvent}; never fails, so bad bytes reach the job (and
 * from there the dead-letter topic) instead of failing the source.
 */
public final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {
  /** The header the services put the event type's simple name in. */
  public static final String EVENT_TYPE_HEADER = "ps.event-type";

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
    out.collect(toRawEvent(record));
  }

  /** The raw event of a Kafka record. */
  public static RawEvent toRawEvent(ConsumerRecord<byte[], byte[]> record) {
    RawEvent e = new RawEvent();
    e.topic = record.topic();
    e.partition = record.partition();
    e.offset = record.offset();
    e.kafkaTimestamp = record.timestamp();
    e.key = record.key();
    e.value = record.value();
    Header[] headers = record.headers().toArray();
    e.headerKeys = new String[headers.length];
    e.headerValues = new byte[headers.length][];
    for (int i = 0; i < headers.length; i++) {
      e.headerKeys[i] = headers[i].key();
      e.headerValues[i] = headers[i].value();
    }
    e.eventType = e.header(EVENT_TYPE_HEADER);
    e.eventTime = EventTimes.peek(e.value).orElse(record.timestamp());
    return e;
  }

  static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public TypeInformation<RawEvent> getProducedType() {
    return TypeExtractor.getForClass(RawEvent.class);
  }
}
