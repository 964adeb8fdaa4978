package io.playstream.services.common;

/**
 * An answer other than success, with its HTTP status, a message for the caller and the request
 * field at fault (or null). {@link ServiceApp} renders it as {@code {"error":..., "field":...}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String field;

  public ApiException(int status, String message, String field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  /** 400: the body is malformed or a field is missing or invalid. */
  public static ApiException badRequest(String message, String field) {
    return new ApiException(400, message, field);
  }

  /** 401: no usable bearer token. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, message, null);
  }

  /** 403: the token is valid but does not allow this. */
  public static ApiException forbidden(String message, String field) {
    return new ApiException(403, message, field);
  }

  /** 404: the id names nothing. */
  public static ApiException notFound(String message, String field) {
    return new ApiException(404, message, field);
  }

  /** 503: a dependency is down and there is no fallback. */
  public static ApiException unavailable(String message) {
    return new ApiException(503, message, null);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    // expected outcomes, not bugs: a stack trace per rejected request is wasted work
    return this;
  }
}
