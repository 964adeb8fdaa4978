package io.playstream.simulator.model;

/**
 * Client device classes with their share of profiles and how they behave: how fast they start, the
 * highest bitrate they play, how long their viewers keep watching and how many frames they drop.
 */
public enum DeviceType {
  TV("tv", 0.40, 900, 5800, 1.00, 0.5),
  MOBILE("mobile", 0.25, 1300, 3000, 0.55, 2.0),
  WEB("web", 0.15, 1100, 4300, 0.75, 1.5),
  TABLET("tablet", 0.10, 1200, 3000, 0.70, 1.0),
  CONSOLE("console", 0.10, 1000, 5800, 0.95, 0.5);

  private final String wireName;
  private final double weight;
  private final int baseStartupMs;
  private final int maxBitrateKbps;
  private final double watchFactor;
  private final double baseDroppedFrames;

  DeviceType(
      String wireName,
      double weight,
      int baseStartupMs,
      int maxBitrateKbps,
      double watchFactor,
      double baseDroppedFrames) {
    this.wireName = wireName;
    this.weight = weight;
    this.baseStartupMs = baseStartupMs;
    this.maxBitrateKbps = maxBitrateKbps;
    this.watchFactor = watchFactor;
    this.baseDroppedFrames = baseDroppedFrames;
  }

  /** The name in events and API bodies, e.g. {@code tv}. */
  public String wireName() {
    return wireName;
  }

  public double weight() {
    return weight;
  }

  /** Median startup latency on an idle server. */
  public int baseStartupMs() {
    return baseStartupMs;
  }

  public int maxBitrateKbps() {
    return maxBitrateKbps;
  }

  /** Multiplier on how much of a title viewers on this device watch. */
  public double watchFactor() {
    return watchFactor;
  }

  /** Mean dropped frames per heartbeat on an idle server. */
  public double baseDroppedFrames() {
    return baseDroppedFrames;
  }

  static double[] weights() {
    DeviceType[] all = values();
    double[] w = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      w[i] = all[i].weight;
    }
    return w;
  }
}
