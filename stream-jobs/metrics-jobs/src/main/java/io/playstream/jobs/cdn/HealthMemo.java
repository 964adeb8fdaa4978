package io.playstream.jobs.cdn;

/** What {@link HealthTransitionFunction} remembers of a server (a Flink POJO). */
public class HealthMemo {
  public boolean healthy;
  public long lastReportAt;
  public String region;

  public HealthMemo() {}
}
