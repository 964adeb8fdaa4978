package io.playstream.sinks.cassandra;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that writes records to Cassandra with the Java driver 4.x, asynchronously.
 *
 * <p>Each task opens its own session and prepares the {@link CassandraRecordMapper mapper}'s
 * statements. Writes are sent with {@code executeAsync}, at most {@link
 * CassandraSinkOptions#maxInFlight} at a time (more blocks the task: backpressure). A write that
 * fails with a transient error is retried with exponential backoff; a write that still fails after
 * {@link CassandraSinkOptions#maxRetries} retries goes to {@code playstream.dlq} with reason {@code
 * sink-write-failed}, one the node rejects for good (invalid value, unknown table) at once with
 * {@code sink-rejected}. Before every checkpoint the writer waits until all its writes and dead
 * letters are acknowledged, so a completed checkpoint covers only stored records (at-least-once);
 * the mapper's idempotent upserts turn the replays after a failure into no-ops.
 *
 * <p>Build with {@link #builder(CassandraRecordMapper)}.
 *
 * @param <T> record type
 */
public final class CassandraSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final CassandraSinkOptions options;
  private final CassandraRecordMapper<T> mapper;
  private final String name;

  private CassandraSink(
      CassandraSinkOptions options, CassandraRecordMapper<T> mapper, String name) {
    this.options = options;
    this.mapper = mapper;
    this.name = name;
  }

  /** Starts a sink for the records the mapper understands. */
  public static <T> Builder<T> builder(CassandraRecordMapper<T> mapper) {
    return new Builder<>(mapper);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new CassandraSinkWriter<>(
        options,
        mapper,
        name,
        context.getTaskInfo().getIndexOfThisSubtask(),
        context.metricGroup());
  }

  /** The options the writers use. */
  public CassandraSinkOptions options() {
    return options.copy();
  }

  /** The sink's name: its dead letters' component and its driver sessions' name prefix. */
  public String name() {
    return name;
  }

  /** Builds a {@link CassandraSink}. */
  public static final class Builder<T> {
    private final CassandraRecordMapper<T> mapper;
    private CassandraSinkOptions options = new CassandraSinkOptions();
    private String name = "cassandra-sink";

    private Builder(CassandraRecordMapper<T> mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Connection, keyspace, in-flight, retry and dead-letter options (copied). */
    public Builder<T> options(CassandraSinkOptions options) {
      this.options = Objects.requireNonNull(options, "options").copy();
      return this;
    }

    /**
     * The sink's name, used as the dead letters' component ({@code ps.dlq.instance}) and in the
     * driver session names (default {@code cassandra-sink}).
     */
    public Builder<T> name(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * The sink.
     *
     * @throws IllegalArgumentException when an option is invalid
     */
    public CassandraSink<T> build() {
      options.validate();
      return new CassandraSink<>(options.copy(), mapper, name);
    }
  }
}
