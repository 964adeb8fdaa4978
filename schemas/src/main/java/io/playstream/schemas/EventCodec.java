package io.playstream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of Playstream events: {@code C3 01}, the writer schema's 8-byte
 * little-endian CRC-64-AVRO fingerprint, then the Avro binary body.
 *
 * <p>Every record is self-describing: the decoder looks the fingerprint up in the {@link
 * SchemaCatalog} and resolves the writer schema into the current generated class, so records
 * written with any released version stay readable. The layout is the one Avro's own {@code
 * BinaryMessageEncoder} writes; this class exists to reuse encoders and readers per thread and per
 * fingerprint on the hot path, and to fail with typed exceptions.
 *
 * <p>Thread-safe.
 */
public final class EventCodec {
  /** The two marker bytes of Avro single-object encoding, version 1. */
  public static final byte MARKER_0 = (byte) 0xC3;

  public static final byte MARKER_1 = (byte) 0x01;

  /** Marker plus fingerprint. */
  public static final int HEADER_LENGTH = 10;

  private static final EventCodec STANDARD = new EventCodec(SchemaCatalog.standard());

  private final SchemaCatalog catalog;
  private final Map<Class<?>, Writer> writers = new ConcurrentHashMap<>();
  private final Map<Long, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();
  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

  public EventCodec(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /** The codec over {@link SchemaCatalog#standard()}. */
  public static EventCodec standard() {
    return STANDARD;
  }

  public SchemaCatalog catalog() {
    return catalog;
  }

  /** Encodes an event with its current schema. */
  public byte[] encode(SpecificRecord event) {
    Writer w = writers.computeIfAbsent(event.getClass(), c -> new Writer(event.getSchema()));
    Buffers b = buffers.get();
    b.out.reset();
    b.out.write(w.header, 0, HEADER_LENGTH);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(b.out, b.encoder);
    b.encoder = enc;
    try {
      w.writer.write(event, enc);
      enc.flush();
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          "cannot encode " + event.getSchema().getName() + ": " + e.getMessage(), e);
    }
    return b.out.toByteArray();
  }

  /**
   * Decodes an event, resolving its writer schema into the current class.
   *
   * @throws UndecodableEventException when the bytes are not a single-object encoded record
   * @throws UnknownSchemaException when the fingerprint is not in the catalog
   */
  public SpecificRecord decode(byte[] bytes) {
    if (bytes == null) {
      throw new UndecodableEventException("null payload (tombstone?) is not an event");
    }
    long fp = fingerprint(bytes);
    SpecificDatumReader<SpecificRecord> reader = readers.get(fp);
    if (reader == null) {
      reader = readerFor(fp);
    }
    Buffers b = buffers.get();
    BinaryDecoder dec =
        DecoderFactory.get()
            .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, b.decoder);
    b.decoder = dec;
    try {
      SpecificRecord record = reader.read(null, dec);
      if (!dec.isEnd()) {
        throw new UndecodableEventException(
            "trailing bytes after a "
                + record.getSchema().getName()
                + " record: the body does not match schema "
                + UnknownSchemaException.fingerprintHex(fp));
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof UndecodableEventException u) {
        throw u;
      }
      throw new UndecodableEventException(
          "body does not decode with schema "
              + UnknownSchemaException.fingerprintHex(fp)
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** Decodes and checks the event's type. */
  public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
    SpecificRecord r = decode(bytes);
    if (!type.isInstance(r)) {
      throw new UndecodableEventException(
          "expected " + type.getSimpleName() + " but the record is " + r.getSchema().getName());
    }
    return type.cast(r);
  }

  /**
   * Reads the writer fingerprint from the header without decoding the body.
   *
   * @throws UndecodableEventException when the header is missing or malformed
   */
  public static long fingerprint(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      throw new UndecodableEventException(
          "payload of " + bytes.length + " bytes is shorter than the 10-byte single-object header");
    }
    if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      throw new UndecodableEventException(
          String.format(
              "missing single-object marker: first bytes are %02x %02x, expected c3 01",
              bytes[0], bytes[1]));
    }
    long fp = 0;
    for (int i = 9; i >= 2; i--) {
      fp = (fp << 8) | (bytes[i] & 0xffL);
    }
    return fp;
  }

  private SpecificDatumReader<SpecificRecord> readerFor(long fp) {
    SchemaCatalog.Entry entry = catalog.lookup(fp);
    if (entry == null) {
      throw new UnknownSchemaException(fp);
    }
    return readers.computeIfAbsent(
        fp, k -> new SpecificDatumReader<>(entry.schema(), entry.type().schema()));
  }

  private static final class Writer {
    final SpecificDatumWriter<SpecificRecord> writer;
    final byte[] header = new byte[HEADER_LENGTH];

    Writer(Schema schema) {
      this.writer = new SpecificDatumWriter<>(schema);
      long fp = SchemaCatalog.fingerprint(schema);
      header[0] = MARKER_0;
      header[1] = MARKER_1;
      for (int i = 0; i < 8; i++) {
        header[2 + i] = (byte) (fp >>> (8 * i));
      }
    }
  }

  private static final class Buffers {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder;
    BinaryDecoder decoder;
  }
}
