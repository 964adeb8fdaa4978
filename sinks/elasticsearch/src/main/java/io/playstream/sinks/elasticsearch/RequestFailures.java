package io.playstream.sinks.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.elasticsearch.client.ResponseException;

/**
 * Which failures of a whole bulk request are worth retrying: no answer at all (connection refused
 * or reset, timeouts), HTTP 429 (too many requests) and 5xx. Anything else (401, 403, 400 for the
 * request as a whole...) will fail the same way again and fails the job.
 */
public final class RequestFailures {
  private RequestFailures() {}

  /** Whether the request should be sent again after a backoff. */
  public static boolean isRetryable(Throwable failure) {
    Throwable t = unwrap(failure);
    OptionalInt status = status(t);
    if (status.isPresent()) {
      int s = status.getAsInt();
      return s == 429 || s >= 500;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The HTTP status Elasticsearch answered with, when it answered. */
  public static OptionalInt status(Throwable failure) {
    for (Throwable c = unwrap(failure); c != null; c = c.getCause()) {
      if (c instanceof ElasticsearchException e) {
        return OptionalInt.of(e.status());
      }
      if (c instanceof ResponseException e) {
        return OptionalInt.of(e.getResponse().getStatusLine().getStatusCode());
      }
      if (c instanceof TransportException e && e.statusCode() > 0) {
        return OptionalInt.of(e.statusCode());
      }
    }
    return OptionalInt.empty();
  }

  /** The failure without its {@link CompletionException} / {@link ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A one-line description for logs: class, status and message. */
  public static String describe(Throwable failure) {
    Throwable t = unwrap(failure);
    OptionalInt status = status(t);
    return t.getClass().getSimpleName()
        + (status.isPresent() ? " (HTTP " + status.getAsInt() + ")" : "")
        + ": "
        + t.getMessage();
  }
}
