package io.playstream.jobs.playback;

import io.playstream.events.SpsMetric;
import io.playstream.jobs.MetricIds;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns the merged {@link SpsCounts} of one country, device and window into an SpsMetric. */
public final class SpsWindowFunction
    extends ProcessWindowFunction<SpsCounts, SpsMetric, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final String job;

  public SpsWindowFunction(String job) {
    this.job = job;
  }

  @Override
  public void process(
      String key, Context ctx, Iterable<SpsCounts> merged, Collector<SpsMetric> out) {
    for (SpsCounts c : merged) {
      out.collect(toMetric(job, c, ctx.window()));
    }
  }

  /** The metric of one merged partial in one window. */
  public static SpsMetric toMetric(String job, SpsCounts c, TimeWindow w) {
    int seconds = (int) Math.max(1, (w.getEnd() - w.getStart()) / 1000);
    Instant end = Instant.ofEpochMilli(w.getEnd());
    return SpsMetric.newBuilder()
        .setHeader(
            MetricIds.header(
                job, MetricIds.sps(seconds, c.country, c.deviceType, w.getStart()), end))
        .setWindowStart(Instant.ofEpochMilli(w.getStart()))
        .setWindowEnd(end)
        .setWindowSeconds(seconds)
        .setCountry(c.country)
        .setDeviceType(c.deviceType)
        .setStarts(c.starts)
        .setSps((double) c.starts / seconds)
        .setPlayFailures(c.failures)
        .setFailureRate(c.failureRate())
        .build();
  }
}
