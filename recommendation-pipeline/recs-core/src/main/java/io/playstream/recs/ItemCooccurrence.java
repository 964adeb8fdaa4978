package io.playstream.recs;

import java.util.List;

/**
 * The co-occurrence state of one item, updated incrementally: how many profiles consumed it and how
 * often each other item was consumed by the same profile close to it (within the profile's recent
 * window), both with exponential time decay. Bounded: at most {@code 2 × capacity} co-occurring
 * items are held (see {@link DecayedCounts}).
 *
 * <p>The Flink job keeps one per item in keyed state; the offline model keeps them in a map. Both
 * feed {@link #snapshot(int)} to {@link NeighbourIndex}.
 */
public final class ItemCooccurrence {
  private final String item;
  private final Decay decay;
  private double count;
  private long countTime = Long.MIN_VALUE;
  private final DecayedCounts coCounts;

  public ItemCooccurrence(String item, Decay decay, int capacity) {
    this.item = item;
    this.decay = decay;
    this.coCounts = new DecayedCounts(decay, capacity);
  }

  public String item() {
    return item;
  }

  /** A profile consumed the item (for the first time) at {@code time}. */
  public void addOccurrence(double weight, long time) {
    if (countTime == Long.MIN_VALUE) {
      count = weight;
      countTime = time;
    } else {
      count = decay.add(count, countTime, weight, time);
      countTime = Math.max(countTime, time);
    }
  }

  /** A profile consumed the item and {@code other} close together, the later at {@code time}. */
  public void addCooccurrence(String other, double weight, long time) {
    if (!other.equals(item)) {
      coCounts.add(other, weight, time);
    }
  }

  /** Restores the occurrence count (state backends). */
  public void restoreCount(double value, long time) {
    this.count = value;
    this.countTime = time;
  }

  /** Restores one co-occurrence counter (state backends). */
  public void restoreCooccurrence(String other, double value, long time) {
    coCounts.put(other, value, time);
  }

  /** The decayed occurrence count at {@code now}. */
  public double count(long now) {
    return countTime == Long.MIN_VALUE ? 0.0 : count * decay.factor(countTime, now);
  }

  public double rawCount() {
    return count;
  }

  public long countTime() {
    return countTime;
  }

  /** The co-occurrence counters as held (not decayed). */
  public List<DecayedCounts.Entry> cooccurrences() {
    return coCounts.entries();
  }

  /** Drops co-occurrence counters whose decayed value at {@code now} is below {@code min}. */
  public int expire(long now, double min) {
    return coCounts.expire(now, min);
  }

  /** Time of the latest update. */
  public long latestTime() {
    return Math.max(countTime, coCounts.latestTime());
  }

  /** The {@code maxCoItems} largest co-occurrences and the count, all decayed to one time. */
  public ItemSnapshot snapshot(int maxCoItems) {
    long t = latestTime();
    List<DecayedCounts.Entry> top = coCounts.largest(maxCoItems);
    top.sort((a, b) -> a.key().compareTo(b.key()));
    String[] items = new String[top.size()];
    double[] values = new double[top.size()];
    for (int i = 0; i < items.length; i++) {
      DecayedCounts.Entry e = top.get(i);
      items[i] = e.key();
      values[i] = e.value() * decay.factor(e.time(), t);
    }
    return new ItemSnapshot(item, count(t), t, items, values);
  }
}
