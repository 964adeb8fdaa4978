package io.playstream.simulator.model;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An outage of one region's CDN servers in a window of simulated time: {@code
 * REGION@START+DURATION}, e.g. {@code us-east@60s+120s}. During the window those servers report
 * unhealthy at load 0.99, sessions already streaming from them stall (rebuffering, errors) and new
 * sessions are steered elsewhere.
 *
 * @param region the region whose servers fail
 * @param start simulated time from the start of the run
 * @param duration length of the outage
 */
public record CdnCut(String region, Duration start, Duration duration) {
  private static final Pattern FORMAT = Pattern.compile("([a-z0-9][a-z0-9-]*)@([^+]+)\\+(.+)");

  public CdnCut {
    Objects.requireNonNull(region, "region");
    if (start.isNegative() || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a CDN cut needs start >= 0 and duration > 0");
    }
  }

  /**
   * Parses {@code REGION@START+DURATION}; start and duration as in {@link Durations#parse}.
   *
   * @throws IllegalArgumentException when the text is not in that form
   */
  public static CdnCut parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected REGION@START+DURATION (e.g. us-east@60s+120s), got '" + text + "'");
    }
    return new CdnCut(m.group(1), Durations.parse(m.group(2)), Durations.parse(m.group(3)));
  }

  /**
   * Whether the cut holds for servers of {@code serverRegion} at simulated millisecond {@code t}.
   */
  public boolean covers(String serverRegion, long simMs) {
    return region.equals(serverRegion)
        && simMs >= start.toMillis()
        && simMs < start.toMillis() + duration.toMillis();
  }

  @Override
  public String toString() {
    return region + "@" + Durations.format(start) + "+" + Durations.format(duration);
  }
}
