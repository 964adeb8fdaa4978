package io.playstream.sinks.elasticsearch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A Sink V2 that collects into a list of this JVM (tests with a MiniCluster in the same JVM). */
final class CollectingSink<T> implements Sink<T> {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  CollectingSink() {
    RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
  }

  @SuppressWarnings("unchecked")
  List<T> values() {
    synchronized (RESULTS.get(id)) {
      return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
    }
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> target = RESULTS.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        target.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
