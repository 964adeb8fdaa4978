package io.playstream.dashboard.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A bounded, time-ordered series: at most one point per timestamp (a window start, epoch
 * milliseconds), at most {@code capacity} points, none older than {@code span} behind the newest.
 * Updating a timestamp that is already there replaces its point (metric windows arrive once per key
 * and dimension, and a window's parts merge into one point), so replays do not double count.
 *
 * <p>The span is measured from the newest point, not from the wall clock: a series whose source
 * went quiet keeps its last minutes, and a replay of older data is not thrown away at once.
 *
 * <p>Not thread-safe; {@link LiveStore} guards its rings (and may let an update function change the
 * existing point in place, since nobody else sees it).
 *
 * @param <P> the point type
 */
public final class Ring<P> {
  private final TreeMap<Long, P> points = new TreeMap<>();
  private final int capacity;
  private final long spanMillis;

  /**
   * @param capacity most points kept (at least 1)
   * @param spanMillis most milliseconds between the oldest and the newest point kept
   */
  public Ring(int capacity, long spanMillis) {
    if (capacity < 1 || spanMillis < 0) {
      throw new IllegalArgumentException("capacity must be >= 1 and span >= 0");
    }
    this.capacity = capacity;
    this.spanMillis = spanMillis;
  }

  /**
   * Sets the point at {@code time} to {@code update(existing)} ({@code existing} is null for a new
   * timestamp) and evicts what no longer fits.
   *
   * @return the new point, or null when the timestamp is already too old to be kept
   */
  public P update(long time, UnaryOperator<P> update) {
    if (!points.isEmpty() && time < points.lastKey() - spanMillis) {
      return null;
    }
    if (points.size() >= capacity && !points.containsKey(time) && time < points.firstKey()) {
      return null;
    }
    P next = update.apply(points.get(time));
    points.put(time, next);
    evict();
    return next;
  }

  /** Puts a point, replacing one at the same time. */
  public P put(long time, P point) {
    return update(time, old -> point);
  }

  /** The newest point, or null when empty. */
  public Map.Entry<Long, P> latest() {
    return points.lastEntry();
  }

  /** The point at exactly {@code time}, or null. */
  public P at(long time) {
    return points.get(time);
  }

  /** Points from {@code fromInclusive} on, oldest first. */
  public List<Map.Entry<Long, P>> since(long fromInclusive) {
    return new ArrayList<>(points.tailMap(fromInclusive, true).entrySet());
  }

  /** Every point, oldest first. */
  public List<Map.Entry<Long, P>> entries() {
    return new ArrayList<>(points.entrySet());
  }

  public int size() {
    return points.size();
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }

  private void evict() {
    long newest = points.lastKey();
    while (points.firstKey() < newest - spanMillis) {
      points.pollFirstEntry();
    }
    while (points.size() > capacity) {
      points.pollFirstEntry();
    }
  }
}
