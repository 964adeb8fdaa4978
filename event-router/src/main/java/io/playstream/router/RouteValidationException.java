package io.playstream.router;

import java.util.List;
import java.util.stream.Collectors;

/** A route set was rejected; {@link #problems()} lists every problem found, each located. */
public final class RouteValidationException extends RuntimeException {
  private final List<RouteProblem> problems;

  public RouteValidationException(List<RouteProblem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + ", nothing applied:\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<RouteProblem> problems() {
    return problems;
  }
}
