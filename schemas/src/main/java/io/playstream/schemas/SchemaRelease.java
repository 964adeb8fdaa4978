package io.playstream.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Release tool: writes the current schema of every event type whose fingerprint is not released yet
 * as the next version under the released-schema folder, after checking compatibility.
 *
 * <p>Run from the repository root: {@code ./mvnw -q -pl schemas compile exec:java
 * -Dexec.mainClass=io.playstream.schemas.SchemaRelease} (or with the module classpath and the
 * folder {@code schemas/src/main/resources/io/playstream/schemas/released} as argument).
 */
public final class SchemaRelease {
  private SchemaRelease() {}

  public static void main(String[] args) throws IOException {
    Path root =
        Path.of(
            args.length > 0
                ? args[0]
                : "schemas/src/main/resources/" + SchemaCatalog.RELEASED_ROOT);
    SchemaCatalog catalog = SchemaCatalog.standard();
    List<CompatibilityCheck.Problem> problems = CompatibilityCheck.checkAll(catalog);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("incompatible: " + p));
      System.exit(1);
    }
    for (EventType type : EventType.values()) {
      long fp = SchemaCatalog.fingerprint(type.schema());
      List<SchemaCatalog.Entry> released = catalog.released(type);
      if (released.stream().anyMatch(e -> e.fingerprint() == fp)) {
        continue;
      }
      int next = released.size() + 1;
      Path file = root.resolve(type.simpleName()).resolve("v" + next + ".avsc");
      Files.createDirectories(file.getParent());
      Files.writeString(file, type.schema().toString(true) + "\n");
      System.out.println(
          "released " + type.simpleName() + " v" + next + " -> " + file.toAbsolutePath());
    }
  }
}
