package io.playstream.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code playstream sql} prints rows. */
public enum OutputFormat {
  /** An aligned text table with a header; numbers right-aligned. */
  TABLE,
  /** RFC 4180 CSV with a header line. */
  CSV,
  /** JSON Lines: one JSON object per row, keyed by column name. */
  JSON;

  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  private static final String NULL = "NULL";

  /**
   * Renders a result; every line ends with a line feed. Empty text for a result without columns.
   */
  public String render(QueryResult result) {
    if (result.columns().isEmpty()) {
      return "";
    }
    return switch (this) {
      case TABLE -> table(result);
      case CSV -> csv(result);
      case JSON -> json(result);
    };
  }

  private static String table(QueryResult r) {
    int n = r.columns().size();
    int[] width = new int[n];
    boolean[] numeric = new boolean[n];
    List<List<String>> cells = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      width[c] = r.columns().get(c).length();
      numeric[c] = true;
    }
    for (List<Object> row : r.rows()) {
      List<String> line = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        Object v = row.get(c);
        String text = v == null ? NULL : text(v).replace("\n", "\\n");
        line.add(text);
        width[c] = Math.max(width[c], text.length());
        numeric[c] &= v == null || v instanceof Number;
      }
      cells.add(line);
    }
    StringBuilder sb = new StringBuilder();
    String rule = rule(width);
    sb.append(rule);
    sb.append('|');
    for (int c = 0; c < n; c++) {
      sb.append(' ').append(pad(r.columns().get(c), width[c], false)).append(" |");
    }
    sb.append('\n').append(rule);
    for (List<String> line : cells) {
      sb.append('|');
      for (int c = 0; c < n; c++) {
        sb.append(' ').append(pad(line.get(c), width[c], numeric[c])).append(" |");
      }
      sb.append('\n');
    }
    if (!cells.isEmpty()) {
      sb.append(rule);
    }
    return sb.toString();
  }

  private static String rule(int[] width) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : width) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.append('\n').toString();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  private static String csv(QueryResult r) {
    StringBuilder sb = new StringBuilder();
    csvLine(sb, new ArrayList<>(r.columns()));
    for (List<Object> row : r.rows()) {
      List<String> line = new ArrayList<>(row.size());
      for (Object v : row) {
        line.add(v == null ? "" : text(v));
      }
      csvLine(sb, line);
    }
    return sb.toString();
  }

  private static void csvLine(StringBuilder sb, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = values.get(i);
      if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    sb.append('\n');
  }

  private static String json(QueryResult r) {
    StringBuilder sb = new StringBuilder();
    for (List<Object> row : r.rows()) {
      Map<String, Object> o = new LinkedHashMap<>();
      for (int c = 0; c < r.columns().size(); c++) {
        o.put(r.columns().get(c), jsonValue(row.get(c)));
      }
      try {
        sb.append(JSON_MAPPER.writeValueAsString(o)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render a row as JSON", e);
      }
    }
    return sb.toString();
  }

  /** Values Jackson renders as JSON without extra modules: temporal values become ISO text. */
  private static Object jsonValue(Object v) {
    if (v instanceof Temporal) {
      return v.toString();
    }
    if (v instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(e -> out.add(jsonValue(e)));
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, e) -> out.put(String.valueOf(k), jsonValue(e)));
      return out;
    }
    return v;
  }

  /** A value as one cell of text: nested values as JSON, decimals without exponent. */
  static String text(Object v) {
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Number || v instanceof BigInteger) {
      return v.toString();
    }
    if (v instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (v instanceof List<?> || v instanceof Map<?, ?>) {
      try {
        return JSON_MAPPER.writeValueAsString(jsonValue(v));
      } catch (JsonProcessingException e) {
        return v.toString();
      }
    }
    return v.toString();
  }

  /** Parses {@code table}, {@code csv} or {@code json}, any case. */
  public static OutputFormat parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
