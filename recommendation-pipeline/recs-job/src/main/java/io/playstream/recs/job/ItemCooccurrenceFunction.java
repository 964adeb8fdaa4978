package io.playstream.recs.job;

import io.playstream.recs.DecayedCounts;
import io.playstream.recs.ItemCooccurrence;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item: maintains the item's decayed occurrence and co-occurrence counts ({@link
 * ItemCooccurrence}, bounded) and, {@code snapshotInterval} after its first change, broadcasts a
 * new {@link io.playstream.recs.ItemSnapshot} (debounced: changes in between go into the same
 * snapshot). Counters that decayed below {@code minCount} are dropped at each snapshot; the whole
 * state is dropped (and an {@code ITEM_REMOVED} broadcast) after {@code itemIdle} without updates.
 */
public class ItemCooccurrenceFunction
    extends KeyedProcessFunction<String, ItemUpdate, ModelUpdate> {
  private final RecsJobConfig config;
  private transient ValueState<CountsState> state;
  private transient Counter snapshots;

  public ItemCooccurrenceFunction(RecsJobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext ctx) {
    state =
        getRuntimeContext().getState(new ValueStateDescriptor<>("item-counts", CountsState.class));
    snapshots = getRuntimeContext().getMetricGroup().counter("itemSnapshots");
  }

  private ItemCooccurrence restore(String item, CountsState s) {
    ItemCooccurrence c =
        new ItemCooccurrence(
            item,
            config.streaming().cooccurrenceDecay(),
            config.streaming().cooccurrenceCapacity());
    if (s.countTime != Long.MIN_VALUE) {
      c.restoreCount(s.count, s.countTime);
    }
    for (int i = 0; i < s.keys.length; i++) {
      c.restoreCooccurrence(s.keys[i], s.values[i], s.times[i]);
    }
    return c;
  }

  private static void store(ItemCooccurrence c, CountsState s) {
    s.count = c.rawCount();
    s.countTime = c.countTime();
    var entries = c.cooccurrences();
    s.keys = new String[entries.size()];
    s.values = new double[entries.size()];
    s.times = new long[entries.size()];
    for (int i = 0; i < s.keys.length; i++) {
      DecayedCounts.Entry e = entries.get(i);
      s.keys[i] = e.key();
      s.values[i] = e.value();
      s.times[i] = e.time();
    }
  }

  @Override
  public void processElement(ItemUpdate u, Context ctx, Collector<ModelUpdate> out)
      throws Exception {
    CountsState s = state.value();
    if (s == null) {
      s = new CountsState();
    }
    ItemCooccurrence c = restore(u.item, s);
    if (u.other == null) {
      c.addOccurrence(u.weight, u.time);
    } else {
      c.addCooccurrence(u.other, u.weight, u.time);
    }
    store(c, s);
    long now = ctx.timerService().currentProcessingTime();
    s.lastSeen = now;
    if (s.emitTimer == 0) {
      s.emitTimer = now + config.snapshotInterval().toMillis();
      ctx.timerService().registerProcessingTimeTimer(s.emitTimer);
    }
    if (s.cleanupTimer == 0) {
      s.cleanupTimer = now + config.itemIdle().toMillis();
      ctx.timerService().registerProcessingTimeTimer(s.cleanupTimer);
    }
    state.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelUpdate> out)
      throws Exception {
    CountsState s = state.value();
    if (s == null) {
      return;
    }
    String item = ctx.getCurrentKey();
    if (timestamp == s.cleanupTimer) {
      long idleUntil = s.lastSeen + config.itemIdle().toMillis();
      if (timestamp >= idleUntil) {
        if (s.emitTimer != 0) {
          ctx.timerService().deleteProcessingTimeTimer(s.emitTimer);
        }
        state.clear();
        out.collect(ModelUpdate.itemRemoved(item));
        return;
      }
      s.cleanupTimer = idleUntil;
      ctx.timerService().registerProcessingTimeTimer(idleUntil);
    }
    if (timestamp == s.emitTimer) {
      s.emitTimer = 0;
      ItemCooccurrence c = restore(item, s);
      c.expire(c.latestTime(), config.minCount());
      store(c, s);
      out.collect(ModelUpdate.snapshot(c.snapshot(config.streaming().snapshotSize())));
      snapshots.inc();
    }
    state.update(s);
  }
}
