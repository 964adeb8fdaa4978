package io.playstream.recs.job;

import io.playstream.recs.RecommendationScorer;
import io.playstream.recs.StreamingConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * Everything the job's operators need, immutable and serializable (built once by {@link
 * RecsJobOptions}).
 *
 * @param streaming the model parameters shared with the offline evaluation
 * @param topN titles per profile
 * @param debounce delay from a profile's activity to its recomputation (activity in between is
 *     folded into the same recomputation)
 * @param snapshotInterval delay from an item's first change to its new snapshot
 * @param trendingInterval delay from a country's first play to its new trending list
 * @param trendingSize titles per trending list
 * @param profileIdle profile state is dropped after this long without activity
 * @param itemIdle item state is dropped after this long without updates
 * @param minCount decayed counts below this are dropped (state cleanup)
 * @param knnWeight streaming share of the blend
 * @param factorWeight batch model share of the blend
 * @param requireCatalog only recommend titles the catalog lists (licensed in the profile's country)
 */
public record RecsJobConfig(
    StreamingConfig streaming,
    int topN,
    Duration debounce,
    Duration snapshotInterval,
    Duration trendingInterval,
    int trendingSize,
    Duration profileIdle,
    Duration itemIdle,
    double minCount,
    double knnWeight,
    double factorWeight,
    boolean requireCatalog)
    implements Serializable {

  public static RecsJobConfig defaults() {
    return new RecsJobConfig(
        StreamingConfig.defaults(),
        20,
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        100,
        Duration.ofDays(90),
        Duration.ofDays(90),
        0.01,
        0.3,
        0.7,
        true);
  }

  public RecommendationScorer scorer() {
    return new RecommendationScorer(
        new RecommendationScorer.Config(knnWeight, factorWeight, streaming.recencyDecay()));
  }
}
