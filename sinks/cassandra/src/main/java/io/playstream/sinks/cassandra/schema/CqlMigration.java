package io.playstream.sinks.cassandra.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned CQL file, {@code V<version>__<name>.cql}: its version, name, text and checksum
 * (SHA-256 of the text as shipped, before placeholders are filled in).
 */
public record CqlMigration(int version, String name, String script) {
  /** File names: {@code V001__keyspace.cql}. */
  public static final Pattern FILE_NAME = Pattern.compile("V(\\d{3,})__([a-z0-9_]+)\\.cql");

  /**
   * A migration from its file name and text.
   *
   * @throws IllegalArgumentException when the name does not follow {@code V<digits>__<name>.cql}
   */
  public static CqlMigration of(String fileName, String script) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "CQL migration '" + fileName + "' must be named like V001__keyspace.cql");
    }
    return new CqlMigration(Integer.parseInt(m.group(1)), m.group(2), script);
  }

  /** SHA-256 of the script, hex. */
  public String checksum() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The statements with placeholders ({@code ${keyspace}}, {@code ${replication}}) filled. */
  public List<String> statements(Map<String, String> placeholders) {
    return CqlScript.statements(CqlScript.substitute(script, placeholders));
  }

  @Override
  public String toString() {
    return String.format("V%03d__%s", version, name);
  }
}
