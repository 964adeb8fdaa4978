package io.playstream.sinks.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Deterministic document ids: the same parts always give the same id, so writing the same input
 * twice (a replay after a failure) overwrites documents instead of duplicating them.
 *
 * <p>{@link #join} keeps ids readable ({@code sps:US:tv:1767225600000}); {@link #hash} gives a
 * fixed-length id for parts that may be long or contain anything.
 */
public final class DocumentIds {
  /** Separator of {@link #join}. */
  public static final char SEPARATOR = ':';

  /** Elasticsearch's limit on {@code _id}, in UTF-8 bytes. */
  public static final int MAX_ID_BYTES = 512;

  private DocumentIds() {}

  /**
   * The parts joined with {@code ':'}; a part's own {@code ':'} and {@code '\'} are escaped with
   * {@code '\'} so different parts never give the same id. Instants are written as epoch
   * milliseconds, null as an empty part.
   *
   * @throws IllegalArgumentException when the id would exceed 512 UTF-8 bytes (use {@link #hash})
   */
  public static String join(Object... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("an id needs at least one part");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(SEPARATOR);
      }
      String p = text(parts[i]);
      for (int c = 0; c < p.length(); c++) {
        char ch = p.charAt(c);
        if (ch == SEPARATOR || ch == '\\') {
          sb.append('\\');
        }
        sb.append(ch);
      }
    }
    String id = sb.toString();
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw new IllegalArgumentException(
          "id longer than "
              + MAX_ID_BYTES
              + " bytes; use DocumentIds.hash: "
              + id.substring(0, 64));
    }
    return id;
  }

  /**
   * A 27-character URL-safe id: the first 160 bits of SHA-256 over {@link #join}'s text (without
   * its length limit).
   */
  public static String hash(Object... parts) {
    StringBuilder sb = new StringBuilder();
    for (Object part : parts) {
      String p = text(part);
      // length-prefixed, so ("a:b") and ("a", "b") differ
      sb.append(p.length()).append('#').append(p);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      byte[] head = new byte[20];
      System.arraycopy(digest, 0, head, 0, head.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(head);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String text(Object part) {
    if (part == null) {
      return "";
    }
    if (part instanceof Instant instant) {
      return Long.toString(instant.toEpochMilli());
    }
    return part.toString();
  }
}
