package io.playstream.jobs.window;

import io.playstream.flink.RawEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Splits late raw records off before decoding: a record whose event time is at or behind the
 * current watermark (more out of order than the watermark's bounded out-of-orderness allows) goes
 * to {@link LateEvents#TAG} with its original bytes and headers plus the late headers; every other
 * record passes unchanged.
 *
 * <p>The rule is stricter than any window's own lateness (a window accepts an element until the
 * watermark passes the window's end), and downstream operators never see a smaller watermark than
 * this one had, so a record that passes the gate is on time in every event-time window after it:
 * each record is either counted in the windows or in the late topic, never both, never neither.
 */
public final class LateEventGate extends ProcessFunction<RawEvent, RawEvent> {
  private static final long serialVersionUID = 1L;

  private final String job;
  private transient Counter late;

  public LateEventGate(String job) {
    this.job = job;
  }

  @Override
  public void open(OpenContext ctx) {
    late = getRuntimeContext().getMetricGroup().counter("lateEvents");
  }

  @Override
  public void processElement(RawEvent e, Context ctx, Collector<RawEvent> out) {
    Long ts = ctx.timestamp();
    long watermark = ctx.timerService().currentWatermark();
    if (ts != null && ts <= watermark) {
      late.inc();
      ctx.output(LateEvents.TAG, LateEvents.mark(e, job, "gate", ts, watermark));
      return;
    }
    out.collect(e);
  }
}
