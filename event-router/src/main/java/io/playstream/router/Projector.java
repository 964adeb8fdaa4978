package io.playstream.router;

import io.playstream.router.filter.EventField;
import io.playstream.router.filter.EventFields;
import io.playstream.schemas.EventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Applies a {@link Projection} to events, within each event's own schema so the output stays
 * decodable with the standard schema catalog: hashed fields keep their string type, dropped and
 * redacted fields must be nullable and become null. {@link #validate} states those rules as route
 * problems; a projector is only built for a valid projection. Thread-safe.
 */
public final class Projector {
  private enum Kind {
    NULL,
    HASH
  }

  private record Op(EventField field, Kind kind) {}

  private final List<List<Op>> opsByType;
  private final HashKey key;

  private Projector(List<List<Op>> opsByType, HashKey key) {
    this.opsByType = opsByType;
    this.key = key;
  }

  /**
   * Builds the projector of a validated projection for the given event types.
   *
   * @param key the hash key; may be null only when the projection hashes nothing
   */
  public static Projector of(Projection p, Set<EventType> types, HashKey key) {
    if (!p.hash().isEmpty() && key == null) {
      throw new IllegalArgumentException("projection hashes fields but no hash key is configured");
    }
    List<List<Op>> byType = new ArrayList<>();
    for (EventType t : EventType.values()) {
      List<Op> ops = new ArrayList<>();
      if (types.contains(t)) {
        Set<String> nulled = new LinkedHashSet<>();
        nulled.addAll(p.drop());
        nulled.addAll(p.redact());
        if (!p.keep().isEmpty()) {
          Set<String> kept = new HashSet<>(p.keep());
          kept.addAll(p.hash());
          for (EventField f : EventFields.of(t).values()) {
            if (f.nullable() && !kept.contains(f.name())) {
              nulled.add(f.name());
            }
          }
        }
        for (String name : nulled) {
          EventField f = EventFields.field(t, name);
          if (f != null) {
            ops.add(new Op(f, Kind.NULL));
          }
        }
        for (String name : p.hash()) {
          EventField f = EventFields.field(t, name);
          if (f != null) {
            ops.add(new Op(f, Kind.HASH));
          }
        }
      }
      byType.add(List.copyOf(ops));
    }
    return new Projector(List.copyOf(byType), key);
  }

  /** True when events of this type come out changed. */
  public boolean changes(EventType type) {
    return !opsByType.get(type.ordinal()).isEmpty();
  }

  /** The projected event: a copy when anything changes, else the event itself. */
  public SpecificRecord apply(SpecificRecord event, EventType type) {
    List<Op> ops = opsByType.get(type.ordinal());
    if (ops.isEmpty()) {
      return event;
    }
    SpecificRecord copy =
        SpecificData.getForClass(type.javaType()).deepCopy(event.getSchema(), event);
    for (Op op : ops) {
      EventField f = op.field();
      IndexedRecord holder = copy;
      if (f.nestedPosition() >= 0) {
        holder = (IndexedRecord) copy.get(f.position());
      }
      int pos = f.nestedPosition() >= 0 ? f.nestedPosition() : f.position();
      if (op.kind() == Kind.NULL) {
        holder.put(pos, null);
      } else {
        Object v = holder.get(pos);
        if (v != null) {
          holder.put(pos, key.hash(v.toString()));
        }
      }
    }
    return copy;
  }

  /**
   * Problems of a projection for the given event types (empty when it is valid): unknown fields,
   * dropping or redacting a non-nullable field, hashing a non-string field, keep together with
   * drop, a field under two conflicting actions.
   */
  public static List<RouteProblem> validate(String route, Projection p, Set<EventType> types) {
    List<RouteProblem> problems = new ArrayList<>();
    if (!p.keep().isEmpty() && !p.drop().isEmpty()) {
      problems.add(
          RouteProblem.of(
              route,
              "projection",
              "use either keep (null every other nullable field) or drop, not both"));
    }
    checkNames(route, "keep", p.keep(), types, problems);
    checkNames(route, "drop", p.drop(), types, problems);
    checkNames(route, "hash", p.hash(), types, problems);
    checkNames(route, "redact", p.redact(), types, problems);
    for (String name : p.drop()) {
      requireNullable(route, "drop", name, types, problems);
    }
    for (String name : p.redact()) {
      requireNullable(route, "redact", name, types, problems);
    }
    for (String name : p.hash()) {
      for (EventType t : types) {
        EventField f = EventFields.field(t, name);
        if (f != null && f.schema().getType() != Schema.Type.STRING) {
          problems.add(
              RouteProblem.of(
                  route,
                  "projection.hash",
                  "field '"
                      + name
                      + "' of "
                      + t.simpleName()
                      + " is "
                      + f.schema().getType().getName()
                      + ", not a string; only string fields can be hashed"));
        }
      }
    }
    conflict(route, "drop", p.drop(), "hash", p.hash(), problems);
    conflict(route, "redact", p.redact(), "hash", p.hash(), problems);
    conflict(route, "drop", p.drop(), "redact", p.redact(), problems);
    conflict(route, "keep", p.keep(), "redact", p.redact(), problems);
    return problems;
  }

  private static void checkNames(
      String route,
      String action,
      List<String> names,
      Set<EventType> types,
      List<RouteProblem> problems) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        problems.add(
            RouteProblem.of(route, "projection." + action, "field '" + name + "' listed twice"));
      }
      boolean known = types.stream().anyMatch(t -> EventFields.field(t, name) != null);
      if (!known) {
        problems.add(
            RouteProblem.of(
                route,
                "projection." + action,
                "no field '"
                    + name
                    + "' in "
                    + types.stream().map(EventType::simpleName).sorted().toList()
                    + " (fields are Avro names, header fields header.<name>)"));
      }
    }
  }

  private static void requireNullable(
      String route, String action, String name, Set<EventType> types, List<RouteProblem> out) {
    for (EventType t : types) {
      EventField f = EventFields.field(t, name);
      if (f != null && !f.nullable()) {
        out.add(
            RouteProblem.of(
                route,
                "projection." + action,
                "field '"
                    + name
                    + "' of "
                    + t.simpleName()
                    + " is not nullable: the output must stay decodable with the event's own"
                    + " schema, so only nullable fields can be "
                    + (action.equals("drop") ? "dropped" : "redacted")
                    + (f.schema().getType() == Schema.Type.STRING ? " (hash it instead)" : "")));
      }
    }
  }

  private static void conflict(
      String route,
      String a,
      List<String> left,
      String b,
      List<String> right,
      List<RouteProblem> out) {
    for (String name : left) {
      if (right.contains(name)) {
        out.add(
            RouteProblem.of(
                route,
                "projection",
                "field '" + name + "' is under both " + a + " and " + b + "; pick one"));
      }
    }
  }
}
