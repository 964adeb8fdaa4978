package io.playstream.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are outside quotes ({@code '...'}, {@code
 * "..."}, {@code `...`}) and comments ({@code -- ...} and block comments). Used for {@code --file}
 * scripts and for the interactive prompt, which runs what is complete and keeps the rest.
 */
public final class SqlStatements {
  private SqlStatements() {}

  /**
   * The complete statements of {@code text} and what follows the last one.
   *
   * @param statements complete statements, trimmed, without the semicolon; blank ones dropped
   * @param rest text after the last semicolon (an unfinished statement, or blank)
   */
  public record Split(List<String> statements, String rest) {
    /** Whether the rest holds anything besides whitespace and comments. */
    public boolean hasIncomplete() {
      return !stripComments(rest).isBlank();
    }
  }

  /** Splits {@code text} into complete statements and an unfinished rest. */
  public static Split split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closingQuote(text, i);
        current.append(text, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        current.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        current.append(text, i, end);
        i = end;
      } else if (c == ';') {
        add(out, current.toString());
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    return new Split(List.copyOf(out), current.toString());
  }

  /** All statements of a script; a last statement without a semicolon counts too. */
  public static List<String> script(String text) {
    Split s = split(text);
    List<String> out = new ArrayList<>(s.statements());
    if (s.hasIncomplete()) {
      add(out, s.rest());
    }
    return out;
  }

  /** Index just after the quote that closes the one at {@code start} (doubled quotes escape). */
  private static int closingQuote(String text, int start) {
    char q = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && q != '`' && i + 1 < text.length()) {
        i += 2;
        continue;
      }
      if (c == q) {
        if (i + 1 < text.length() && text.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  private static void add(List<String> out, String statement) {
    String s = statement.strip();
    if (!stripComments(s).isBlank()) {
      out.add(s);
    }
  }

  /** The text with comments removed (quotes respected), for emptiness checks. */
  static String stripComments(String text) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closingQuote(text, i);
        sb.append(text, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}
