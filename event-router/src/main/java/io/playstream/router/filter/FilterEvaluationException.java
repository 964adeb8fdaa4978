package io.playstream.router.filter;

/** A filter failed on one event (the router dead-letters that event for that route). */
public final class FilterEvaluationException extends RuntimeException {
  public FilterEvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
