package io.playstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Style rules every schema must follow: docs everywhere, snake_case field names. */
class SchemaDocsTest {
  private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  @Test
  void everyRecordAndFieldHasADocAndASnakeCaseName() {
    List<String> missing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (EventType type : EventType.values()) {
      visit(type.schema(), missing, seen);
    }
    assertThat(missing).isEmpty();
  }

  private static void visit(Schema s, List<String> missing, Set<String> seen) {
    switch (s.getType()) {
      case RECORD -> {
        if (!seen.add(s.getFullName())) {
          return;
        }
        if (s.getDoc() == null || s.getDoc().isBlank()) {
          missing.add(s.getFullName() + ": no doc");
        }
        for (Schema.Field f : s.getFields()) {
          if (f.doc() == null || f.doc().isBlank()) {
            missing.add(s.getName() + "." + f.name() + ": no doc");
          }
          if (!SNAKE.matcher(f.name()).matches()) {
            missing.add(s.getName() + "." + f.name() + ": not snake_case");
          }
          visit(f.schema(), missing, seen);
        }
      }
      case UNION -> s.getTypes().forEach(t -> visit(t, missing, seen));
      case ARRAY -> visit(s.getElementType(), missing, seen);
      case MAP -> visit(s.getValueType(), missing, seen);
      case ENUM -> {
        if (seen.add(s.getFullName()) && (s.getDoc() == null || s.getDoc().isBlank())) {
          missing.add(s.getFullName() + ": no doc");
        }
      }
      default -> {}
    }
  }
}
