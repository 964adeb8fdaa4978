package io.playstream.services.recommendations;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where recommendation rows are read from: Cassandra in production ({@link CassandraRecsStore}), a
 * fake in tests. Reads are asynchronous; the caller bounds them with a time limiter and a circuit
 * breaker.
 */
public interface RecsStore extends AutoCloseable {
  /**
   * The row under {@code key} (a profile id or {@code trending:<country>}).
   *
   * @return a stage completed with the row, or empty when there is none, or failed when the store
   *     could not answer; it must not block the caller
   */
  CompletionStage<Optional<RecsRow>> find(String key);

  /** Where the rows come from, for logs and {@code /v1/stats}. */
  String describe();

  @Override
  void close();
}
