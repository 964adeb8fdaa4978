package io.playstream.jobs.cdn;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Stamps a server's merged aggregate with its window bounds. */
public final class CdnWindowFunction
    extends ProcessWindowFunction<CdnServerAgg, CdnServerAgg, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String serverId, Context ctx, Iterable<CdnServerAgg> merged, Collector<CdnServerAgg> out) {
    for (CdnServerAgg a : merged) {
      a.windowStart = ctx.window().getStart();
      a.windowEnd = ctx.window().getEnd();
      out.collect(a);
    }
  }
}
