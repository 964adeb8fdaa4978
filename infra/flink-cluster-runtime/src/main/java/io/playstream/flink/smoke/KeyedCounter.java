package io.playstream.flink.smoke;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Counts the records of each key in keyed state and emits the key's new count. */
public final class KeyedCounter extends KeyedProcessFunction<Long, Long, Long> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<Long> count;

  @Override
  public void open(OpenContext openContext) {
    count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
  }

  @Override
  public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
    Long current = count.value();
    long next = (current == null ? 0 : current) + 1;
    count.update(next);
    out.collect(next);
  }
}
