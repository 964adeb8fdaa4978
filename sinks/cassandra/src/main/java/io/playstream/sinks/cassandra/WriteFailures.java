package io.playstream.sinks.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How the sink treats a failed write, and how long it waits before the next attempt. */
public final class WriteFailures {
  private WriteFailures() {}

  /** What a failure means for the write. */
  public enum Kind {
    /**
     * Transient (timeouts, unavailable or overloaded replicas, no node reachable, a closed
     * connection, a server error): retried with backoff, dead-lettered as {@code sink-write-failed}
     * when the retries run out.
     */
    RETRYABLE,
    /**
     * The node refused the write for good (invalid query or value, unknown table, syntax,
     * authorization, a value the driver cannot encode): dead-lettered as {@code sink-rejected} at
     * once.
     */
    REJECTED
  }

  /** Classifies a failure (wrapping {@code CompletionException}s are looked through). */
  public static Kind classify(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof DriverTimeoutException
        || t instanceof WriteTimeoutException
        || t instanceof UnavailableException
        || t instanceof OverloadedException
        || t instanceof BootstrappingException
        || t instanceof TruncateException
        || t instanceof WriteFailureException
        || t instanceof ServerError
        || t instanceof AllNodesFailedException // includes NoNodeAvailableException
        || t instanceof NodeUnavailableException
        || t instanceof ClosedConnectionException
        || t instanceof HeartbeatException
        || t instanceof java.io.IOException) {
      return Kind.RETRYABLE;
    }
    // InvalidQueryException, SyntaxError, UnauthorizedException, ProtocolError,
    // CodecNotFoundException, IllegalArgumentException (binding) and anything unknown
    return Kind.REJECTED;
  }

  /** The failure inside {@code CompletionException} / {@code ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The delay before retry number {@code retry} (0 for the first): {@code initial * 2^retry}, at
   * most {@code max}.
   */
  public static Duration backoff(int retry, Duration initial, Duration max) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must be >= 0: " + retry);
    }
    long base = initial.toMillis();
    long millis = retry >= 62 ? Long.MAX_VALUE : base << Math.min(retry, 62);
    if (millis < base || millis / (1L << Math.min(retry, 62)) != base) {
      millis = Long.MAX_VALUE; // overflow
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /** One line describing a failure for the dead letter's detail header. */
  public static String describe(Throwable failure, int attempts) {
    Throwable t = unwrap(failure);
    return t.getClass().getSimpleName()
        + ": "
        + t.getMessage()
        + " (after "
        + attempts
        + (attempts == 1 ? " attempt)" : " attempts)");
  }
}
