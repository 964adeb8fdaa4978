package io.playstream.router;

import io.playstream.router.filter.CompiledFilter;
import io.playstream.router.filter.FilterCompileException;
import io.playstream.schemas.EventType;
import java.util.List;
import java.util.Set;

/** Validates a route and compiles it into a {@link CompiledRoute}. Thread-safe. */
public final class RouteCompiler {
  private final RouteValidator validator;
  private final HashKey hashKey;

  /**
   * @param hashKey the key for hashed fields; null only when no route hashes anything
   */
  public RouteCompiler(RouteValidator validator, HashKey hashKey) {
    this.validator = validator;
    this.hashKey = hashKey;
  }

  /** Parses a route text from the routes topic and compiles it. */
  public CompiledRoute compile(String name, String text) {
    List<Route> routes = RouteYaml.parse(text, name);
    if (routes.size() != 1) {
      throw new RouteValidationException(
          List.of(
              RouteProblem.of(
                  name,
                  "route",
                  "the routes topic holds one route per record, not " + routes.size())));
    }
    Route route = routes.get(0);
    if (!name.equals(route.name())) {
      throw new RouteValidationException(
          List.of(
              RouteProblem.of(
                  name,
                  "name",
                  "record key '"
                      + name
                      + "' differs from the route's name '"
                      + route.name()
                      + "'")));
    }
    return compile(route, text);
  }

  /**
   * Compiles a route.
   *
   * @throws RouteValidationException when it is not valid
   */
  public CompiledRoute compile(Route route, String text) {
    List<RouteProblem> problems = validator.validate(route);
    if (!problems.isEmpty()) {
      throw new RouteValidationException(problems);
    }
    Set<EventType> types = RouteValidator.eventTypesOf(route);
    CompiledFilter filter = null;
    if (route.filter() != null) {
      try {
        filter = validator.compiler().compile(route.filter(), types);
      } catch (FilterCompileException e) {
        throw new IllegalStateException("validated filter did not compile", e);
      }
    }
    Projector projector = null;
    if (!route.projection().isEmpty()) {
      if (!route.projection().hash().isEmpty() && hashKey == null) {
        throw new RouteValidationException(
            List.of(
                RouteProblem.of(
                    route.name(),
                    "projection.hash",
                    "this router has no hash key (--hash-key-file or " + HashKey.ENV + ")")));
      }
      projector = Projector.of(route.projection(), types, hashKey);
    }
    return new CompiledRoute(route, text, types, filter, projector, route.destinationTopic());
  }
}
