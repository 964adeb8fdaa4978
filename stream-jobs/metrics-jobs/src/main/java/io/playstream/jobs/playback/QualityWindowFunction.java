package io.playstream.jobs.playback;

import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.QualityDimension;
import io.playstream.jobs.MetricIds;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.HdrHistogram.IntCountsHistogram;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns the merged {@link QualityPartial} of one CDN server or ISP and window into a
 * PlaybackQualityMetric: percentiles read from the merged histogram (never averaged), the histogram
 * itself compressed for downstream merging, rebuffer ratio and mean bitrate.
 */
public final class QualityWindowFunction
    extends ProcessWindowFunction<QualityPartial, PlaybackQualityMetric, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final String job;

  public QualityWindowFunction(String job) {
    this.job = job;
  }

  @Override
  public void process(
      String key,
      Context ctx,
      Iterable<QualityPartial> merged,
      Collector<PlaybackQualityMetric> out) {
    for (QualityPartial p : merged) {
      out.collect(toMetric(job, p, ctx.window()));
    }
  }

  /** The metric of one merged partial in one window. */
  public static PlaybackQualityMetric toMetric(String job, QualityPartial p, TimeWindow w) {
    Instant end = Instant.ofEpochMilli(w.getEnd());
    PlaybackQualityMetric.Builder b =
        PlaybackQualityMetric.newBuilder()
            .setHeader(
                MetricIds.header(job, MetricIds.quality(p.dimension, p.value, w.getStart()), end))
            .setWindowStart(Instant.ofEpochMilli(w.getStart()))
            .setWindowEnd(end)
            .setDimension(QualityDimension.valueOf(p.dimension))
            .setDimensionValue(p.value)
            .setStarts(p.starts)
            .setHeartbeats(p.heartbeats)
            .setWatchMs(p.watchMs)
            .setRebufferCount(p.rebufferCount)
            .setRebufferMs(p.rebufferMs)
            .setRebufferRatio(p.watchMs > 0 ? (double) p.rebufferMs / p.watchMs : null)
            .setMeanBitrateKbps(
                p.bitrateWeight > 0 ? p.bitrateWeightedSum / p.bitrateWeight : null);
    if (p.hasLatencies()) {
      IntCountsHistogram h = p.histogram();
      b.setStartupLatencyP50Ms(h.getValueAtPercentile(50.0))
          .setStartupLatencyP90Ms(h.getValueAtPercentile(90.0))
          .setStartupLatencyP99Ms(h.getValueAtPercentile(99.0))
          .setStartupLatencyMaxMs(p.maxLatencyMs)
          .setStartupLatencyHistogram(ByteBuffer.wrap(LatencyHistograms.encodeCompressed(h)));
      QualityPartial.seal(p);
    } else {
      b.setStartupLatencyP50Ms(null)
          .setStartupLatencyP90Ms(null)
          .setStartupLatencyP99Ms(null)
          .setStartupLatencyMaxMs(null)
          .setStartupLatencyHistogram(null);
    }
    return b.build();
  }
}
