package io.playstream.sinks.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One bulk operation for Elasticsearch: index a JSON document under a deterministic id, or delete a
 * document by id; with the record it came from ({@link RecordOrigin}) for dead letters.
 *
 * <p>Ids must be deterministic (derived from the data, see {@link DocumentIds}), so that a replay
 * after a failure overwrites the same documents instead of adding duplicates.
 *
 * <p>An optional {@linkplain #withExternalVersion external version} (for example the event time)
 * makes Elasticsearch keep the newest write per id whatever the arrival order: an older or equal
 * version is answered with a version conflict, which the sink counts as superseded, not as an
 * error.
 *
 * <p>A Flink POJO (public no-arg constructor, getters and setters), so it travels through a job
 * without Kryo; build it with the factories.
 */
public class EsAction implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the operation does. */
  public enum OpType {
    /** Create or replace the document. */
    INDEX,
    /** Delete the document (a missing document is not an error). */
    DELETE
  }

  /** No external version: the last write wins. */
  public static final long NO_VERSION = -1;

  private OpType opType;
  private String index;
  private String id;
  private byte[] document;
  private long version = NO_VERSION;
  private RecordOrigin origin;
  private int attempt;

  /** For Flink's POJO serializer; use the factories. */
  public EsAction() {}

  /** Index (create or replace) a document given as UTF-8 JSON bytes. */
  public static EsAction index(String index, String id, byte[] json) {
    EsAction a = new EsAction();
    a.opType = OpType.INDEX;
    a.index = requireName(index, "index");
    a.id = requireName(id, "id");
    a.document = Objects.requireNonNull(json, "json");
    return a;
  }

  /** Index a document given as JSON text. */
  public static EsAction index(String index, String id, String json) {
    return index(index, id, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Index a document given as fields (serialized by {@link EsJson#toJson(Map)}: instants as
   * ISO-8601 text, nested maps and lists as JSON objects and arrays).
   */
  public static EsAction index(String index, String id, Map<String, ?> fields) {
    return index(index, id, EsJson.toJson(fields));
  }

  /** Delete a document by id. */
  public static EsAction delete(String index, String id) {
    EsAction a = new EsAction();
    a.opType = OpType.DELETE;
    a.index = requireName(index, "index");
    a.id = requireName(id, "id");
    return a;
  }

  /** This action with the record it came from (for dead letters). */
  public EsAction withOrigin(RecordOrigin origin) {
    EsAction a = copy();
    a.origin = origin;
    return a;
  }

  /**
   * This action with an external version ({@code version_type=external}, a positive number such as
   * the event time in ms): Elasticsearch applies it only if it is newer than what it holds.
   */
  public EsAction withExternalVersion(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("external version must be >= 0: " + version);
    }
    EsAction a = copy();
    a.version = version;
    return a;
  }

  /** The same action, one attempt later (when the sink retries it). */
  EsAction nextAttempt() {
    EsAction a = copy();
    a.attempt = attempt + 1;
    return a;
  }

  /** Whether an external version is set. */
  public boolean hasExternalVersion() {
    return version != NO_VERSION;
  }

  /** About the bytes this action adds to a bulk request (action line + document). */
  public long sizeInBytes() {
    return 64L + index.length() + id.length() + (document == null ? 0 : document.length);
  }

  /** {@code INDEX playstream-titles/42}. */
  public String describe() {
    return opType + " " + index + "/" + id;
  }

  private EsAction copy() {
    EsAction a = new EsAction();
    a.opType = opType;
    a.index = index;
    a.id = id;
    a.document = document;
    a.version = version;
    a.origin = origin;
    a.attempt = attempt;
    return a;
  }

  private static String requireName(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }

  public OpType getOpType() {
    return opType;
  }

  public void setOpType(OpType opType) {
    this.opType = opType;
  }

  public String getIndex() {
    return index;
  }

  public void setIndex(String index) {
    this.index = index;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  /** The JSON document (UTF-8), or null for a delete. */
  public byte[] getDocument() {
    return document;
  }

  public void setDocument(byte[] document) {
    this.document = document;
  }

  /** The external version, or {@link #NO_VERSION}. */
  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }

  /** The record this action came from, or null when unknown. */
  public RecordOrigin getOrigin() {
    return origin;
  }

  public void setOrigin(RecordOrigin origin) {
    this.origin = origin;
  }

  /** How many times the sink already retried this action (0 on the first try). */
  public int getAttempt() {
    return attempt;
  }

  public void setAttempt(int attempt) {
    this.attempt = attempt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EsAction a)) {
      return false;
    }
    return version == a.version
        && attempt == a.attempt
        && opType == a.opType
        && Objects.equals(index, a.index)
        && Objects.equals(id, a.id)
        && Arrays.equals(document, a.document)
        && Objects.equals(origin, a.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(opType, index, id, Arrays.hashCode(document), version);
  }

  @Override
  public String toString() {
    return describe() + (origin == null ? "" : " from " + origin.describe());
  }
}
