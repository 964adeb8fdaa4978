package io.playstream.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A progress snapshot of a running simulation.
 *
 * @param wallElapsed wall-clock time since the start
 * @param simElapsed simulated time reached by the scheduler
 * @param activeSessions sessions opened and not yet ended
 * @param requestsPerSecond calls (http) or records (kafka) per wall second since the last snapshot
 * @param totals expected events so far by simple type name, in report order
 * @param rejected refused calls so far
 * @param failed failed calls so far
 */
public record Progress(
    Duration wallElapsed,
    Duration simElapsed,
    int activeSessions,
    double requestsPerSecond,
    Map<String, Long> totals,
    long rejected,
    long failed) {

  public Progress {
    totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));
  }

  /** One line: wall and simulated time, active sessions, rate, totals per type, errors. */
  public String toLine() {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "[%s wall | %s sim] active=%d req/s=%.1f",
                clock(wallElapsed),
                clock(simElapsed),
                activeSessions,
                requestsPerSecond));
    totals.forEach((type, n) -> sb.append(' ').append(type).append('=').append(n));
    sb.append(" rejected=").append(rejected).append(" failed=").append(failed);
    return sb.toString();
  }

  private static String clock(Duration d) {
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
