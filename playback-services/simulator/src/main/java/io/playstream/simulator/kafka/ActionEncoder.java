package io.playstream.simulator.kafka;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.SchemaCatalog;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Writes the event of an action straight into its {@link EventCodec} bytes: exactly {@code
 * codec.encode(new EventFactory(seed, epoch).toEvent(action))}, event ids included, without
 * building the Avro record or going through Avro's reflective writer, which together cost several
 * times more than sending the record. The load generator ({@code DirectKafkaLoad}) uses it; the
 * paced kafka mode keeps {@link EventFactory}.
 *
 * <p>The field order each writer assumes is checked against the current schemas when the encoder is
 * built ({@link #SHAPES}); a type whose schema no longer matches is written through {@link
 * EventFactory} and {@link EventCodec} instead, so a schema change can make the load slower but
 * never wrong. {@code ActionEncoderTest} compares both paths byte for byte on every event type.
 *
 * <p>Not thread-safe: one instance per generator thread.
 */
public final class ActionEncoder {
  /**
   * The schema shape each writer below assumes: field name and Avro type, in order, nested records
   * and arrays spelled out (see {@link #shape}).
   */
  static final Map<EventType, String> SHAPES = shapes();

  private static final String HEADER_SHAPE =
      "header:{event_id:string,event_time:long/timestamp-millis,service:string,"
          + "instance:string,trace_id:[null,string]}";

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Size of the cache of encoded session strings (a power of two). */
  private static final int SESSION_SLOTS = 4096;

  private final long epochMillis;

  /** The end of the event header of each service: service, instance, trace id null. */
  private final byte[] playbackTail;

  private final byte[] steeringTail;

  /*
   * Encoded strings of recent sessions, by identity of their Action.Playback (a session's actions
   * share one): a direct-mapped cache in parallel arrays, a miss just encodes again. Per slot: the
   * owner, the UTF-8 session id (the record key), session_id + profile_id + title_id +
   * cdn_server_id as Avro strings in one array, and where the server id starts in it (-1 without a
   * server). Encoding a heartbeat's strings from the Strings cost more than the rest of the event.
   */
  private final Action.Playback[] owners = new Action.Playback[SESSION_SLOTS];
  private final byte[][] keys = new byte[SESSION_SLOTS][];
  private final byte[][] blocks = new byte[SESSION_SLOTS][];
  private final int[] serverStarts = new int[SESSION_SLOTS];

  private byte[] lastKey;
  private final SeededRandom ids;
  private final EventFactory fallback;
  private final EventCodec codec = EventCodec.standard();
  private final byte[][] headers = new byte[EventType.values().length][];
  private final boolean[] direct = new boolean[EventType.values().length];
  private byte[] buf = new byte[512];
  private int pos;

  /**
   * @param seed the run's seed (event ids come from its {@code event-ids} stream, as in {@link
   *     EventFactory})
   * @param epoch the event time of simulated time 0
   */
  public ActionEncoder(long seed, Instant epoch) {
    this(seed, epoch, SHAPES);
  }

  /** With the shapes the writers assume (tests pass others to force the fallback). */
  ActionEncoder(long seed, Instant epoch, Map<EventType, String> shapes) {
    this.epochMillis = epoch.toEpochMilli();
    String instance = "simulator-" + seed;
    this.playbackTail = headerTail(EventFactory.PLAYBACK, instance);
    this.steeringTail = headerTail(EventFactory.STEERING, instance);
    this.ids = SeededRandom.of(seed, "event-ids");
    // shares the id stream: a type written through the fallback draws its id from the same place
    this.fallback = new EventFactory(epoch, instance, ids);
    for (EventType type : EventType.values()) {
      Schema schema = type.schema();
      long fp = SchemaCatalog.fingerprint(schema);
      byte[] h = new byte[EventCodec.HEADER_LENGTH];
      h[0] = EventCodec.MARKER_0;
      h[1] = EventCodec.MARKER_1;
      for (int i = 0; i < 8; i++) {
        h[2 + i] = (byte) (fp >>> (8 * i));
      }
      headers[type.ordinal()] = h;
      direct[type.ordinal()] = shape(schema).equals(shapes.get(type));
    }
  }

  /** True when events of this type are written directly (their schema has the expected shape). */
  public boolean writesDirectly(EventType type) {
    return direct[type.ordinal()];
  }

  /**
   * The encoded event of an action, or null when the services would emit none (a play of an
   * unlicensed title); draws one event id exactly when {@link EventFactory#toEvent} would.
   */
  public byte[] encode(Action action) {
    if (action instanceof Action.RequestPlay a && !a.licensed()) {
      return null;
    }
    EventType type = action.eventType();
    if (!direct[type.ordinal()]) {
      lastKey = utf8(keyOf(action));
      return codec.encode(fallback.toEvent(action));
    }
    pos = 0;
    write(headers[type.ordinal()]);
    if (action instanceof Action.SendHeartbeat a) {
      Action.Playback p = a.playback();
      int slot = session(p);
      header(playbackTail, a.atMs());
      ids(slot);
      server(slot);
      varLong(a.positionMs());
      varLong(a.bitrateKbps());
      varLong(a.bufferLevelMs());
      varLong(a.rebufferCount());
      varLong(a.rebufferDurationMs());
      varLong(a.droppedFrames());
      varLong(a.intervalMs());
    } else if (action instanceof Action.ReportCdnHealth a) {
      lastKey = utf8(a.serverId());
      header(steeringTail, a.atMs());
      string(a.serverId());
      string(a.region());
      doubleBits(a.load());
      bool(a.healthy());
      varLong(a.capacityMbps());
      varLong(a.activeSessions());
    } else if (action instanceof Action.ShowRow a) {
      lastKey = utf8(a.profileId());
      header(playbackTail, a.atMs());
      string(a.profileId());
      string(a.rowName());
      List<String> titles = a.titleIds();
      if (!titles.isEmpty()) {
        varLong(titles.size());
        for (String t : titles) {
          string(t);
        }
      }
      varLong(0);
      string(a.country());
      string(a.deviceType());
    } else if (action instanceof Action.RequestPlay a) {
      Action.Playback p = a.playback();
      int slot = session(p);
      header(steeringTail, a.atMs());
      ids(slot);
      string(p.country());
      string(p.region());
      string(p.isp());
      nullableString(p.clientIp());
      List<Action.Candidate> candidates = a.candidates();
      if (!candidates.isEmpty()) {
        varLong(candidates.size());
        for (Action.Candidate c : candidates) {
          string(c.serverId());
          varLong(c.rank());
          doubleBits(c.score());
        }
      }
      varLong(0);
      string(p.serverId());
      bool(a.fallbackUsed());
    } else if (action instanceof Action.ReportStarted a) {
      Action.Playback p = a.playback();
      int slot = session(p);
      header(playbackTail, a.atMs());
      ids(slot);
      string(p.deviceType());
      string(p.country());
      string(p.region());
      string(p.isp());
      nullableString(p.clientIp());
      server(slot);
      varLong(a.startupLatencyMs());
      varLong(a.initialBitrateKbps());
    } else if (action instanceof Action.StopPlayback a) {
      Action.Playback p = a.playback();
      int slot = session(p);
      header(playbackTail, a.atMs());
      ids(slot);
      varLong(a.reason().ordinal());
      varLong(a.watchedSeconds());
      varLong(a.positionMs());
    } else if (action instanceof Action.ReportError a) {
      Action.Playback p = a.playback();
      int slot = session(p);
      header(playbackTail, a.atMs());
      ids(slot);
      nullableString(p.serverId());
      string(a.code());
      bool(a.fatal());
      nullableString(a.message());
      nullableString(p.country());
      nullableString(p.deviceType());
    } else {
      Action.RateTitle a = (Action.RateTitle) action;
      lastKey = utf8(a.profileId());
      header(playbackTail, a.atMs());
      string(a.profileId());
      string(a.titleId());
      varLong(a.thumb().ordinal());
      string(a.country());
    }
    return Arrays.copyOf(buf, pos);
  }

  /**
   * The UTF-8 record key of the event last returned by {@link #encode} (what {@code
   * StringSerializer} makes of {@link EventType#keyOf}); records of one session share the array, so
   * it must not be modified.
   */
  public byte[] lastKey() {
    return lastKey;
  }

  /** The record key of an action's event (what {@link EventType#keyOf} returns for it). */
  public static String keyOf(Action action) {
    if (action instanceof Action.ShowRow a) {
      return a.profileId();
    }
    if (action instanceof Action.RateTitle a) {
      return a.profileId();
    }
    if (action instanceof Action.ReportCdnHealth a) {
      return a.serverId();
    }
    return playbackOf(action).sessionId();
  }

  private static Action.Playback playbackOf(Action action) {
    if (action instanceof Action.SendHeartbeat a) {
      return a.playback();
    }
    if (action instanceof Action.RequestPlay a) {
      return a.playback();
    }
    if (action instanceof Action.ReportStarted a) {
      return a.playback();
    }
    if (action instanceof Action.StopPlayback a) {
      return a.playback();
    }
    return ((Action.ReportError) action).playback();
  }

  /**
   * EventHeader: id from the seeded stream, time, then {@code tail}: service, instance and no trace
   * id.
   */
  private void header(byte[] tail, long atMs) {
    long msb = ids.nextLong();
    long lsb = ids.nextLong();
    // the bits SeededRandom.uuid() sets: version 4, IETF variant
    msb = (msb & ~0xF000L) | 0x4000L;
    lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    varLong(36);
    ensure(36);
    hex(msb >>> 32, 4);
    buf[pos++] = '-';
    hex(msb >>> 16, 2);
    buf[pos++] = '-';
    hex(msb, 2);
    buf[pos++] = '-';
    hex(lsb >>> 48, 2);
    buf[pos++] = '-';
    hex(lsb, 6);
    varLong(epochMillis + atMs);
    write(tail);
  }

  /** The low {@code bytes} bytes of {@code v} as lowercase hex, as UUID.toString writes them. */
  private void hex(long v, int bytes) {
    for (int i = 2 * (bytes - 1); i >= 0; i -= 2) {
      int b = (int) (v & 0xFF);
      buf[pos + i] = HEX[b >>> 4];
      buf[pos + i + 1] = HEX[b & 0xF];
      v >>>= 8;
    }
    pos += 2 * bytes;
  }

  private void nullableString(String s) {
    if (s == null) {
      varLong(0);
    } else {
      varLong(1);
      string(s);
    }
  }

  /** Avro string: zig-zag length, UTF-8 bytes; ASCII copied char by char without a temporary. */
  private void string(String s) {
    int n = s.length();
    ensure(n + 5);
    int start = pos;
    varLong(n);
    int body = pos;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        pos = start;
        byte[] bytes = utf8(s);
        varLong(bytes.length);
        write(bytes);
        return;
      }
      buf[body + i] = (byte) c;
    }
    pos = body + n;
  }

  /** Avro int or long: zig-zag varint. */
  private void varLong(long v) {
    ensure(10);
    byte[] b = buf;
    int p = pos;
    long z = (v << 1) ^ (v >> 63);
    while ((z & ~0x7FL) != 0) {
      b[p++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    b[p++] = (byte) z;
    pos = p;
  }

  private void doubleBits(double d) {
    ensure(8);
    long bits = Double.doubleToRawLongBits(d);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (bits >>> (8 * i));
    }
  }

  private void bool(boolean b) {
    ensure(1);
    buf[pos++] = (byte) (b ? 1 : 0);
  }

  private void write(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  /**
   * The cache slot holding the encoded strings of this session (filled on a miss); sets the key.
   */
  private int session(Action.Playback p) {
    int slot = System.identityHashCode(p) & (SESSION_SLOTS - 1);
    if (owners[slot] != p) {
      byte[] session = avroString(p.sessionId());
      byte[] profile = avroString(p.profileId());
      byte[] title = avroString(p.titleId());
      byte[] server = p.serverId() == null ? new byte[0] : avroString(p.serverId());
      byte[] block = new byte[session.length + profile.length + title.length + server.length];
      int at = 0;
      for (byte[] part : new byte[][] {session, profile, title, server}) {
        System.arraycopy(part, 0, block, at, part.length);
        at += part.length;
      }
      owners[slot] = p;
      keys[slot] = utf8(p.sessionId());
      blocks[slot] = block;
      serverStarts[slot] = p.serverId() == null ? -1 : block.length - server.length;
    }
    lastKey = keys[slot];
    return slot;
  }

  /** session_id, profile_id, title_id of the session in a slot. */
  private void ids(int slot) {
    byte[] block = blocks[slot];
    int end = serverStarts[slot] < 0 ? block.length : serverStarts[slot];
    ensure(end);
    System.arraycopy(block, 0, buf, pos, end);
    pos += end;
  }

  /** cdn_server_id (a plain string) of the session in a slot. */
  private void server(int slot) {
    int start = serverStarts[slot];
    if (start < 0) {
      throw new IllegalArgumentException(
          "cdn_server_id does not accept null (session " + owners[slot].sessionId() + ")");
    }
    byte[] block = blocks[slot];
    ensure(block.length - start);
    System.arraycopy(block, start, buf, pos, block.length - start);
    pos += block.length - start;
  }

  /** Service, instance and a null trace id: the end of an event header, encoded. */
  private static byte[] headerTail(String service, String instance) {
    byte[] s = avroString(service);
    byte[] i = avroString(instance);
    byte[] tail = Arrays.copyOf(s, s.length + i.length + 1);
    System.arraycopy(i, 0, tail, s.length, i.length);
    tail[tail.length - 1] = 0; // trace_id: union branch 0, null
    return tail;
  }

  /** A string in Avro binary encoding: zig-zag varint length, then UTF-8 bytes. */
  static byte[] avroString(String s) {
    byte[] bytes = utf8(s);
    byte[] out = new byte[bytes.length + 5];
    long z = (long) bytes.length << 1;
    int n = 0;
    while ((z & ~0x7FL) != 0) {
      out[n++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    out[n++] = (byte) z;
    System.arraycopy(bytes, 0, out, n, bytes.length);
    return Arrays.copyOf(out, n + bytes.length);
  }

  /**
   * A schema's shape: {@code name:type} per field in order; records as {@code {...}}, arrays as
   * {@code array<...>}, unions as {@code [...]}, enums with their symbols, logical types after a
   * slash.
   */
  static String shape(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> {
        StringBuilder sb = new StringBuilder("{");
        for (Schema.Field f : schema.getFields()) {
          if (sb.length() > 1) {
            sb.append(',');
          }
          sb.append(f.name()).append(':').append(shape(f.schema()));
        }
        yield sb.append('}').toString();
      }
      case ARRAY -> "array<" + shape(schema.getElementType()) + ">";
      case UNION -> {
        StringBuilder sb = new StringBuilder("[");
        for (Schema s : schema.getTypes()) {
          if (sb.length() > 1) {
            sb.append(',');
          }
          sb.append(shape(s));
        }
        yield sb.append(']').toString();
      }
      case ENUM -> "enum" + schema.getEnumSymbols();
      default ->
          schema.getType().getName()
              + (schema.getLogicalType() == null ? "" : "/" + schema.getLogicalType().getName());
    };
  }

  private static Map<EventType, String> shapes() {
    Map<EventType, String> m = new EnumMap<>(EventType.class);
    m.put(
        EventType.PLAYBACK_HEARTBEAT,
        record(
            "session_id:string,profile_id:string,title_id:string,cdn_server_id:string,"
                + "position_ms:long,bitrate_kbps:int,buffer_level_ms:int,rebuffer_count:int,"
                + "rebuffer_duration_ms:long,dropped_frames:int,interval_ms:long"));
    m.put(
        EventType.CDN_SERVER_HEALTH,
        record(
            "server_id:string,region:string,load:double,healthy:boolean,capacity_mbps:int,"
                + "active_sessions:int"));
    m.put(
        EventType.IMPRESSION,
        record(
            "profile_id:string,row_name:string,title_ids:array<string>,country:string,"
                + "device_type:string"));
    m.put(
        EventType.STEERING_DECISION,
        record(
            "session_id:string,profile_id:string,title_id:string,country:string,region:string,"
                + "isp:string,client_ip:[null,string],"
                + "candidates:array<{server_id:string,rank:int,score:double}>,"
                + "chosen_server_id:string,fallback_used:boolean"));
    m.put(
        EventType.PLAYBACK_STARTED,
        record(
            "session_id:string,profile_id:string,title_id:string,device_type:string,"
                + "country:string,region:string,isp:string,client_ip:[null,string],"
                + "cdn_server_id:string,startup_latency_ms:int,initial_bitrate_kbps:int"));
    m.put(
        EventType.PLAYBACK_STOPPED,
        record(
            "session_id:string,profile_id:string,title_id:string,"
                + "reason:enum[USER_STOPPED, COMPLETED, ERROR, TIMEOUT, UNKNOWN],"
                + "watched_seconds:long,position_ms:long"));
    m.put(
        EventType.PLAYBACK_ERROR,
        record(
            "session_id:string,profile_id:string,title_id:string,cdn_server_id:[null,string],"
                + "code:string,fatal:boolean,message:[null,string],country:[null,string],"
                + "device_type:[null,string]"));
    m.put(
        EventType.RATING,
        record("profile_id:string,title_id:string,thumb:enum[UP, DOWN],country:string"));
    return m;
  }

  private static String record(String fields) {
    return "{" + HEADER_SHAPE + "," + fields + "}";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
