package io.playstream.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Proves schema evolution is safe: the current schema of each event type must be both backward
 * compatible (it reads what every released version wrote) and forward compatible (every released
 * version reads what it writes), using Avro's own {@link SchemaCompatibility}.
 */
public final class CompatibilityCheck {

  /**
   * One incompatibility.
   *
   * @param type simple schema name
   * @param releasedVersion the released version it clashes with
   * @param direction "backward" (current cannot read released) or "forward" (released cannot read
   *     current)
   * @param detail Avro's description of what breaks and where
   */
  public record Problem(String type, int releasedVersion, String direction, String detail) {
    @Override
    public String toString() {
      return type + " v" + releasedVersion + " " + direction + ": " + detail;
    }
  }

  private CompatibilityCheck() {}

  /** Checks one candidate schema against released versions (version numbers from 1). */
  public static List<Problem> check(Schema candidate, List<Schema> released) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < released.size(); i++) {
      Schema old = released.get(i);
      int version = i + 1;
      addIfBroken(problems, candidate, old, candidate.getName(), version, "backward");
      addIfBroken(problems, old, candidate, candidate.getName(), version, "forward");
    }
    return problems;
  }

  /** Checks every current schema of the catalog against all its released versions. */
  public static List<Problem> checkAll(SchemaCatalog catalog) {
    List<Problem> problems = new ArrayList<>();
    for (EventType type : EventType.values()) {
      List<Schema> released =
          catalog.released(type).stream().map(SchemaCatalog.Entry::schema).toList();
      problems.addAll(check(type.schema(), released));
    }
    return problems;
  }

  private static void addIfBroken(
      List<Problem> problems,
      Schema reader,
      Schema writer,
      String name,
      int version,
      String direction) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      StringBuilder detail = new StringBuilder();
      result
          .getResult()
          .getIncompatibilities()
          .forEach(
              inc ->
                  detail
                      .append(inc.getType())
                      .append(" at ")
                      .append(inc.getLocation())
                      .append(" (")
                      .append(inc.getMessage())
                      .append("); "));
      problems.add(new Problem(name, version, direction, detail.toString().trim()));
    }
  }
}
