package io.playstream.sinks.cassandra.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a CQL file into statements and fills in its placeholders.
 *
 * <p>Statements end with {@code ;}. Comments ({@code -- ...}, {@code // ...} to the end of the
 * line, {@code /* ... *}{@code /}) are dropped; a {@code ;} inside a quoted string ({@code '...'},
 * with {@code ''} as an escaped quote), a quoted identifier ({@code "..."}) or a {@code $$ ... $$}
 * block does not end a statement.
 */
public final class CqlScript {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  private CqlScript() {}

  /** The statements of a script, trimmed, without their final {@code ;} and without comments. */
  public static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int n = script.length();
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : '\0';
      if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '/' && next == '*') {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated /* comment");
        }
        current.append(' ');
        i = end + 2;
        continue;
      }
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (true) {
          if (end >= n) {
            throw new IllegalArgumentException("unterminated " + c + " quote");
          }
          if (script.charAt(end) == c) {
            if (end + 1 < n && script.charAt(end + 1) == c) {
              end += 2; // doubled quote: an escaped one
              continue;
            }
            break;
          }
          end++;
        }
        current.append(script, i, end + 1);
        i = end + 1;
        continue;
      }
      if (c == '$' && next == '$') {
        int end = script.indexOf("$$", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated $$ block");
        }
        current.append(script, i, end + 2);
        i = end + 2;
        continue;
      }
      if (c == ';') {
        add(out, current);
        i++;
        continue;
      }
      current.append(c);
      i++;
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder statement) {
    String s = statement.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    statement.setLength(0);
  }

  /**
   * Replaces {@code ${name}} placeholders.
   *
   * @throws IllegalArgumentException when the text uses a placeholder that has no value
   */
  public static String substitute(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "no value for placeholder ${" + m.group(1) + "}; known: " + values.keySet());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
