package io.playstream.recs.job;

import io.playstream.recs.DecayedCounts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by country: counts plays with exponential decay ({@code trendingHalfLife}, bounded to
 * {@code trendingCapacity} titles) and, {@code trendingInterval} after the first play since the
 * last list, broadcasts the country's top {@code trendingSize}. Counts that decayed below {@code
 * minCount} are dropped at each emission.
 */
public class TrendingFunction extends KeyedProcessFunction<String, Play, ModelUpdate> {
  private final RecsJobConfig config;
  private transient ValueState<CountsState> state;

  public TrendingFunction(RecsJobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext ctx) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("trending-counts", CountsState.class));
  }

  private DecayedCounts counts(CountsState s) {
    return s.toCounts(
        config.streaming().trendingDecay(), config.streaming().trendingCapacity(), false);
  }

  @Override
  public void processElement(Play p, Context ctx, Collector<ModelUpdate> out) throws Exception {
    CountsState s = state.value();
    if (s == null) {
      s = new CountsState();
    }
    DecayedCounts c = counts(s);
    c.add(p.titleId, p.weight, p.time);
    s.store(c);
    if (s.emitTimer == 0) {
      s.emitTimer =
          ctx.timerService().currentProcessingTime() + config.trendingInterval().toMillis();
      ctx.timerService().registerProcessingTimeTimer(s.emitTimer);
    }
    state.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelUpdate> out)
      throws Exception {
    CountsState s = state.value();
    if (s == null || timestamp != s.emitTimer) {
      return;
    }
    s.emitTimer = 0;
    DecayedCounts c = counts(s);
    c.expire(c.latestTime(), config.minCount());
    String[] top =
        c.top(config.trendingSize()).stream().map(DecayedCounts.Entry::key).toArray(String[]::new);
    long time = c.isEmpty() ? timestamp : c.latestTime();
    out.collect(ModelUpdate.trending(ctx.getCurrentKey(), top, time));
    if (c.isEmpty()) {
      state.clear();
    } else {
      s.store(c);
      state.update(s);
    }
  }
}
