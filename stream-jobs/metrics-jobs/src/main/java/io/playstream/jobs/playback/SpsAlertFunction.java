package io.playstream.jobs.playback;

import io.playstream.events.AlertState;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.jobs.MetricIds;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The signature SPS alert: per country, compares each window's stream starts per second with the
 * country's own trailing baseline and opens an alert when SPS stays below {@code (1 - dropShare) x
 * baseline} for at least {@code duration}; resolves it at the first window back above the
 * threshold.
 *
 * <p>Input: SpsMetric of one window size, keyed by country (device types are summed here). Each
 * window is evaluated by an event-time timer at its end, after every device's metric of that window
 * has arrived (window results precede the watermark that fired them). A window without any starts
 * is a window with SPS 0 — the timer chain keeps evaluating while the country is tracked, so a
 * country going dark alerts instead of going silent.
 *
 * <p>Baseline: running mean over the warm-up windows (no alerts yet), then an EWMA with the
 * configured half-life, frozen while SPS is below the threshold so a drop does not drag its own
 * baseline down. Countries whose baseline is under {@code minBaselineSps} never alert; when such a
 * country's baseline decays to almost nothing (no traffic), its state and timers are cleared.
 */
public final class SpsAlertFunction extends KeyedProcessFunction<String, SpsMetric, SpsAlert> {
  private static final long serialVersionUID = 1L;

  private final String job;
  private final long windowMs;
  private final double dropShare;
  private final long durationMs;
  private final double alpha;
  private final int warmupWindows;
  private final double minBaselineSps;
  private final double forgetBelowSps;

  private transient ValueState<SpsAlertState> state;
  private transient MapState<Long, Long> startsByWindowEnd;
  private transient Counter opened;
  private transient Counter resolved;

  /**
   * @param window the SPS window size the input carries
   * @param dropShare share of the baseline SPS must drop by (0.5 = below half)
   * @param duration how long SPS must stay below the threshold
   * @param halfLife half-life of the EWMA baseline
   * @param warmup time of baseline learning before alerting
   * @param minBaselineSps countries with a smaller baseline do not alert
   */
  public SpsAlertFunction(
      String job,
      Duration window,
      double dropShare,
      Duration duration,
      Duration halfLife,
      Duration warmup,
      double minBaselineSps) {
    this.job = job;
    this.windowMs = window.toMillis();
    this.dropShare = dropShare;
    this.durationMs = duration.toMillis();
    this.alpha = 1 - Math.pow(0.5, (double) windowMs / halfLife.toMillis());
    this.warmupWindows = (int) Math.max(1, warmup.toMillis() / windowMs);
    this.minBaselineSps = minBaselineSps;
    this.forgetBelowSps = minBaselineSps / 100;
  }

  @Override
  public void open(OpenContext ctx) {
    state =
        getRuntimeContext().getState(new ValueStateDescriptor<>("sps-alert", SpsAlertState.class));
    startsByWindowEnd =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("starts-by-window-end", Types.LONG, Types.LONG));
    opened = getRuntimeContext().getMetricGroup().counter("alertsOpened");
    resolved = getRuntimeContext().getMetricGroup().counter("alertsResolved");
  }

  @Override
  public void processElement(SpsMetric m, Context ctx, Collector<SpsAlert> out) throws Exception {
    long end = m.getWindowEnd().toEpochMilli();
    SpsAlertState s = state.value();
    if (s != null && end <= s.lastEvaluated) {
      return; // cannot happen with on-time windows; an evaluated window is final
    }
    Long before = startsByWindowEnd.get(end);
    startsByWindowEnd.put(end, (before == null ? 0 : before) + m.getStarts());
    ctx.timerService().registerEventTimeTimer(end - 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SpsAlert> out)
      throws Exception {
    long end = timestamp + 1;
    Long starts = startsByWindowEnd.get(end);
    startsByWindowEnd.remove(end);
    SpsAlertState s = state.value();
    if (s == null) {
      s = new SpsAlertState();
    }
    double sps = (starts == null ? 0 : starts) * 1000.0 / windowMs;
    evaluate(ctx.getCurrentKey(), s, end, sps, out);
    s.lastEvaluated = end;
    boolean tracked = s.open || s.dropStart >= 0 || s.baseline >= forgetBelowSps;
    if (tracked || !startsByWindowEnd.isEmpty()) {
      state.update(s);
      // the final watermark (end of a bounded input) closes every window there will ever be: do
      // not chain an endless series of empty windows after it
      if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
        ctx.timerService().registerEventTimeTimer(timestamp + windowMs);
      }
    } else {
      state.clear();
      startsByWindowEnd.clear();
    }
  }

  private void evaluate(
      String country, SpsAlertState s, long end, double sps, Collector<SpsAlert> out) {
    if (s.windows < warmupWindows) {
      s.windows++;
      s.baseline += (sps - s.baseline) / s.windows;
      return;
    }
    double threshold = (1 - dropShare) * s.baseline;
    if (s.baseline >= minBaselineSps && sps < threshold) {
      if (s.dropStart < 0) {
        s.dropStart = end;
        s.dropBaseline = s.baseline;
      }
      long lowFor = end - s.dropStart + windowMs;
      if (!s.open && lowFor >= durationMs) {
        s.open = true;
        s.openedAt = s.dropStart;
        opened.inc();
        out.collect(alert(country, AlertState.OPENED, s, end, sps));
      }
      return; // baseline frozen during the drop
    }
    if (s.open) {
      resolved.inc();
      out.collect(alert(country, AlertState.RESOLVED, s, end, sps));
      s.open = false;
      s.openedAt = -1;
    }
    s.dropStart = -1;
    s.baseline = alpha * sps + (1 - alpha) * s.baseline;
  }

  private SpsAlert alert(String country, AlertState st, SpsAlertState s, long end, double sps) {
    String alertId = country + "@" + s.openedAt;
    double base = s.dropBaseline;
    return SpsAlert.newBuilder()
        .setHeader(
            MetricIds.header(job, MetricIds.alert(alertId, st.name()), Instant.ofEpochMilli(end)))
        .setAlertId(alertId)
        .setCountry(country)
        .setState(st)
        .setOpenedAt(Instant.ofEpochMilli(s.openedAt))
        .setResolvedAt(st == AlertState.RESOLVED ? Instant.ofEpochMilli(end) : null)
        .setEvaluatedAt(Instant.ofEpochMilli(end))
        .setObservedSps(sps)
        .setBaselineSps(base)
        .setDropShare(base > 0 ? 1 - sps / base : 0)
        .setThresholdShare(dropShare)
        .setWindowSeconds((int) Math.max(1, windowMs / 1000))
        .build();
  }
}
