package io.playstream.jobs.playback;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import org.HdrHistogram.IntCountsHistogram;

/**
 * The HdrHistogram configuration of startup latencies and its byte encodings. Latencies are
 * recorded in milliseconds from 0 to {@link #HIGHEST_MS} with two significant digits (1 %
 * resolution; exact below 256 ms); larger values are clamped to the highest.
 */
public final class LatencyHistograms {
  /** Highest trackable latency: 10 minutes. */
  public static final long HIGHEST_MS = 600_000L;

  /** Significant decimal digits kept. */
  public static final int DIGITS = 2;

  private LatencyHistograms() {}

  /** An empty histogram. */
  public static IntCountsHistogram create() {
    return new IntCountsHistogram(1, HIGHEST_MS, DIGITS);
  }

  /** Records a latency, clamped into the trackable range. */
  public static void record(IntCountsHistogram h, long latencyMs) {
    h.recordValue(Math.max(0, Math.min(HIGHEST_MS, latencyMs)));
  }

  /** Uncompressed V2 encoding (cheap; used for Flink state and partials). */
  public static byte[] encode(IntCountsHistogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    h.encodeIntoByteBuffer(buf);
    return Arrays.copyOf(buf.array(), buf.position());
  }

  /** Decodes {@link #encode}. */
  public static IntCountsHistogram decode(byte[] bytes) {
    return IntCountsHistogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_MS);
  }

  /** Compressed encoding ({@code encodeIntoCompressedByteBuffer}), for published metrics. */
  public static byte[] encodeCompressed(IntCountsHistogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return Arrays.copyOf(buf.array(), n);
  }

  /** Decodes {@link #encodeCompressed} (for readers of the metric topic and tests). */
  public static IntCountsHistogram decodeCompressed(byte[] bytes) {
    try {
      return IntCountsHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_MS);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("not a compressed HdrHistogram", e);
    }
  }
}
