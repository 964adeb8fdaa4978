package io.playstream.recs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Time-decayed counts of string keys with a bounded number of counters, kept in rank order: the
 * building block of per-item co-occurrence counts, per-country trending and popularity.
 *
 * <p>Each key keeps (value, time of value) and decays lazily (see {@link Decay}). Keys are ordered
 * by {@link Decay#rankKey(double, long)}, which orders decayed values correctly at any common time
 * without recomputing them. An <em>indexed</em> instance keeps that order in a tree (top keys read
 * in O(k), an update costs O(log n): for lists read after every update, like trending); an
 * unindexed one sorts when asked (cheap updates: for co-occurrence counts read at snapshots). When
 * the number of keys exceeds twice the capacity, the smallest are dropped down to {@code capacity}
 * (batch pruning of a frequent-items summary: memory at most 2 × capacity). A pruned key that comes
 * back starts again from zero, so counts of rare keys are under-estimated, never over-estimated.
 * Capacity 0 means unbounded.
 */
public final class DecayedCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final class Cell implements Serializable {
    private static final long serialVersionUID = 1L;
    final String key;
    double value;
    long time;
    double rank;

    Cell(String key) {
      this.key = key;
    }
  }

  /** A key with its decayed value held at {@code time}. */
  public record Entry(String key, double value, long time) {}

  private static final Comparator<Cell> ORDER =
      (a, b) -> {
        int c = Double.compare(b.rank, a.rank);
        return c != 0 ? c : a.key.compareTo(b.key);
      };

  private final HashMap<String, Cell> cells = new HashMap<>();
  private final TreeSet<Cell> ranked;
  private final Decay decay;
  private final int capacity;
  private long latest = Long.MIN_VALUE;

  /** Unindexed counts (sorted on demand). */
  public DecayedCounts(Decay decay, int capacity) {
    this(decay, capacity, false);
  }

  /**
   * @param decay time decay
   * @param capacity keys kept after pruning (0 = unbounded)
   * @param indexed keep the rank order up to date on every update
   */
  public DecayedCounts(Decay decay, int capacity, boolean indexed) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0");
    }
    this.decay = decay;
    this.capacity = capacity;
    this.ranked = indexed ? new TreeSet<>(ORDER) : null;
  }

  public Decay decay() {
    return decay;
  }

  public int capacity() {
    return capacity;
  }

  /** Adds a weight observed at {@code time} to {@code key}. */
  public void add(String key, double weight, long time) {
    Cell c = cells.get(key);
    if (c == null) {
      c = new Cell(key);
      c.value = weight;
      c.time = time;
      cells.put(key, c);
    } else {
      if (ranked != null) {
        ranked.remove(c);
      }
      c.value = decay.add(c.value, c.time, weight, time);
      c.time = Math.max(c.time, time);
    }
    c.rank = decay.rankKey(c.value, c.time);
    if (ranked != null) {
      ranked.add(c);
    }
    latest = Math.max(latest, time);
    if (capacity > 0 && cells.size() > 2 * capacity) {
      prune(capacity);
    }
  }

  /** Restores a counter as it was (state backends); no pruning. */
  public void put(String key, double value, long time) {
    remove(key);
    Cell c = new Cell(key);
    c.value = value;
    c.time = time;
    c.rank = decay.rankKey(value, time);
    cells.put(key, c);
    if (ranked != null) {
      ranked.add(c);
    }
    latest = Math.max(latest, time);
  }

  /** The decayed value of a key at {@code now} (0 if not counted). */
  public double value(String key, long now) {
    Cell c = cells.get(key);
    return c == null ? 0.0 : c.value * decay.factor(c.time, now);
  }

  public boolean contains(String key) {
    return cells.containsKey(key);
  }

  /** Number of keys held. */
  public int size() {
    return cells.size();
  }

  public boolean isEmpty() {
    return cells.isEmpty();
  }

  /** Time of the latest update (Long.MIN_VALUE when empty). */
  public long latestTime() {
    return latest;
  }

  /** Removes a key (e.g. a title removed from the catalog). */
  public void remove(String key) {
    Cell c = cells.remove(key);
    if (c != null && ranked != null) {
      ranked.remove(c);
    }
  }

  /** Keeps the {@code keep} keys of the largest decayed value. */
  public void prune(int keep) {
    if (cells.size() <= keep) {
      return;
    }
    if (ranked != null) {
      while (cells.size() > keep) {
        cells.remove(ranked.pollLast().key);
      }
      return;
    }
    List<Cell> sorted = sorted();
    for (int i = keep; i < sorted.size(); i++) {
      cells.remove(sorted.get(i).key);
    }
  }

  /**
   * Removes keys whose decayed value at {@code now} fell below {@code minValue}; returns how many
   * were removed (state cleanup).
   */
  public int expire(long now, double minValue) {
    if (ranked == null) {
      int before = cells.size();
      cells.values().removeIf(c -> c.value * decay.factor(c.time, now) < minValue);
      return before - cells.size();
    }
    int removed = 0;
    while (!ranked.isEmpty()) {
      Cell c = ranked.last();
      if (c.value * decay.factor(c.time, now) >= minValue) {
        break;
      }
      ranked.pollLast();
      cells.remove(c.key);
      removed++;
    }
    return removed;
  }

  /** The {@code n} keys of the largest decayed value, largest first (all when n ≤ 0). */
  public List<Entry> top(int n) {
    int end = n <= 0 ? cells.size() : Math.min(n, cells.size());
    List<Entry> out = new ArrayList<>(end);
    Iterator<Cell> it = ordered();
    while (out.size() < end) {
      Cell c = it.next();
      out.add(new Entry(c.key, c.value, c.time));
    }
    return out;
  }

  /**
   * The {@code n} keys of the largest decayed value in no particular order (all when n ≤ 0 or n ≥
   * size): cheaper than {@link #top(int)} when the order does not matter.
   */
  public List<Entry> largest(int n) {
    if (n <= 0 || n >= cells.size()) {
      return entries();
    }
    java.util.PriorityQueue<Cell> heap = new java.util.PriorityQueue<>(n + 1, ORDER.reversed());
    for (Cell c : cells.values()) {
      if (heap.size() < n) {
        heap.add(c);
      } else if (ORDER.compare(c, heap.peek()) < 0) {
        heap.poll();
        heap.add(c);
      }
    }
    List<Entry> out = new ArrayList<>(heap.size());
    heap.forEach(c -> out.add(new Entry(c.key, c.value, c.time)));
    return out;
  }

  /** Keys from the largest decayed value down. */
  public Iterator<String> keysByRank() {
    Iterator<Cell> it = ordered();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public String next() {
        return it.next().key;
      }
    };
  }

  /** Every entry as held (not decayed), in no particular order. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>(cells.size());
    cells.values().forEach(c -> out.add(new Entry(c.key, c.value, c.time)));
    return out;
  }

  private Iterator<Cell> ordered() {
    return ranked != null ? ranked.iterator() : sorted().iterator();
  }

  private List<Cell> sorted() {
    List<Cell> all = new ArrayList<>(cells.values());
    all.sort(ORDER);
    return all;
  }
}
