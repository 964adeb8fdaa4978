package io.playstream.router;

/**
 * One thing wrong with a route definition.
 *
 * @param route the route's name, or {@code #<n>} (1-based position in the file) when it has none
 * @param field the YAML field, e.g. {@code filter}, {@code projection.hash}, {@code sources}
 * @param line for expressions and YAML syntax: 1-based line, else 0
 * @param column for expressions and YAML syntax: 1-based column, else 0
 * @param message what is wrong, in a sentence
 */
public record RouteProblem(String route, String field, int line, int column, String message) {

  public static RouteProblem of(String route, String field, String message) {
    return new RouteProblem(route, field, 0, 0, message);
  }

  /** True when the problem has a position (an expression or a YAML syntax error). */
  public boolean hasPosition() {
    return line > 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("route ").append(route).append(": ").append(field);
    if (hasPosition()) {
      sb.append(" (line ").append(line).append(", column ").append(column).append(')');
    }
    return sb.append(": ").append(message).toString();
  }
}
