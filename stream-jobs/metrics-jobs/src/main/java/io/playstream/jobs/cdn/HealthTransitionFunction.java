package io.playstream.jobs.cdn;

import io.playstream.events.CdnServerHealth;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.jobs.MetricIds;
import io.playstream.schemas.Events;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Emits a CdnServerHealthChanged when a server's reported health flips, keyed by server id. The
 * first report of a server emits only when it is unhealthy (a server already down when the job
 * starts is news). Reports older than the last one seen are ignored (counted), so out-of-order
 * reports cannot flap. A server silent for {@code ttl} (event time) is forgotten: state and timer
 * are cleared.
 */
public final class HealthTransitionFunction
    extends KeyedProcessFunction<String, CdnServerHealth, CdnServerHealthChanged> {
  private static final long serialVersionUID = 1L;

  private final String job;
  private final long ttlMs;
  private transient ValueState<HealthMemo> memo;
  private transient Counter outOfOrder;
  private transient Counter turnedUnhealthy;

  public HealthTransitionFunction(String job, Duration ttl) {
    this.job = job;
    this.ttlMs = ttl.toMillis();
  }

  @Override
  public void open(OpenContext ctx) {
    memo = getRuntimeContext().getState(new ValueStateDescriptor<>("health", HealthMemo.class));
    outOfOrder = getRuntimeContext().getMetricGroup().counter("reportsOutOfOrder");
    turnedUnhealthy = getRuntimeContext().getMetricGroup().counter("serversTurnedUnhealthy");
  }

  @Override
  public void processElement(
      CdnServerHealth report, Context ctx, Collector<CdnServerHealthChanged> out) throws Exception {
    long at = Events.header(report).getEventTime().toEpochMilli();
    HealthMemo m = memo.value();
    if (m != null && at <= m.lastReportAt) {
      outOfOrder.inc();
      return;
    }
    boolean healthy = report.getHealthy();
    if (m == null ? !healthy : m.healthy != healthy) {
      if (!healthy) {
        turnedUnhealthy.inc();
      }
      out.collect(
          CdnServerHealthChanged.newBuilder()
              .setHeader(
                  MetricIds.header(
                      job,
                      MetricIds.healthChange(report.getServerId(), at),
                      Instant.ofEpochMilli(at)))
              .setServerId(report.getServerId())
              .setRegion(report.getRegion())
              .setHealthy(healthy)
              .setChangedAt(Instant.ofEpochMilli(at))
              .setPreviousReportAt(m == null ? null : Instant.ofEpochMilli(m.lastReportAt))
              .setLoad(report.getLoad())
              .build());
    }
    if (m == null) {
      m = new HealthMemo();
    } else {
      ctx.timerService().deleteEventTimeTimer(m.lastReportAt + ttlMs);
    }
    m.healthy = healthy;
    m.lastReportAt = at;
    m.region = report.getRegion();
    memo.update(m);
    ctx.timerService().registerEventTimeTimer(at + ttlMs);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CdnServerHealthChanged> out)
      throws Exception {
    HealthMemo m = memo.value();
    if (m != null && timestamp >= m.lastReportAt + ttlMs) {
      memo.clear();
    }
  }
}
