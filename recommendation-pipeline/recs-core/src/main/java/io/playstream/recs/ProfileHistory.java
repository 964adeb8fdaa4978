package io.playstream.recs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A profile's recent activity: the last {@code window} consumed titles (the context that new titles
 * co-occur with and that recommendations are scored from), the titles to exclude from its
 * recommendations (consumed or disliked; the last {@code maxExcluded} are kept) and its country.
 */
public final class ProfileHistory {
  /** One consumed title. */
  public record Entry(String item, long time, double weight) {}

  private final int window;
  private final int maxExcluded;
  private final ArrayDeque<Entry> recent = new ArrayDeque<>();
  private final LinkedHashSet<String> excluded = new LinkedHashSet<>();
  private String country;
  private long lastActivity = Long.MIN_VALUE;

  public ProfileHistory(int window, int maxExcluded) {
    if (window <= 0 || maxExcluded <= 0) {
      throw new IllegalArgumentException("window and maxExcluded must be > 0");
    }
    this.window = window;
    this.maxExcluded = maxExcluded;
  }

  /**
   * Records that the profile consumed {@code item}. Returns the recent entries the item now
   * co-occurs with, or an empty list when the item was consumed (or disliked) before — a repeat
   * play adds no new co-occurrence.
   */
  public List<Entry> consume(String item, long time, double weight) {
    lastActivity = Math.max(lastActivity, time);
    if (excluded.contains(item)) {
      return List.of();
    }
    List<Entry> pairs = new ArrayList<>(recent);
    recent.addLast(new Entry(item, time, weight));
    while (recent.size() > window) {
      recent.removeFirst();
    }
    addExcluded(item);
    return pairs;
  }

  /** Records a title the profile does not want (thumbs down): excluded, never a signal. */
  public void dislike(String item, long time) {
    lastActivity = Math.max(lastActivity, time);
    recent.removeIf(e -> e.item().equals(item));
    addExcluded(item);
  }

  /** True for titles not to recommend to this profile. */
  public boolean isExcluded(String item) {
    return excluded.contains(item);
  }

  /** The recent consumed titles, oldest first. */
  public List<Entry> recent() {
    return new ArrayList<>(recent);
  }

  /** Excluded titles, oldest first. */
  public List<String> excluded() {
    return new ArrayList<>(excluded);
  }

  public boolean isEmpty() {
    return recent.isEmpty();
  }

  public String country() {
    return country;
  }

  public void country(String country) {
    if (country != null && !country.isBlank()) {
      this.country = country;
    }
  }

  public long lastActivity() {
    return lastActivity;
  }

  /** Restores state as held (state backends). */
  public void restore(List<Entry> recentEntries, List<String> excludedItems, long lastActivity) {
    recent.clear();
    recent.addAll(recentEntries);
    excluded.clear();
    excluded.addAll(excludedItems);
    this.lastActivity = lastActivity;
  }

  public int window() {
    return window;
  }

  public int maxExcluded() {
    return maxExcluded;
  }

  private void addExcluded(String item) {
    excluded.remove(item);
    excluded.add(item);
    Iterator<String> it = excluded.iterator();
    while (excluded.size() > maxExcluded) {
      it.next();
      it.remove();
    }
  }
}
