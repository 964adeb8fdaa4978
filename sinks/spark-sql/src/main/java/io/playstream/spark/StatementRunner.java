package io.playstream.spark;

/** Runs one SQL statement and returns at most {@code maxRows} of its rows. */
@FunctionalInterface
public interface StatementRunner {
  /**
   * Runs {@code sql}.
   *
   * @throws RuntimeException when the statement fails (the prompt reports it and goes on)
   */
  QueryResult run(String sql, int maxRows);
}
