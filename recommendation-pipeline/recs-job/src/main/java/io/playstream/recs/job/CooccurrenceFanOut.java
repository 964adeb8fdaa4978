package io.playstream.recs.job;

import io.playstream.recs.ProfileHistory;
import io.playstream.recs.Trending;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by profile: keeps the profile's recent window ({@link ProfileHistory}) and turns each title
 * it consumes for the first time into item updates — one occurrence of the title and one
 * co-occurrence in each direction with every title of the window — and every play into trending
 * plays (its country and the global list, side output {@link #PLAYS}). Profile state is dropped
 * after {@code profileIdle} without activity.
 */
public class CooccurrenceFanOut extends KeyedProcessFunction<String, Activity, ItemUpdate> {
  /** Plays for the trending operator. */
  public static final OutputTag<Play> PLAYS =
      new OutputTag<>("trending-plays", TypeInformation.of(Play.class));

  private final RecsJobConfig config;
  private transient ValueState<ProfileState> state;
  private transient Counter pairs;

  public CooccurrenceFanOut(RecsJobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext ctx) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("profile-window", ProfileState.class));
    pairs = getRuntimeContext().getMetricGroup().counter("cooccurrencePairs");
  }

  @Override
  public void processElement(Activity a, Context ctx, Collector<ItemUpdate> out) throws Exception {
    ProfileState s = state.value();
    if (s == null) {
      s = new ProfileState();
    }
    ProfileHistory h = s.toHistory(config.streaming().window(), config.streaming().maxExcluded());
    boolean repeat = a.titleId != null && h.isExcluded(a.titleId);
    List<ProfileHistory.Entry> window = ProfileState.apply(h, a);
    if (a.isConsumption() && !repeat) {
      out.collect(new ItemUpdate(a.titleId, null, a.weight, a.time));
      for (ProfileHistory.Entry e : window) {
        double w = Math.min(a.weight, e.weight());
        out.collect(new ItemUpdate(a.titleId, e.item(), w, a.time));
        out.collect(new ItemUpdate(e.item(), a.titleId, w, a.time));
      }
      pairs.inc(window.size());
    }
    if (a.kind == Activity.Kind.PLAY && a.titleId != null) {
      ctx.output(PLAYS, new Play(Trending.GLOBAL, a.titleId, a.weight, a.time));
      if (h.country() != null) {
        ctx.output(PLAYS, new Play(h.country(), a.titleId, a.weight, a.time));
      }
    }
    s.store(h);
    long now = ctx.timerService().currentProcessingTime();
    s.lastSeen = now;
    if (s.cleanupTimer == 0) {
      s.cleanupTimer = now + config.profileIdle().toMillis();
      ctx.timerService().registerProcessingTimeTimer(s.cleanupTimer);
    }
    state.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemUpdate> out)
      throws Exception {
    ProfileState s = state.value();
    if (s == null || timestamp != s.cleanupTimer) {
      return;
    }
    long idleUntil = s.lastSeen + config.profileIdle().toMillis();
    if (timestamp >= idleUntil) {
      state.clear();
    } else {
      s.cleanupTimer = idleUntil;
      ctx.timerService().registerProcessingTimeTimer(idleUntil);
      state.update(s);
    }
  }
}
