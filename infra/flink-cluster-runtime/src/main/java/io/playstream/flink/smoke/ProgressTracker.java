package io.playstream.flink.smoke;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Passes records through and counts them in operator state. Gauge {@value #PROCESSED_GAUGE} is the
 * count including what restored state carried; gauge {@value #RESTORED_GAUGE} is the count the
 * state was restored with (0 on a fresh start), so a test or an operator can see through the REST
 * API that a resubmitted job resumed from its savepoint.
 */
public final class ProgressTracker extends RichMapFunction<Long, Long>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  /** Gauge: records counted, including restored state. */
  public static final String PROCESSED_GAUGE = "smokeProcessed";

  /** Gauge: records the restored state had counted (0 on a fresh start). */
  public static final String RESTORED_GAUGE = "smokeRestored";

  private transient ListState<Long> state;
  private transient volatile long processed;
  private transient volatile long restored;

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    state =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("processed", Types.LONG));
    restored = 0;
    if (context.isRestored()) {
      for (Long v : state.get()) {
        restored += v;
      }
    }
    processed = restored;
  }

  @Override
  public void open(OpenContext openContext) {
    getRuntimeContext().getMetricGroup().gauge(PROCESSED_GAUGE, (Gauge<Long>) () -> processed);
    getRuntimeContext().getMetricGroup().gauge(RESTORED_GAUGE, (Gauge<Long>) () -> restored);
  }

  @Override
  public Long map(Long value) {
    processed++;
    return value;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    state.update(List.of(processed));
  }

  /** Records counted so far, including restored state. */
  long processed() {
    return processed;
  }

  /** Records the restored state had counted. */
  long restored() {
    return restored;
  }
}
