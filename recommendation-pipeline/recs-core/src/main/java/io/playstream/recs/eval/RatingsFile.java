package io.playstream.recs.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a MovieLens ratings file in any of its published formats, detected from the first line:
 *
 * <ul>
 *   <li>{@link Format#CSV}: latest-small / 20M / 25M / 32M {@code ratings.csv}, with header {@code
 *       userId,movieId,rating,timestamp};
 *   <li>{@link Format#TAB}: 100k {@code u.data}, {@code user item rating timestamp} tab-separated;
 *   <li>{@link Format#DOUBLE_COLON}: 1M / 10M {@code ratings.dat}, {@code
 *       user::item::rating::time}.
 * </ul>
 *
 * Timestamps are seconds since the epoch (converted to milliseconds).
 */
public final class RatingsFile {
  /** The published layouts. */
  public enum Format {
    CSV(Pattern.compile(",")),
    TAB(Pattern.compile("\t")),
    DOUBLE_COLON(Pattern.compile("::"));

    private final Pattern separator;

    Format(Pattern separator) {
      this.separator = separator;
    }
  }

  private RatingsFile() {}

  /** The format of a file, from its first non-empty line. */
  public static Format detect(String firstLine) {
    if (firstLine.contains("::")) {
      return Format.DOUBLE_COLON;
    }
    if (firstLine.contains("\t")) {
      return Format.TAB;
    }
    if (firstLine.contains(",")) {
      return Format.CSV;
    }
    throw new IllegalArgumentException(
        "not a MovieLens ratings file (expected ',', tab or '::' separated): " + firstLine);
  }

  /** Reads every rating of a file. */
  public static List<RatingEvent> read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      return read(in, file.toString());
    }
  }

  static List<RatingEvent> read(BufferedReader in, String name) throws IOException {
    List<RatingEvent> out = new ArrayList<>();
    Format format = null;
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (format == null) {
        format = detect(line);
        if (format == Format.CSV && !Character.isDigit(line.charAt(0))) {
          continue; // header
        }
      }
      String[] f = format.separator.split(line);
      if (f.length < 4) {
        throw new IllegalArgumentException(
            name + ":" + lineNo + ": expected user, item, rating, timestamp: " + line);
      }
      try {
        out.add(
            new RatingEvent(
                f[0].strip(),
                f[1].strip(),
                Double.parseDouble(f[2].strip()),
                Long.parseLong(f[3].strip()) * 1000L));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
