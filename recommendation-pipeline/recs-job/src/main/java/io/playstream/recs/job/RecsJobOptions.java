package io.playstream.recs.job;

import io.playstream.flink.FlinkJobOptions;
import io.playstream.recs.Similarity;
import io.playstream.recs.StreamingConfig;
import io.playstream.schemas.Topics;
import java.io.Serializable;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options of the recommendation job (picocli mixin); {@link #config()} builds the immutable {@link
 * RecsJobConfig}. Durations: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d} or
 * ISO-8601.
 */
public class RecsJobOptions implements Serializable {
  private static final StreamingConfig S = StreamingConfig.defaults();
  private static final RecsJobConfig D = RecsJobConfig.defaults();

  @Option(
      names = "--activity-topic",
      description = "Activity route topic (default: playstream.route.recs-activity).")
  public String activityTopic = Topics.route("recs-activity").name();

  @Option(
      names = "--catalog-topic",
      description = "Catalog route topic (default: playstream.route.catalog).")
  public String catalogTopic = Topics.route("catalog").name();

  @Option(names = "--recs-topic", description = "Output topic (default: playstream.recs).")
  public String recsTopic = Topics.RECS.name();

  @Option(names = "--top-n", description = "Titles per profile (default: 20).")
  public int topN = D.topN();

  @Option(
      names = "--debounce",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Delay from activity to recomputation (default: 200ms).")
  public Duration debounce = D.debounce();

  @Option(
      names = "--snapshot-interval",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Delay from an item's change to its new neighbour snapshot (default: 1s).")
  public Duration snapshotInterval = D.snapshotInterval();

  @Option(
      names = "--trending-interval",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Delay from a play to the country's new trending list (default: 2s).")
  public Duration trendingInterval = D.trendingInterval();

  @Option(names = "--trending-size", description = "Titles per trending list (default: 100).")
  public int trendingSize = D.trendingSize();

  @Option(
      names = "--window",
      description = "Recent titles per profile for co-occurrence and scoring (default: 200).")
  public int window = S.window();

  @Option(
      names = "--max-excluded",
      description = "Watched/disliked titles remembered per profile (default: 5000).")
  public int maxExcluded = S.maxExcluded();

  @Option(
      names = "--cooccurrence-half-life",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Half-life of co-occurrence counts; 0s = no decay (default: 365d).")
  public Duration cooccurrenceHalfLife = S.cooccurrenceHalfLife();

  @Option(
      names = "--cooccurrence-capacity",
      description = "Co-occurring titles tracked per title (default: 400).")
  public int cooccurrenceCapacity = S.cooccurrenceCapacity();

  @Option(names = "--neighbours", description = "Neighbours per title (default: 100).")
  public int neighbours = S.similarity().neighbours();

  @Option(names = "--similarity", description = "COSINE or JACCARD (default: COSINE).")
  public Similarity.Kind similarity = S.similarity().kind();

  @Option(
      names = "--trending-half-life",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Half-life of trending counts (default: 7d).")
  public Duration trendingHalfLife = S.trendingHalfLife();

  @Option(
      names = "--profile-idle",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Drop a profile's state after this long without activity (default: 90d).")
  public Duration profileIdle = D.profileIdle();

  @Option(
      names = "--item-idle",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Drop a title's co-occurrence state after this long unused (default: 90d).")
  public Duration itemIdle = D.itemIdle();

  @Option(
      names = "--knn-weight",
      description = "Streaming (kNN) share of the blend (default: 0.3).")
  public double knnWeight = D.knnWeight();

  @Option(
      names = "--factor-weight",
      description = "Batch factor model share of the blend (default: 0.7).")
  public double factorWeight = D.factorWeight();

  @Option(
      names = "--require-catalog",
      negatable = true,
      description =
          "Recommend only titles the catalog licenses in the profile's country (default).")
  public boolean requireCatalog = D.requireCatalog();

  /** The job configuration these options describe. */
  public RecsJobConfig config() {
    StreamingConfig s =
        new StreamingConfig(
            window,
            maxExcluded,
            cooccurrenceHalfLife,
            cooccurrenceCapacity,
            S.snapshotSize(),
            new Similarity(similarity, S.similarity().shrink(), neighbours),
            trendingHalfLife,
            S.trendingCapacity(),
            S.recencyHalfLife());
    return new RecsJobConfig(
        s,
        topN,
        debounce,
        snapshotInterval,
        trendingInterval,
        trendingSize,
        profileIdle,
        itemIdle,
        D.minCount(),
        knnWeight,
        factorWeight,
        requireCatalog);
  }
}
