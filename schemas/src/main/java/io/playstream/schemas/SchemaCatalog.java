package io.playstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every schema a Playstream reader may meet, indexed by its 64-bit CRC-64-AVRO fingerprint: the
 * current schema of each {@link EventType} and every released version of it.
 *
 * <p>Released versions live as resources {@code io/playstream/schemas/released/<Name>/v<N>.avsc}
 * (fully expanded JSON, written by {@link SchemaRelease}). A released file is never edited: a
 * schema change adds a new version, and {@link CompatibilityCheck} proves that the current schema
 * reads and is read by every released one.
 */
public final class SchemaCatalog {
  static final String RELEASED_ROOT = "io/playstream/schemas/released/";

  /**
   * One known writer schema.
   *
   * @param fingerprint CRC-64-AVRO parsing fingerprint
   * @param schema the writer schema
   * @param type the event type it belongs to
   * @param version released version number, or 0 for the current, unreleased schema
   */
  public record Entry(long fingerprint, Schema schema, EventType type, int version) {}

  private static volatile SchemaCatalog standard;

  private final Map<Long, Entry> byFingerprint;
  private final Map<EventType, List<Entry>> released;

  private SchemaCatalog(Map<Long, Entry> byFingerprint, Map<EventType, List<Entry>> released) {
    this.byFingerprint = byFingerprint;
    this.released = released;
  }

  /** The catalog of this build: current schemas plus every released version on the classpath. */
  public static SchemaCatalog standard() {
    SchemaCatalog c = standard;
    if (c == null) {
      synchronized (SchemaCatalog.class) {
        c = standard;
        if (c == null) {
          c = load(SchemaCatalog.class.getClassLoader());
          standard = c;
        }
      }
    }
    return c;
  }

  /** Loads released versions from the given class loader's resources. */
  public static SchemaCatalog load(ClassLoader loader) {
    Map<Long, Entry> index = new HashMap<>();
    Map<EventType, List<Entry>> released = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      List<Entry> versions = new ArrayList<>();
      for (int v = 1; ; v++) {
        String path = RELEASED_ROOT + type.simpleName() + "/v" + v + ".avsc";
        try (InputStream in = loader.getResourceAsStream(path)) {
          if (in == null) {
            break;
          }
          Schema schema = new Schema.Parser().parse(in);
          if (!schema.getFullName().equals(type.fullName())) {
            throw new IllegalStateException(
                path + " holds " + schema.getFullName() + ", expected " + type.fullName());
          }
          Entry e = new Entry(fingerprint(schema), schema, type, v);
          versions.add(e);
          index.put(e.fingerprint(), e);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read released schema " + path, e);
        }
      }
      released.put(type, Collections.unmodifiableList(versions));
      long current = fingerprint(type.schema());
      index.putIfAbsent(current, new Entry(current, type.schema(), type, 0));
    }
    return new SchemaCatalog(Map.copyOf(index), Collections.unmodifiableMap(released));
  }

  /** Builds a catalog from explicit entries (tests, tools). */
  public static SchemaCatalog of(Collection<Entry> entries) {
    Map<Long, Entry> index = new HashMap<>();
    Map<EventType, List<Entry>> released = new EnumMap<>(EventType.class);
    for (Entry e : entries) {
      index.put(e.fingerprint(), e);
      if (e.version() > 0) {
        released.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
      }
    }
    return new SchemaCatalog(Map.copyOf(index), released);
  }

  /** The writer schema with this fingerprint, if known. */
  public Optional<Entry> byFingerprint(long fingerprint) {
    return Optional.ofNullable(byFingerprint.get(fingerprint));
  }

  Entry lookup(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** Released versions of a type, oldest first (empty when it was never released). */
  public List<Entry> released(EventType type) {
    return released.getOrDefault(type, List.of());
  }

  /** All known writer schemas. */
  public Collection<Entry> entries() {
    return byFingerprint.values();
  }

  /** The CRC-64-AVRO fingerprint of a schema's parsing canonical form. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }
}
