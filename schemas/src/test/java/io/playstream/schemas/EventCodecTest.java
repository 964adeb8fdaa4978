package io.playstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.events.PlaybackHeartbeat;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {
  private final EventCodec codec = EventCodec.standard();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEventRoundTrips(EventType type) {
    SpecificRecord event = SampleEvents.of(type);
    byte[] bytes = codec.encode(event);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(EventCodec.fingerprint(bytes)).isEqualTo(SchemaCatalog.fingerprint(type.schema()));
    assertThat(codec.decode(bytes)).isEqualTo(event);
    assertThat(EventType.of(codec.decode(bytes))).isEqualTo(type);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void layoutIsAvrosOwnSingleObjectEncoding(EventType type) throws Exception {
    SpecificRecord event = SampleEvents.of(type);
    // Avro's reference decoder must read what we write, so any Avro client can read our topics.
    BinaryMessageDecoder<SpecificRecord> reference =
        new BinaryMessageDecoder<>(org.apache.avro.specific.SpecificData.get(), type.schema());
    assertThat(reference.decode(codec.encode(event))).isEqualTo(event);
  }

  @Test
  void olderWriterIsReadWithTheCurrentSchema() throws Exception {
    Schema v1 = SchemaCatalog.standard().released(EventType.PLAYBACK_HEARTBEAT).get(0).schema();
    assertThat(v1.getField("interval_ms")).as("v1 predates interval_ms").isNull();
    GenericRecord old = new GenericData.Record(v1);
    PlaybackHeartbeat sample = SampleEvents.heartbeat();
    for (Schema.Field f : v1.getFields()) {
      old.put(f.name(), sample.get(sample.getSchema().getField(f.name()).pos()));
    }
    byte[] bytes = singleObject(v1, old);

    PlaybackHeartbeat read = codec.decode(bytes, PlaybackHeartbeat.class);

    assertThat(read.getSessionId()).isEqualTo("s-1");
    assertThat(read.getBitrateKbps()).isEqualTo(4300);
    assertThat(read.getIntervalMs()).as("default of the added field").isZero();
  }

  @Test
  void tooShortPayloadIsUndecodable() {
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3, 0x01, 2}))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("shorter than the 10-byte");
  }

  @Test
  void missingMarkerIsUndecodable() {
    assertThatThrownBy(() -> codec.decode("{\"json\":\"not avro\"}".getBytes()))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("marker");
  }

  @Test
  void unknownFingerprintSaysWhich() {
    byte[] bytes = codec.encode(SampleEvents.rating());
    Arrays.fill(bytes, 2, 10, (byte) 0x5A);
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOfSatisfying(
            UnknownSchemaException.class,
            e -> {
              assertThat(e.fingerprint()).isEqualTo(0x5A5A5A5A5A5A5A5AL);
              assertThat(e.reason()).isEqualTo("unknown-schema");
            })
        .hasMessageContaining("5a5a5a5a5a5a5a5a");
  }

  @Test
  void corruptBodyIsUndecodable() {
    byte[] good = codec.encode(SampleEvents.steering());
    byte[] truncated = Arrays.copyOf(good, good.length - 7);
    assertThatThrownBy(() -> codec.decode(truncated))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("does not decode");
    byte[] longer = Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> codec.decode(longer))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void nullPayloadIsUndecodable() {
    assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(UndecodableEventException.class);
  }

  @Test
  void decodeWithWrongExpectedTypeFails() {
    byte[] bytes = codec.encode(SampleEvents.rating());
    assertThatThrownBy(() -> codec.decode(bytes, PlaybackHeartbeat.class))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageContaining("expected PlaybackHeartbeat");
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long fp = SchemaCatalog.fingerprint(schema);
    out.write(0xC3);
    out.write(0x01);
    for (int i = 0; i < 8; i++) {
      out.write((int) (fp >>> (8 * i)) & 0xff);
    }
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    new GenericDatumWriter<GenericRecord>(schema, model).write(record, enc);
    enc.flush();
    return out.toByteArray();
  }
}
