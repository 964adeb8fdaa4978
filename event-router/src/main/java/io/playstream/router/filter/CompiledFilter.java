package io.playstream.router.filter;

/** A compiled filter: a predicate over an event, safe to call from many threads. */
public interface CompiledFilter {
  /**
   * Evaluates the filter.
   *
   * @return true when the event passes
   * @throws FilterEvaluationException when evaluation fails (for example a comparison with a null
   *     field), so the caller can dead-letter the event
   */
  boolean test(EventView event);

  /** The source expression. */
  String expression();
}
