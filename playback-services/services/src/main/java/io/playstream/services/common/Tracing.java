package io.playstream.services.common;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trace ids for event headers: taken from a W3C {@code traceparent} header (its 32-hex trace id) or
 * an {@code X-Trace-Id} header, else generated, and passed on to downstream calls so the events one
 * user action causes share a trace id.
 */
public final class Tracing {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACE_ID_HEADER = "X-Trace-Id";

  private static final Pattern TRACEPARENT_FORMAT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String ZERO_TRACE = "0".repeat(32);

  private Tracing() {}

  /** The trace id for a request with these header values (either may be null). */
  public static String traceId(String traceparent, String traceIdHeader) {
    if (traceparent != null) {
      Matcher m = TRACEPARENT_FORMAT.matcher(traceparent.trim().toLowerCase(Locale.ROOT));
      if (m.matches() && !m.group(1).equals(ZERO_TRACE)) {
        return m.group(1);
      }
    }
    if (traceIdHeader != null && SAFE_ID.matcher(traceIdHeader.trim()).matches()) {
      return traceIdHeader.trim();
    }
    return newTraceId();
  }

  /** A fresh 32-hex trace id. */
  public static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
