package io.playstream.jobs.playback;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackStarted;

/**
 * Partial aggregate of stream starts and play failures of one country and device type (a Flink
 * POJO). One event makes a partial of one; partials of the same key and window merge by adding.
 */
public class SpsCounts {
  /** Dimension value used when an event does not say (errors may lack country or device). */
  public static final String UNKNOWN = "unknown";

  public String country;
  public String deviceType;
  public long starts;
  public long failures;

  public SpsCounts() {}

  public SpsCounts(String country, String deviceType, long starts, long failures) {
    this.country = country;
    this.deviceType = deviceType;
    this.starts = starts;
    this.failures = failures;
  }

  /** A stream start. */
  public static SpsCounts of(PlaybackStarted s) {
    return new SpsCounts(orUnknown(s.getCountry()), orUnknown(s.getDeviceType()), 1, 0);
  }

  /** A play failure when the error is fatal, else null (non-fatal errors are not failures). */
  public static SpsCounts ofFailure(PlaybackError e) {
    if (!e.getFatal()) {
      return null;
    }
    return new SpsCounts(orUnknown(e.getCountry()), orUnknown(e.getDeviceType()), 0, 1);
  }

  private static String orUnknown(String s) {
    return s == null || s.isBlank() ? UNKNOWN : s;
  }

  /** The grouping key, {@code country|device}. */
  public String key() {
    return country + "|" + deviceType;
  }

  /** Adds b into a and returns a. */
  public static SpsCounts merge(SpsCounts a, SpsCounts b) {
    a.starts += b.starts;
    a.failures += b.failures;
    return a;
  }

  /** failures / (starts + failures), 0 when both are 0. */
  public double failureRate() {
    long attempts = starts + failures;
    return attempts == 0 ? 0.0 : (double) failures / attempts;
  }

  @Override
  public String toString() {
    return key() + " starts=" + starts + " failures=" + failures;
  }
}
