package io.playstream.spark;

import java.util.Arrays;

/** Short messages for errors shown to a user (Spark's analysis errors are long). */
final class Errors {
  private static final int MAX_LINES = 6;

  private Errors() {}

  /**
   * The message of the innermost cause that has one, cut to a few lines (Spark appends the whole
   * query plan to some messages).
   */
  static String message(Throwable e) {
    Throwable t = e;
    String message = null;
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
        // Spark's AnalysisException carries the useful text itself; its causes are internal
        if (t.getClass().getName().endsWith("AnalysisException")) {
          break;
        }
      }
      if (t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    String[] lines = message.strip().split("\\R");
    if (lines.length <= MAX_LINES) {
      return message.strip();
    }
    return String.join("\n", Arrays.copyOf(lines, MAX_LINES)) + "\n...";
  }
}
