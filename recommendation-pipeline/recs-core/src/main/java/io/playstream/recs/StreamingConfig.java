package io.playstream.recs;

import java.io.Serializable;
import java.time.Duration;

/**
 * Parameters of the streaming recommender (shared by the Flink job and the offline evaluation).
 *
 * @param window recent titles per profile that new titles co-occur with and scoring reads
 * @param maxExcluded watched/disliked titles remembered per profile for exclusion
 * @param cooccurrenceHalfLife half-life of co-occurrence and item counts (ZERO: no decay)
 * @param cooccurrenceCapacity co-occurring items tracked per item (at most twice this many held)
 * @param snapshotSize co-occurring items per item snapshot (what similarity is computed from)
 * @param similarity similarity kind, shrink and neighbours per item
 * @param trendingHalfLife half-life of per-country trending counts
 * @param trendingCapacity titles tracked per country
 * @param recencyHalfLife decay of history items by age when scoring (ZERO: none)
 */
public record StreamingConfig(
    int window,
    int maxExcluded,
    Duration cooccurrenceHalfLife,
    int cooccurrenceCapacity,
    int snapshotSize,
    Similarity similarity,
    Duration trendingHalfLife,
    int trendingCapacity,
    Duration recencyHalfLife)
    implements Serializable {

  /** The defaults, chosen on the validation split of MovieLens (see BENCHMARKS.md). */
  public static StreamingConfig defaults() {
    return new StreamingConfig(
        200,
        5000,
        Duration.ofDays(365),
        400,
        200,
        new Similarity(Similarity.Kind.COSINE, 10.0, 100),
        Duration.ofDays(7),
        2000,
        Duration.ZERO);
  }

  public Decay cooccurrenceDecay() {
    return Decay.halfLife(cooccurrenceHalfLife);
  }

  public Decay trendingDecay() {
    return Decay.halfLife(trendingHalfLife);
  }

  public Decay recencyDecay() {
    return Decay.halfLife(recencyHalfLife);
  }

  public StreamingConfig withWindow(int w) {
    return new StreamingConfig(
        w,
        maxExcluded,
        cooccurrenceHalfLife,
        cooccurrenceCapacity,
        snapshotSize,
        similarity,
        trendingHalfLife,
        trendingCapacity,
        recencyHalfLife);
  }

  public StreamingConfig withCooccurrenceHalfLife(Duration d) {
    return new StreamingConfig(
        window,
        maxExcluded,
        d,
        cooccurrenceCapacity,
        snapshotSize,
        similarity,
        trendingHalfLife,
        trendingCapacity,
        recencyHalfLife);
  }

  public StreamingConfig withSimilarity(Similarity s) {
    return new StreamingConfig(
        window,
        maxExcluded,
        cooccurrenceHalfLife,
        cooccurrenceCapacity,
        snapshotSize,
        s,
        trendingHalfLife,
        trendingCapacity,
        recencyHalfLife);
  }

  public StreamingConfig withTrendingHalfLife(Duration d) {
    return new StreamingConfig(
        window,
        maxExcluded,
        cooccurrenceHalfLife,
        cooccurrenceCapacity,
        snapshotSize,
        similarity,
        d,
        trendingCapacity,
        recencyHalfLife);
  }

  public StreamingConfig withRecencyHalfLife(Duration d) {
    return new StreamingConfig(
        window,
        maxExcluded,
        cooccurrenceHalfLife,
        cooccurrenceCapacity,
        snapshotSize,
        similarity,
        trendingHalfLife,
        trendingCapacity,
        d);
  }
}
