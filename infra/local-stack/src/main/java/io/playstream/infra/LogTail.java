package io.playstream.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the end of a (possibly large) log file. */
public final class LogTail {
  private static final int MAX_BYTES = 256 * 1024;

  private LogTail() {}

  /**
   * The last {@code lines} lines of a text file (looking at most at its last 256 KiB), or an empty
   * list when the file does not exist or cannot be read.
   */
  public static List<String> lastLines(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int n = (int) Math.min(length, MAX_BYTES);
      byte[] buf = new byte[n];
      raf.seek(length - n);
      raf.readFully(buf);
      String[] all = new String(buf, StandardCharsets.UTF_8).split("\r?\n");
      List<String> out = new ArrayList<>();
      for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
        out.add(all[i]);
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines joined for an exception message, each indented. */
  public static String excerpt(Path file, int lines) {
    List<String> tail = lastLines(file, lines);
    if (tail.isEmpty()) {
      return "  (" + file + " is empty or missing)";
    }
    return "  " + String.join("\n  ", tail);
  }
}
