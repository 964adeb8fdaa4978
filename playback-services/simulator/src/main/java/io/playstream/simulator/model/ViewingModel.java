package io.playstream.simulator.model;

import io.playstream.events.Thumb;
import java.util.List;

/**
 * How long a profile watches, whether something breaks, and what it thinks afterwards. Everything
 * is driven by the title's <em>appeal</em> to the profile ({@link TasteSpace#appeal}, in (0, 1)).
 *
 * <ul>
 *   <li>It watches to the end with probability {@code (0.1 + 0.6 * appeal) * device watch factor}
 *       (COMPLETED); otherwise it stops (USER_STOPPED) after a fraction of the runtime drawn from
 *       an exponential with mean {@code (0.08 + 0.45 * appeal) * device watch factor}, at least 20
 *       s: high-affinity titles are watched much longer.
 *   <li>With probability {@code errorRate} the session hits an error at a uniform time; 60 % of
 *       errors are fatal and end the session.
 *   <li>After a stop it rates with probability {@code ratingProbability} (1.5 times that after
 *       watching to the end): UP when {@code appeal + N(0, 0.12) > 0.5}, else DOWN.
 * </ul>
 */
public final class ViewingModel {
  static final double FATAL_SHARE = 0.6;
  static final long MIN_WATCH_MS = 20_000;

  /** Error codes, with messages, a client reports. */
  public static final List<String[]> ERRORS =
      List.of(
          new String[] {"NETWORK_TIMEOUT", "segment fetch timed out"},
          new String[] {"CDN_HTTP_5XX", "CDN answered 503 for a segment"},
          new String[] {"DRM_LICENSE", "license request was refused"},
          new String[] {"DECODER", "video decoder reset"},
          new String[] {"MANIFEST_PARSE", "manifest could not be parsed"});

  /** Code of the fatal error sessions hit on a cut server. */
  public static final String CDN_ERROR_CODE = "CDN_HTTP_5XX";

  /**
   * The plan of one session, drawn when it is requested.
   *
   * @param completes true when it will watch to the end
   * @param watchMs content it will watch, milliseconds
   * @param errorAfterMs play time after which an error hits, or -1
   * @param errorFatal whether that error ends the session
   * @param errorCode error code
   * @param errorMessage error message
   */
  public record Plan(
      boolean completes,
      long watchMs,
      long errorAfterMs,
      boolean errorFatal,
      String errorCode,
      String errorMessage) {}

  private ViewingModel() {}

  public static Plan plan(
      Title title, DeviceType device, double appeal, double errorRate, SeededRandom rng) {
    long durationMs = title.durationSeconds() * 1000L;
    boolean completes = rng.chance(Math.min(0.9, (0.1 + 0.6 * appeal) * device.watchFactor()));
    long watchMs;
    if (completes) {
      watchMs = durationMs;
    } else {
      double fraction =
          Math.min(0.97, rng.exponential((0.08 + 0.45 * appeal) * device.watchFactor()));
      watchMs = Math.min(durationMs, Math.max(MIN_WATCH_MS, Math.round(fraction * durationMs)));
    }
    long errorAfter = -1;
    boolean fatal = false;
    String[] error = ERRORS.get(0);
    if (rng.chance(errorRate)) {
      errorAfter = Math.round(rng.nextDouble() * watchMs);
      fatal = rng.chance(FATAL_SHARE);
      error = ERRORS.get(rng.nextInt(ERRORS.size()));
    }
    return new Plan(completes, watchMs, errorAfter, fatal, error[0], error[1]);
  }

  public static boolean rates(double ratingProbability, boolean completed, SeededRandom rng) {
    return rng.chance(Math.min(1.0, ratingProbability * (completed ? 1.5 : 1.0)));
  }

  public static Thumb thumb(double appeal, SeededRandom rng) {
    return appeal + 0.12 * rng.gaussian() > 0.5 ? Thumb.UP : Thumb.DOWN;
  }
}
