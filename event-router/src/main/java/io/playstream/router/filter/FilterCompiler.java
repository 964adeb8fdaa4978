package io.playstream.router.filter;

import io.playstream.schemas.EventType;
import java.util.Set;

/**
 * Compiles a filter expression for the events of a route. Implementations are thread-safe; the
 * {@link CompiledFilter}s they return are too.
 */
public interface FilterCompiler {
  /** The language name, e.g. {@code cel}. */
  String language();

  /**
   * Parses and type-checks an expression against the variables of the given event types (see {@link
   * EventFields}).
   *
   * @throws FilterCompileException with every problem found, each with its position
   */
  CompiledFilter compile(String expression, Set<EventType> eventTypes)
      throws FilterCompileException;
}
