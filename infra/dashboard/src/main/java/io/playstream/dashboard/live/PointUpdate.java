package io.playstream.dashboard.live;

/**
 * One point of one live series as it now stands, pushed to open pages: series {@code s} (e.g.
 * {@code sps10}), key {@code k} within it (e.g. a country, or {@code *} for the total), time {@code
 * t} (epoch milliseconds; the window start) and value {@code v}. A later update with the same
 * series, key and time replaces the point.
 */
public record PointUpdate(String s, String k, long t, double v) {
  /** The identity of the point this update replaces: series, key and time. */
  public String pointId() {
    return s + '\u0000' + k + '\u0000' + t;
  }
}
