package io.playstream.sinks.cassandra;

import io.playstream.flink.DeadLetter;
import java.io.Serializable;
import java.util.Map;

/**
 * The pure part of a Cassandra sink: which statements it prepares and how one record becomes one
 * write. Serializable (it travels with the sink to the task managers); it must not hold a session.
 *
 * <p>Writes must be idempotent upserts: the primary key comes from the record (never from the time
 * of writing or a counter), and the write timestamp should too ({@code USING TIMESTAMP}), so
 * writing a record again after a failure and replay changes nothing.
 *
 * @param <T> the sink's record type
 */
public interface CassandraRecordMapper<T> extends Serializable {
  /**
   * The CQL statements to prepare once per sink task, by name, for the given keyspace. Every write
   * names one of them.
   */
  Map<String, String> statements(String keyspace);

  /**
   * The write for a record, or {@code null} to skip it (a type this sink does not store).
   *
   * @throws RejectedRecordException when the record can never be written (not decodable, a key
   *     missing); the sink dead-letters it without retrying
   */
  CqlWrite toWrite(T record);

  /**
   * The dead letter of a record the sink gives up on: its original bytes, origin and the reason.
   */
  DeadLetter deadLetter(T record, String reason, String detail);
}
