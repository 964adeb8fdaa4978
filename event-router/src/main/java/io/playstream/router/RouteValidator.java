package io.playstream.router;

import io.playstream.router.filter.CelFilterCompiler;
import io.playstream.router.filter.ExpressionIssue;
import io.playstream.router.filter.FilterCompileException;
import io.playstream.router.filter.FilterCompiler;
import io.playstream.schemas.EventType;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks route definitions and reports every problem with its location: route name, field and, for
 * a filter expression, the compiler's line, column and reason. A route set with any problem is
 * rejected as a whole ({@link #check}). Thread-safe.
 */
public final class RouteValidator {
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Set<String> FRONTING =
      Topics.fronting().stream()
          .map(TopicSpec::name)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final FilterCompiler compiler;

  public RouteValidator(FilterCompiler compiler) {
    this.compiler = compiler;
  }

  /** The validator with the router's filter language (CEL). */
  public static RouteValidator standard() {
    return new RouteValidator(CelFilterCompiler.create());
  }

  public FilterCompiler compiler() {
    return compiler;
  }

  /** Every problem of a route set (empty when all routes are valid), duplicate names included. */
  public List<RouteProblem> validate(List<Route> routes) {
    List<RouteProblem> problems = new ArrayList<>();
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      String label = label(r, i);
      problems.addAll(validate(r, label));
      if (r.name() != null) {
        Integer prev = firstIndex.putIfAbsent(r.name(), i);
        if (prev != null) {
          problems.add(
              RouteProblem.of(
                  label,
                  "name",
                  "duplicate route name (routes #" + (prev + 1) + " and #" + (i + 1) + ")"));
        }
      }
    }
    return problems;
  }

  /**
   * Throws when any route has a problem.
   *
   * @throws RouteValidationException listing every problem
   */
  public void check(List<Route> routes) {
    List<RouteProblem> problems = validate(routes);
    if (!problems.isEmpty()) {
      throw new RouteValidationException(problems);
    }
  }

  /** Problems of one route. */
  public List<RouteProblem> validate(Route route) {
    return validate(route, label(route, 0));
  }

  private List<RouteProblem> validate(Route r, String label) {
    List<RouteProblem> problems = new ArrayList<>();
    if (r.name() == null || r.name().isBlank()) {
      problems.add(RouteProblem.of(label, "name", "a route needs a name"));
    } else {
      try {
        Topics.route(r.name());
      } catch (IllegalArgumentException e) {
        problems.add(RouteProblem.of(label, "name", e.getMessage()));
      }
    }
    if (r.sources().isEmpty()) {
      problems.add(
          RouteProblem.of(
              label, "sources", "at least one source topic is needed; one of " + frontingNames()));
    }
    Set<String> seen = new HashSet<>();
    for (String s : r.sources()) {
      if (!FRONTING.contains(s)) {
        problems.add(
            RouteProblem.of(
                label,
                "sources",
                "'" + s + "' is not a fronting topic; expected one of " + frontingNames()));
      } else if (!seen.add(s)) {
        problems.add(RouteProblem.of(label, "sources", "'" + s + "' listed twice"));
      }
    }
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    boolean typesOk = true;
    for (String name : r.eventTypes()) {
      EventType t = name == null ? null : EventType.byName(name);
      if (t == null) {
        typesOk = false;
        problems.add(
            RouteProblem.of(
                label,
                "event_types",
                "unknown event type '"
                    + name
                    + "'; expected one of "
                    + Arrays.stream(EventType.values()).map(EventType::simpleName).toList()));
      } else if (!types.add(t)) {
        problems.add(
            RouteProblem.of(label, "event_types", "'" + t.simpleName() + "' listed twice"));
      } else if (!r.sources().isEmpty() && !r.sources().contains(t.topic().name())) {
        typesOk = false;
        problems.add(
            RouteProblem.of(
                label,
                "event_types",
                t.simpleName()
                    + " is produced to "
                    + t.topic().name()
                    + ", which is not among this route's sources"));
      }
    }
    if (r.eventTypes().isEmpty()) {
      types = eventTypesOf(r);
    }
    if (!(r.sampleRate() >= 0.0 && r.sampleRate() <= 1.0)) {
      problems.add(
          RouteProblem.of(label, "sample_rate", "must be between 0 and 1, not " + r.sampleRate()));
    }
    if (r.destination() != null) {
      String d = r.destination();
      if (!TOPIC_NAME.matcher(d).matches()) {
        problems.add(
            RouteProblem.of(
                label,
                "destination",
                "'" + d + "' is not a valid topic name (letters, digits, '.', '_', '-')"));
      } else if (FRONTING.contains(d)
          || d.equals(Topics.DLQ.name())
          || d.equals(Topics.ROUTES.name())) {
        problems.add(
            RouteProblem.of(
                label,
                "destination",
                "'"
                    + d
                    + "' is a fronting, dead-letter or routes topic; a route must not write"
                    + " there"));
      }
    }
    boolean canCheckFields = typesOk && !types.isEmpty();
    if (r.filter() != null && canCheckFields) {
      try {
        compiler.compile(r.filter(), types);
      } catch (FilterCompileException e) {
        for (ExpressionIssue issue : e.issues()) {
          problems.add(
              new RouteProblem(label, "filter", issue.line(), issue.column(), issue.message()));
        }
      }
    }
    if (!r.projection().isEmpty() && canCheckFields) {
      problems.addAll(Projector.validate(label, r.projection(), types));
    }
    return problems;
  }

  /**
   * The event types a route applies to: its listed types, or every type its sources carry when none
   * are listed. Unknown names are left out.
   */
  public static Set<EventType> eventTypesOf(Route r) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    if (r.eventTypes().isEmpty()) {
      for (EventType t : EventType.values()) {
        if (r.sources().contains(t.topic().name())) {
          types.add(t);
        }
      }
    } else {
      for (String name : r.eventTypes()) {
        EventType t = name == null ? null : EventType.byName(name);
        if (t != null) {
          types.add(t);
        }
      }
    }
    return Collections.unmodifiableSet(types);
  }

  private static String label(Route r, int index) {
    return r.name() != null && !r.name().isBlank() ? r.name() : "#" + (index + 1);
  }

  private static List<String> frontingNames() {
    return Topics.fronting().stream().map(TopicSpec::name).toList();
  }
}
