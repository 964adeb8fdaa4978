package io.playstream.recs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Trending titles per country: plays counted with exponential time decay, so a title's score is its
 * recent play rate. Every play also counts toward {@link #GLOBAL}, the list for profiles whose
 * country has too few titles. With {@link Decay#none()} this is all-time popularity (the baseline).
 */
public final class Trending {
  /** The key of the all-countries list. */
  public static final String GLOBAL = "*";

  private final Decay decay;
  private final int capacity;
  private final Map<String, DecayedCounts> byCountry = new HashMap<>();

  /**
   * @param decay time decay of plays
   * @param capacity titles tracked per country (0 = unbounded)
   */
  public Trending(Decay decay, int capacity) {
    this.decay = decay;
    this.capacity = capacity;
  }

  /** Counts a play of {@code item} in {@code country} (null or blank: global only). */
  public void add(String country, String item, double weight, long time) {
    counts(GLOBAL).add(item, weight, time);
    if (country != null && !country.isBlank() && !GLOBAL.equals(country)) {
      counts(country).add(item, weight, time);
    }
  }

  /** The counts of one country (created empty if missing). */
  public DecayedCounts counts(String country) {
    return byCountry.computeIfAbsent(country, c -> new DecayedCounts(decay, capacity, true));
  }

  /** Drops a title everywhere (removed from the catalog). */
  public void remove(String item) {
    byCountry.values().forEach(c -> c.remove(item));
  }

  /**
   * The top {@code n} titles of a country that {@code skip} does not reject, completed from the
   * global list when the country has fewer.
   */
  public List<String> top(String country, int n, Predicate<String> skip) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (country != null && byCountry.containsKey(country)) {
      fill(byCountry.get(country), n, skip, out);
    }
    if (out.size() < n && byCountry.containsKey(GLOBAL)) {
      fill(byCountry.get(GLOBAL), n, skip, out);
    }
    return new ArrayList<>(out);
  }

  /** The countries (and {@link #GLOBAL}) that have counts. */
  public List<String> countries() {
    return new ArrayList<>(byCountry.keySet());
  }

  private static void fill(
      DecayedCounts counts, int n, Predicate<String> skip, LinkedHashSet<String> out) {
    Iterator<String> it = counts.keysByRank();
    while (out.size() < n && it.hasNext()) {
      String item = it.next();
      if (!skip.test(item)) {
        out.add(item);
      }
    }
  }
}
