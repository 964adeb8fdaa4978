package io.playstream.recs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The streaming recommender in one process: the same functions the Flink job runs in its keyed
 * operators ({@link ProfileHistory} per profile, {@link ItemCooccurrence} per item, {@link
 * Trending} per country, {@link NeighbourIndex} over item snapshots, {@link RecommendationScorer}),
 * wired with maps instead of keyed state. Item snapshots are refreshed with the same debounce the
 * job uses ({@code snapshotInterval} of event time after the first change), so an evaluation sees
 * what the job would serve.
 */
public final class StreamingModel {
  private final StreamingConfig config;
  private final long snapshotIntervalMillis;
  private final Map<String, ProfileHistory> profiles = new HashMap<>();
  private final Map<String, ItemCooccurrence> items = new HashMap<>();
  private final Map<String, ItemSnapshot> snapshots = new HashMap<>();
  private final Map<String, Long> dirtySince = new HashMap<>();
  private final Trending trending;
  private final NeighbourIndex neighbours;
  private long now = Long.MIN_VALUE;
  private long clock = Long.MIN_VALUE;

  /**
   * @param config streaming parameters
   * @param snapshotIntervalMillis event time between an item's first change and the refresh of its
   *     snapshot (0 = immediately)
   */
  public StreamingModel(StreamingConfig config, long snapshotIntervalMillis) {
    this.config = config;
    this.snapshotIntervalMillis = snapshotIntervalMillis;
    this.trending = new Trending(config.trendingDecay(), config.trendingCapacity());
    this.neighbours =
        new NeighbourIndex(config.similarity(), config.cooccurrenceDecay(), this::snapshot);
  }

  public StreamingConfig config() {
    return config;
  }

  /**
   * Learns that {@code profile} consumed {@code item} at {@code time}. Returns true when it was new
   * for the profile (co-occurrences counted), false for a repeat (trending only).
   */
  public boolean learn(String profile, String country, String item, double weight, long time) {
    now = Math.max(now, time);
    ProfileHistory h = history(profile);
    h.country(country);
    trending.add(h.country(), item, weight, time);
    boolean repeat = h.isExcluded(item);
    List<ProfileHistory.Entry> pairs = h.consume(item, time, weight);
    if (repeat) {
      return false;
    }
    ItemCooccurrence target = item(item);
    target.addOccurrence(weight, time);
    markDirty(item, time);
    for (ProfileHistory.Entry e : pairs) {
      double w = Math.min(weight, e.weight());
      target.addCooccurrence(e.item(), w, time);
      item(e.item()).addCooccurrence(item, w, time);
      markDirty(e.item(), time);
    }
    return true;
  }

  /** Records a thumbs-down: excluded from the profile's recommendations, no signal. */
  public void dislike(String profile, String item, long time) {
    history(profile).dislike(item, time);
  }

  /**
   * Advances the model's clock: every changed item's snapshot whose debounce elapsed by {@code
   * time} is refreshed when it is next read (lazily: only items that scoring reads pay for it).
   */
  public void refresh(long time) {
    clock = Math.max(clock, time);
  }

  /** The current snapshot of an item, refreshed first when its debounce elapsed. */
  private ItemSnapshot snapshot(String item) {
    Long since = dirtySince.get(item);
    if (since != null && clock - since >= snapshotIntervalMillis) {
      dirtySince.remove(item);
      ItemSnapshot s = items.get(item).snapshot(config.snapshotSize());
      snapshots.put(item, s);
      neighbours.invalidate(item);
      return s;
    }
    return snapshots.get(item);
  }

  /** Refreshes every changed item now (end of a batch of learning). */
  public void refreshAll() {
    refresh(Long.MAX_VALUE);
    for (String item : new java.util.ArrayList<>(dirtySince.keySet())) {
      snapshot(item);
    }
  }

  /**
   * The top {@code n} for a profile with the given scorer (streaming, batch or blend), completed
   * from the profile's country's trending list.
   *
   * @param extraExcluded titles to exclude besides the profile's own (e.g. not licensed)
   */
  public List<ScoredTitle> recommend(
      RecommendationScorer scorer,
      String profile,
      FactorModel factors,
      Predicate<String> extraExcluded,
      int n) {
    ProfileHistory h = profiles.get(profile);
    Predicate<String> excluded =
        h == null ? extraExcluded : t -> h.isExcluded(t) || extraExcluded.test(t);
    List<String> fallback = trending.top(h == null ? null : h.country(), n, excluded);
    List<ProfileHistory.Entry> recent = h == null ? List.of() : h.recent();
    recent.forEach(e -> snapshot(e.item()));
    return scorer.recommend(recent, now, excluded, neighbours, factors, fallback, n);
  }

  /**
   * The signals of a profile (kNN over the current neighbour lists, factors folded in from its
   * history) and its exclusion rule and fallback list, computed once for several blends.
   */
  public Scoring scoring(
      RecommendationScorer scorer,
      String profile,
      FactorModel factors,
      Predicate<String> extraExcluded,
      int n) {
    ProfileHistory h = profiles.get(profile);
    Predicate<String> excluded =
        h == null ? extraExcluded : t -> h.isExcluded(t) || extraExcluded.test(t);
    List<String> fallback = trending.top(h == null ? null : h.country(), n, excluded);
    List<ProfileHistory.Entry> recent = h == null ? List.of() : h.recent();
    recent.forEach(e -> snapshot(e.item()));
    return new Scoring(scorer.signals(recent, now, excluded, neighbours, factors), fallback);
  }

  /** A profile's signals and fallback list. */
  public record Scoring(RecommendationScorer.Signals signals, List<String> fallback) {
    /** The top {@code n} with the given weights. */
    public List<ScoredTitle> top(double knnWeight, double factorWeight, int n) {
      return RecommendationScorer.recommend(signals, knnWeight, factorWeight, fallback, n);
    }
  }

  public ProfileHistory history(String profile) {
    return profiles.computeIfAbsent(
        profile, p -> new ProfileHistory(config.window(), config.maxExcluded()));
  }

  public ProfileHistory existingHistory(String profile) {
    return profiles.get(profile);
  }

  public NeighbourIndex neighbours() {
    return neighbours;
  }

  /** The neighbours of an item as scoring sees them now (its snapshot refreshed if due). */
  public Neighbours neighboursOf(String item) {
    snapshot(item);
    return neighbours.neighbours(item);
  }

  /** The similarity of two items as scoring sees it now. */
  public double similarity(String i, String j) {
    snapshot(i);
    return neighbours.similarity(i, j);
  }

  public Trending trending() {
    return trending;
  }

  public ItemCooccurrence itemState(String item) {
    return items.get(item);
  }

  public int itemCount() {
    return items.size();
  }

  private ItemCooccurrence item(String id) {
    return items.computeIfAbsent(
        id,
        i -> new ItemCooccurrence(i, config.cooccurrenceDecay(), config.cooccurrenceCapacity()));
  }

  private void markDirty(String item, long time) {
    dirtySince.putIfAbsent(item, time);
  }
}
