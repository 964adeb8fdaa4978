package io.playstream.simulator.model;

/**
 * Quality of experience as a function of how loaded the serving CDN server is.
 *
 * <p>The input is the <em>effective load</em> of the session's server: its active sessions over its
 * capacity, 1.3 while the server is cut ({@link CdnCut}), plus 0.15 when the session is served from
 * another region. Startup latency grows with {@code 1 + 2.5 * load^2}; the bitrate steps down the
 * ladder by about {@code 6 * load^2} rungs; rebuffering events per 30 s are Poisson with mean
 * {@code 0.01 + 2 * max(0, load - 0.55)^2} (so they spike past ~0.8); dropped frames are Poisson
 * with mean {@code device base + 25 * load^2}.
 */
public final class QoeModel {
  /** The bitrate ladder, kbit/s (a typical H.264 ladder). */
  public static final int[] BITRATE_LADDER = {
    235, 375, 560, 750, 1050, 1750, 2350, 3000, 4300, 5800
  };

  /** Effective load of a server while it is cut. */
  public static final double CUT_LOAD = 1.3;

  /** Extra effective load for a session served from outside its region. */
  public static final double CROSS_REGION_PENALTY = 0.15;

  /**
   * One heartbeat's telemetry.
   *
   * @param bitrateKbps current bitrate
   * @param bufferLevelMs media buffered ahead
   * @param rebufferCount stalls in the interval
   * @param rebufferDurationMs time stalled in the interval
   * @param droppedFrames frames dropped in the interval
   */
  public record Heartbeat(
      int bitrateKbps,
      int bufferLevelMs,
      int rebufferCount,
      long rebufferDurationMs,
      int droppedFrames) {}

  private QoeModel() {}

  /** {@link #topRung} of each device type, by ordinal. */
  private static final int[] TOP_RUNG = new int[DeviceType.values().length];

  static {
    for (DeviceType device : DeviceType.values()) {
      int top = 0;
      for (int i = 0; i < BITRATE_LADDER.length; i++) {
        if (BITRATE_LADDER[i] <= device.maxBitrateKbps()) {
          top = i;
        }
      }
      TOP_RUNG[device.ordinal()] = top;
    }
  }

  /** Index of the highest ladder rung the device plays. */
  public static int topRung(DeviceType device) {
    return TOP_RUNG[device.ordinal()];
  }

  public static int startupLatencyMs(
      DeviceType device, double load, boolean crossRegion, SeededRandom rng) {
    double ms =
        device.baseStartupMs() * (1 + 2.5 * load * load) * rng.logNormal(0.25)
            + (crossRegion ? 250 : 0);
    return (int) Math.max(150, Math.min(30_000, Math.round(ms)));
  }

  public static int initialBitrateKbps(DeviceType device, double load, SeededRandom rng) {
    int rung = topRung(device) - 3 - (int) Math.round(3 * load * load) + rng.nextInt(2);
    return BITRATE_LADDER[clamp(rung, 0, topRung(device))];
  }

  public static Heartbeat heartbeat(
      DeviceType device, double load, long intervalMs, SeededRandom rng) {
    int top = topRung(device);
    int rung = top - (int) Math.round(6 * load * load + 0.7 * Math.abs(rng.gaussian()));
    int bitrate = BITRATE_LADDER[clamp(rung, 0, top)];

    double scale = intervalMs / 30_000.0;
    double over = Math.max(0, load - 0.55);
    int rebuffers = rng.poisson((0.01 + 2.0 * over * over) * scale);
    long rebufferMs = 0;
    for (int i = 0; i < rebuffers; i++) {
      rebufferMs += 300 + Math.round(rng.exponential(900 * (1 + load)));
    }
    rebufferMs = Math.min(rebufferMs, intervalMs / 2);

    double capped = Math.min(load, 1.2);
    long buffer =
        Math.round(30_000 * Math.max(0.02, 1 - 0.75 * capped * capped) + 1_500 * rng.gaussian());
    if (rebuffers > 0) {
      buffer = Math.min(buffer, Math.round(2_000 * rng.nextDouble()));
    }
    int dropped = rng.poisson((device.baseDroppedFrames() + 25 * load * load) * scale);
    return new Heartbeat(bitrate, (int) clamp(buffer, 0, 60_000), rebuffers, rebufferMs, dropped);
  }

  private static int clamp(int v, int min, int max) {
    return Math.max(min, Math.min(max, v));
  }

  private static long clamp(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }
}
