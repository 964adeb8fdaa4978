package io.playstream.infra.flink;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink REST call that failed: the cluster answered with an error status (its {@code errors} text
 * condensed into the message), or could not be reached ({@link #status()} is -1).
 */
public final class FlinkRestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final Pattern CAUSED_BY = Pattern.compile("(?m)^Caused by: (.+)$");
  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("^(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  private final int status;
  private final List<String> errors;

  FlinkRestException(String message, int status, List<String> errors, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** The HTTP status, or -1 when the cluster could not be reached. */
  public int status() {
    return status;
  }

  /** The {@code errors} array of the answer, verbatim (often with server-side stack traces). */
  public List<String> errors() {
    return errors;
  }

  /** True for a 404 answer (unknown job, jar or trigger id). */
  public boolean isNotFound() {
    return status == 404;
  }

  /**
   * Condenses Flink's {@code errors} array to one readable line: the first line of each error
   * without exception class names and server-side stack traces, plus the innermost cause when it
   * says more. Flink wraps handler failures as {@code ["Internal server error.", "<Exception on
   * server side: ...>"]}; the second entry carries the real reason.
   */
  public static String summarize(List<String> errors) {
    StringBuilder sb = new StringBuilder();
    for (String e : errors) {
      if (e == null || e.isBlank() || e.trim().equals("Internal server error.")) {
        continue;
      }
      String text =
          e.replace("<Exception on server side:", "")
              .replace("End of exception on server side>", "")
              .strip();
      String first = stripClass(text.lines().findFirst().orElse("").strip());
      String innermost = null;
      Matcher m = CAUSED_BY.matcher(text);
      while (m.find()) {
        innermost = stripClass(m.group(1).strip());
      }
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(first);
      if (innermost != null && !innermost.isEmpty() && !first.contains(innermost)) {
        sb.append(" (cause: ").append(innermost).append(')');
      }
    }
    if (sb.length() == 0) {
      return errors.isEmpty() ? "no error text" : String.join("; ", errors).strip();
    }
    return sb.toString();
  }

  private static String stripClass(String line) {
    String out = line;
    // "java.util.concurrent.CompletionException: org.apache...ProgramInvocationException: msg"
    Matcher m = EXCEPTION_PREFIX.matcher(out);
    while (m.find()) {
      out = out.substring(m.end());
      m = EXCEPTION_PREFIX.matcher(out);
    }
    return out;
  }
}
