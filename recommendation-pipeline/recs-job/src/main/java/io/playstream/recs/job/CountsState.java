package io.playstream.recs.job;

import io.playstream.recs.Decay;
import io.playstream.recs.DecayedCounts;
import java.util.List;

/**
 * Keyed state of decayed counts (an item's co-occurrences, a country's trending titles) as a Flink
 * POJO of arrays, plus the occurrence count of an item and the operator's pending timers.
 */
public class CountsState {
  public String[] keys = new String[0];
  public double[] values = new double[0];
  public long[] times = new long[0];

  /** The item's own decayed count (item state only). */
  public double count;

  public long countTime = Long.MIN_VALUE;

  /** Processing time of the last update. */
  public long lastSeen;

  /** Pending emission timer (processing time), 0 when none. */
  public long emitTimer;

  /** Pending cleanup timer (processing time), 0 when none. */
  public long cleanupTimer;

  public CountsState() {}

  /** The counts this state holds. */
  public DecayedCounts toCounts(Decay decay, int capacity, boolean indexed) {
    DecayedCounts c = new DecayedCounts(decay, capacity, indexed);
    for (int i = 0; i < keys.length; i++) {
      c.put(keys[i], values[i], times[i]);
    }
    return c;
  }

  /** Stores counts into this state. */
  public void store(DecayedCounts c) {
    List<DecayedCounts.Entry> entries = c.entries();
    keys = new String[entries.size()];
    values = new double[entries.size()];
    times = new long[entries.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = entries.get(i).key();
      values[i] = entries.get(i).value();
      times[i] = entries.get(i).time();
    }
  }
}
