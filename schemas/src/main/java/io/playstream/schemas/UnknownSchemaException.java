package io.playstream.schemas;

/** The record carries a schema fingerprint that is not in the {@link SchemaCatalog}. */
public final class UnknownSchemaException extends EventDecodingException {
  private final long fingerprint;

  public UnknownSchemaException(long fingerprint) {
    super(
        "unknown schema fingerprint "
            + fingerprintHex(fingerprint)
            + ": no released or current Playstream schema has it (is the producer newer than this"
            + " reader, or not a Playstream producer?)",
        null);
    this.fingerprint = fingerprint;
  }

  public long fingerprint() {
    return fingerprint;
  }

  @Override
  public String reason() {
    return "unknown-schema";
  }

  /** Fingerprints are shown as 16 hex digits everywhere. */
  public static String fingerprintHex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }
}
