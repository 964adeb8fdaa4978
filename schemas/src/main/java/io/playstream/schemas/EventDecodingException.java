package io.playstream.schemas;

/**
 * Bytes could not be turned into a Playstream event. The subclass says which way it failed: {@link
 * UndecodableEventException} for bytes that are not a valid single-object encoded record, {@link
 * UnknownSchemaException} for a well-formed record whose writer schema nobody released.
 */
public abstract class EventDecodingException extends RuntimeException {
  protected EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A short machine-readable reason, used in dead-letter headers and metrics tags. */
  public abstract String reason();
}
