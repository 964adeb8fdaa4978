package io.playstream.jobs.playback;

/** Per-country state of {@link SpsAlertFunction} (a Flink POJO). */
public class SpsAlertState {
  /** Trailing SPS baseline (running mean during warm-up, then EWMA; frozen during a drop). */
  public double baseline;

  /** Windows evaluated so far, capped at the warm-up count. */
  public int windows;

  /** Window end of the first window of the current drop, or -1 when not in a drop. */
  public long dropStart = -1;

  /** True while an alert is open. */
  public boolean open;

  /** Window end the open alert was opened at (its dropStart). */
  public long openedAt = -1;

  /** Baseline when the drop began (what the alert compares with). */
  public double dropBaseline;

  /** End of the last evaluated window. */
  public long lastEvaluated = Long.MIN_VALUE;

  public SpsAlertState() {}
}
