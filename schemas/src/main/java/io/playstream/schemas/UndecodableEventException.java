package io.playstream.schemas;

/** The bytes are not a valid Avro single-object encoded Playstream event. */
public final class UndecodableEventException extends EventDecodingException {
  public UndecodableEventException(String message) {
    super(message, null);
  }

  public UndecodableEventException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String reason() {
    return "undecodable";
  }
}
