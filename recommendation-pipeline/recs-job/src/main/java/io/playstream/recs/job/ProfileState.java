package io.playstream.recs.job;

import io.playstream.recs.ProfileHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keyed state of one profile (a Flink POJO of arrays, so it serialises without Kryo): its recent
 * window, its excluded titles, its country, the last list it was sent and its pending timers.
 */
public class ProfileState {
  public String[] recentItems = new String[0];
  public long[] recentTimes = new long[0];
  public double[] recentWeights = new double[0];
  public String[] excluded = new String[0];
  public String country;
  public long lastActivity = Long.MIN_VALUE;

  /** Processing time of the last activity (for idle cleanup). */
  public long lastSeen;

  /** The titles last emitted, best first (empty before the first list). */
  public String[] lastRecs = new String[0];

  /** Time the last list was emitted (0: never). */
  public long lastEmitted;

  /** Pending debounce timer (processing time), 0 when none. */
  public long debounceTimer;

  /** Pending cleanup timer (processing time), 0 when none. */
  public long cleanupTimer;

  public ProfileState() {}

  /** The history this state holds. */
  public ProfileHistory toHistory(int window, int maxExcluded) {
    ProfileHistory h = new ProfileHistory(window, maxExcluded);
    List<ProfileHistory.Entry> recent = new ArrayList<>(recentItems.length);
    for (int i = 0; i < recentItems.length; i++) {
      recent.add(new ProfileHistory.Entry(recentItems[i], recentTimes[i], recentWeights[i]));
    }
    h.restore(recent, Arrays.asList(excluded), lastActivity);
    h.country(country);
    return h;
  }

  /** Stores a history into this state. */
  public void store(ProfileHistory h) {
    List<ProfileHistory.Entry> recent = h.recent();
    recentItems = new String[recent.size()];
    recentTimes = new long[recent.size()];
    recentWeights = new double[recent.size()];
    for (int i = 0; i < recent.size(); i++) {
      recentItems[i] = recent.get(i).item();
      recentTimes[i] = recent.get(i).time();
      recentWeights[i] = recent.get(i).weight();
    }
    excluded = h.excluded().toArray(new String[0]);
    country = h.country();
    lastActivity = h.lastActivity();
  }

  /**
   * Applies an activity to a history. Returns the recent entries a consumed title now co-occurs
   * with (empty for repeats and for non-consumption).
   */
  public static List<ProfileHistory.Entry> apply(ProfileHistory h, Activity a) {
    h.country(a.country);
    if (a.titleId == null) {
      return List.of();
    }
    return switch (a.kind) {
      case PLAY, STOP, THUMB_UP -> h.consume(a.titleId, a.time, a.weight);
      case THUMB_DOWN -> {
        h.dislike(a.titleId, a.time);
        yield List.of();
      }
      case IMPRESSION -> List.of();
    };
  }
}
