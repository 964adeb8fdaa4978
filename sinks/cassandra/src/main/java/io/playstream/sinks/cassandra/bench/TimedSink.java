package io.playstream.sinks.cassandra.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Wraps a sink and notes when its final flush (end of input: every write acknowledged) returned, so
 * the bench times the sink's work and not the job's teardown. The MiniCluster runs in the bench's
 * JVM, hence the static.
 */
final class TimedSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  static final AtomicLong END_OF_INPUT_FLUSHED_NANOS = new AtomicLong();

  private final Sink<T> delegate;

  TimedSink(Sink<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    SinkWriter<T> writer = delegate.createWriter(context);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) throws IOException, InterruptedException {
        writer.write(element, ctx);
      }

      @Override
      public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writer.flush(endOfInput);
        if (endOfInput) {
          END_OF_INPUT_FLUSHED_NANOS.set(System.nanoTime());
        }
      }

      @Override
      public void close() throws Exception {
        writer.close();
      }
    };
  }
}
