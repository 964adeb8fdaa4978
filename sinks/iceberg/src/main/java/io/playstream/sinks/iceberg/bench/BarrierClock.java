package io.playstream.sinks.iceberg.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * A pass-through that notes when each checkpoint's barrier passed it (the earliest subtask), so the
 * bench can measure how long after a checkpoint started its data was committed. The bench runs a
 * local MiniCluster in its own JVM, so a static map is shared with the tasks.
 */
public final class BarrierClock<T> implements MapFunction<T, T>, CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  /** Checkpoint id → wall-clock millis the first barrier passed. */
  public static final Map<Long, Long> BARRIERS = new ConcurrentHashMap<>();

  @Override
  public T map(T value) {
    return value;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) {
    BARRIERS.merge(context.getCheckpointId(), System.currentTimeMillis(), Math::min);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) {
    // stateless
  }
}
