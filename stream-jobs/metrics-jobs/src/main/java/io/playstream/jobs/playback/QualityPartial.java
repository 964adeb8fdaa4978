package io.playstream.jobs.playback;

import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.QualityDimension;
import java.util.List;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Partial aggregate of playback quality for one CDN server or ISP: startup latencies in a mergeable
 * HdrHistogram, and heartbeat sums for the rebuffer ratio and the interval-weighted mean bitrate.
 *
 * <p>A Flink POJO without Kryo: the histogram travels and is stored as bytes ({@link
 * #latencyHistogram}, HdrHistogram's V2 encoding); {@link #live} is the working copy while partials
 * are merged on the heap and is transient (never serialized). {@link #seal} moves the working copy
 * back into the bytes; every partial that leaves an operator or enters Flink state is sealed. A
 * partial made from one event keeps its one latency in {@link #latencySample} instead of allocating
 * a histogram.
 */
public class QualityPartial {
  public String dimension;
  public String value;
  public long starts;

  /** One latency not yet in a histogram, or -1. */
  public long latencySample = -1;

  /** Encoded latencies (V2, uncompressed), or null. */
  public byte[] latencyHistogram;

  /** Exact largest latency, or -1 without starts. */
  public long maxLatencyMs = -1;

  public long heartbeats;
  public long watchMs;
  public long rebufferCount;
  public long rebufferMs;
  public double bitrateWeightedSum;
  public long bitrateWeight;

  /** Working histogram while merging on the heap; never serialized. */
  public transient IntCountsHistogram live;

  public QualityPartial() {}

  private QualityPartial(QualityDimension dimension, String value) {
    this.dimension = dimension.name();
    this.value = value;
  }

  /** The two partials of a stream start: one per CDN server, one per ISP. */
  public static List<QualityPartial> of(PlaybackStarted s) {
    return List.of(
        start(QualityDimension.CDN_SERVER, s.getCdnServerId(), s.getStartupLatencyMs()),
        start(QualityDimension.ISP, s.getIsp(), s.getStartupLatencyMs()));
  }

  private static QualityPartial start(QualityDimension d, String value, long latencyMs) {
    QualityPartial p = new QualityPartial(d, value);
    p.starts = 1;
    p.latencySample = latencyMs;
    p.maxLatencyMs = latencyMs;
    return p;
  }

  /**
   * The partial of a heartbeat, for its CDN server. Heartbeats without an interval (v1 writers)
   * weigh 1 ms in the bitrate mean and add no watch time.
   */
  public static QualityPartial of(PlaybackHeartbeat h) {
    QualityPartial p = new QualityPartial(QualityDimension.CDN_SERVER, h.getCdnServerId());
    long interval = Math.max(0, h.getIntervalMs());
    p.heartbeats = 1;
    p.watchMs = interval;
    p.rebufferCount = h.getRebufferCount();
    p.rebufferMs = h.getRebufferDurationMs();
    long weight = Math.max(1, interval);
    p.bitrateWeightedSum = (double) h.getBitrateKbps() * weight;
    p.bitrateWeight = weight;
    return p;
  }

  /** The grouping key, {@code <dimension>:<value>}. */
  public String key() {
    return dimension + ":" + value;
  }

  /** Adds b into a (a's histogram stays live) and returns a. */
  public static QualityPartial merge(QualityPartial a, QualityPartial b) {
    a.starts += b.starts;
    a.maxLatencyMs = Math.max(a.maxLatencyMs, b.maxLatencyMs);
    a.heartbeats += b.heartbeats;
    a.watchMs += b.watchMs;
    a.rebufferCount += b.rebufferCount;
    a.rebufferMs += b.rebufferMs;
    a.bitrateWeightedSum += b.bitrateWeightedSum;
    a.bitrateWeight += b.bitrateWeight;
    if (b.hasLatencies()) {
      IntCountsHistogram h = a.histogram();
      if (b.live != null) {
        h.add(b.live);
      } else if (b.latencyHistogram != null) {
        h.add(LatencyHistograms.decode(b.latencyHistogram));
      }
      if (b.latencySample >= 0) {
        LatencyHistograms.record(h, b.latencySample);
      }
    }
    return a;
  }

  /** {@link #merge} then {@link #seal}: for reducing state, which may be serialized any time. */
  public static QualityPartial mergeSealed(QualityPartial a, QualityPartial b) {
    return seal(merge(a, b));
  }

  /** Encodes the working histogram into {@link #latencyHistogram} and returns the partial. */
  public static QualityPartial seal(QualityPartial p) {
    if (p.live != null) {
      p.latencyHistogram = LatencyHistograms.encode(p.live);
      p.live = null;
    }
    return p;
  }

  /** True when the partial holds at least one latency. */
  public boolean hasLatencies() {
    return live != null || latencyHistogram != null || latencySample >= 0;
  }

  /**
   * The working histogram with every latency of this partial in it (materialized from the bytes or
   * the single sample on first use).
   */
  public IntCountsHistogram histogram() {
    if (live == null) {
      live =
          latencyHistogram != null
              ? LatencyHistograms.decode(latencyHistogram)
              : LatencyHistograms.create();
      latencyHistogram = null;
      if (latencySample >= 0) {
        LatencyHistograms.record(live, latencySample);
        latencySample = -1;
      }
    }
    return live;
  }

  @Override
  public String toString() {
    return key() + " starts=" + starts + " heartbeats=" + heartbeats;
  }
}
