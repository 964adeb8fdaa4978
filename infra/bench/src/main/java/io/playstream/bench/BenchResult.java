package io.playstream.bench;

import java.util.Locale;

/**
 * The one line every benchmark ends with, so results compare across runs: {@code RESULT
 * name=<bench> ours=<value> baseline=<value> ratio=<ours/baseline> unit=<unit>}.
 */
public record BenchResult(String name, double ours, double baseline, String unit) {

  public double ratio() {
    return baseline == 0 ? Double.NaN : ours / baseline;
  }

  /** The RESULT line. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "RESULT name=%s ours=%.1f baseline=%.1f ratio=%.3f unit=%s",
        name,
        ours,
        baseline,
        ratio(),
        unit);
  }
}
