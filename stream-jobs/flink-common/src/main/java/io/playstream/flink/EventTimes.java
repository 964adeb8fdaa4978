package io.playstream.flink;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.SchemaCatalog;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Reads an event's {@code header.event_time} straight from its single-object encoded bytes, without
 * decoding the body, so sources can assign event-time timestamps cheaply.
 *
 * <p>It works for every writer schema whose first field is the {@code header} record starting with
 * {@code event_id} (string) and {@code event_time} (long): the layout is then a string (zig-zag
 * varint length + bytes) followed by a zig-zag varint long, right after the 10-byte single-object
 * header. The writer schema is looked up by fingerprint once and the answer cached.
 */
public final class EventTimes {
  private static final Map<Long, Boolean> PEEKABLE = new ConcurrentHashMap<>();
  private static final SchemaCatalog CATALOG = SchemaCatalog.standard();

  private EventTimes() {}

  /** The event time in epoch ms, or empty when the bytes are not a readable platform event. */
  public static OptionalLong peek(byte[] bytes) {
    if (bytes == null
        || bytes.length < EventCodec.HEADER_LENGTH + 2
        || bytes[0] != EventCodec.MARKER_0
        || bytes[1] != EventCodec.MARKER_1) {
      return OptionalLong.empty();
    }
    long fp = EventCodec.fingerprint(bytes);
    if (!PEEKABLE.computeIfAbsent(fp, EventTimes::hasHeaderFirst)) {
      return OptionalLong.empty();
    }
    int[] pos = {EventCodec.HEADER_LENGTH};
    long idLength = readVarLong(bytes, pos);
    if (idLength < 0 || pos[0] < 0 || pos[0] + idLength > bytes.length) {
      return OptionalLong.empty();
    }
    pos[0] += (int) idLength;
    long time = readVarLong(bytes, pos);
    return pos[0] < 0 ? OptionalLong.empty() : OptionalLong.of(time);
  }

  private static boolean hasHeaderFirst(long fingerprint) {
    return CATALOG.byFingerprint(fingerprint).map(e -> headerFirst(e.schema())).orElse(false);
  }

  static boolean headerFirst(Schema schema) {
    if (schema.getType() != Schema.Type.RECORD || schema.getFields().isEmpty()) {
      return false;
    }
    Schema.Field first = schema.getFields().get(0);
    Schema header = first.schema();
    if (!first.name().equals("header") || header.getType() != Schema.Type.RECORD) {
      return false;
    }
    var fields = header.getFields();
    return fields.size() >= 2
        && fields.get(0).name().equals("event_id")
        && fields.get(0).schema().getType() == Schema.Type.STRING
        && fields.get(1).name().equals("event_time")
        && fields.get(1).schema().getType() == Schema.Type.LONG;
  }

  /** Reads a zig-zag varint long; sets pos[0] to -1 when the bytes end early. */
  private static long readVarLong(byte[] b, int[] pos) {
    long raw = 0;
    int shift = 0;
    int p = pos[0];
    while (true) {
      if (p >= b.length || shift > 63) {
        pos[0] = -1;
        return 0;
      }
      int x = b[p++] & 0xff;
      raw |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    pos[0] = p;
    return (raw >>> 1) ^ -(raw & 1);
  }
}
