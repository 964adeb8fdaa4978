package io.playstream.simulator.model;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An outage of one region's CDN servers in a window of simulated time: {@code
 * REGION@START+DURATION[:SHARE]}, e.g. {@code us-east@60s+120s} or {@code us-east@60s+120s:0.8}.
 * During the window those servers report unhealthy at load 0.99, sessions already streaming from
 * them stall (rebuffering, errors) and new sessions are steered elsewhere. With a start-failure
 * share, that share of the region's clients cannot reach any server during the window (their
 * resolvers still point at the dead region): their plays end in a fatal error before they start, so
 * the region's countries see stream starts per second drop — the outage the SPS alert is for.
 *
 * @param region the region whose servers fail
 * @param start simulated time from the start of the run
 * @param duration length of the outage
 * @param startFailureShare share of the region's new plays that fail to start, in [0, 1]
 */
public record CdnCut(String region, Duration start, Duration duration, double startFailureShare) {
  private static final Pattern FORMAT =
      Pattern.compile("([a-z0-9][a-z0-9-]*)@([^+]+)\\+([^:]+)(?::([0-9.]+))?");

  public CdnCut {
    Objects.requireNonNull(region, "region");
    if (start.isNegative() || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a CDN cut needs start >= 0 and duration > 0");
    }
    if (!(startFailureShare >= 0 && startFailureShare <= 1)) {
      throw new IllegalArgumentException(
          "a CDN cut's start-failure share must be in [0, 1], got " + startFailureShare);
    }
  }

  /** A cut that steers new sessions away and fails none of them at start. */
  public CdnCut(String region, Duration start, Duration duration) {
    this(region, start, duration, 0);
  }

  /**
   * Parses {@code REGION@START+DURATION[:SHARE]}; start and duration as in {@link Durations#parse},
   * share a number in [0, 1].
   *
   * @throws IllegalArgumentException when the text is not in that form
   */
  public static CdnCut parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected REGION@START+DURATION[:SHARE] (e.g. us-east@60s+120s or us-east@60s+120s:0.8),"
              + " got '"
              + text
              + "'");
    }
    double share = m.group(4) == null ? 0 : Double.parseDouble(m.group(4));
    return new CdnCut(m.group(1), Durations.parse(m.group(2)), Durations.parse(m.group(3)), share);
  }

  /**
   * Whether the cut holds for servers of {@code serverRegion} at simulated millisecond {@code t}.
   */
  public boolean covers(String serverRegion, long simMs) {
    return region.equals(serverRegion)
        && simMs >= start.toMillis()
        && simMs < start.toMillis() + duration.toMillis();
  }

  /** Whether the cut holds at simulated millisecond {@code simMs}, whatever the region. */
  public boolean activeAt(long simMs) {
    return simMs >= start.toMillis() && simMs < start.toMillis() + duration.toMillis();
  }

  @Override
  public String toString() {
    return region
        + "@"
        + Durations.format(start)
        + "+"
        + Durations.format(duration)
        + (startFailureShare > 0 ? ":" + startFailureShare : "");
  }
}
