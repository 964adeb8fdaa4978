package io.playstream.bench;

import java.util.Arrays;
import java.util.Collection;

/** Small statistics helpers for benchmark samples. */
public final class Stats {
  private Stats() {}

  /** Median of the samples (mean of the two middle ones for an even count). */
  public static double median(Collection<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }
}
