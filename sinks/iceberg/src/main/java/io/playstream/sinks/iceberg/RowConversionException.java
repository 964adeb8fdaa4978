package io.playstream.sinks.iceberg;

/** A record could not be turned into a table row (a required column is null, a value is off). */
public class RowConversionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RowConversionException(String message) {
    super(message);
  }

  public RowConversionException(String message, Throwable cause) {
    super(message, cause);
  }
}
