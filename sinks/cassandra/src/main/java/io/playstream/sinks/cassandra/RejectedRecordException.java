package io.playstream.sinks.cassandra;

/**
 * A record that can never become a write (not decodable, a key field missing): the sink sends it to
 * the dead-letter topic with {@link #reason()} and does not retry.
 */
public class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  /**
   * @param reason a {@code DeadLetterHeaders} reason, such as {@code undecodable} or {@code
   *     sink-rejected}
   */
  public RejectedRecordException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public RejectedRecordException(String reason, String message) {
    this(reason, message, null);
  }

  /** The dead-letter reason. */
  public String reason() {
    return reason;
  }
}
