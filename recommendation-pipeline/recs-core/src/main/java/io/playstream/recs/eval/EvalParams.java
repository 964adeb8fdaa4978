package io.playstream.recs.eval;

import io.playstream.recs.ImplicitAls;
import io.playstream.recs.StreamingConfig;
import java.time.Duration;

/**
 * Parameters of one evaluation run.
 *
 * @param seed random seed (split, ALS initialisation)
 * @param minRating ratings below are dropped (RecBole: 3)
 * @param kCore users and items with fewer ratings are dropped, iteratively (RecBole: 10)
 * @param streaming streaming recommender parameters
 * @param als batch model parameters
 * @param blendWeight streaming weight of the blend; NaN = choose on the validation split (static)
 *     or use {@link #DEFAULT_BLEND_WEIGHT} (prequential)
 * @param retrainEvery prequential: retrain the batch model after this fraction of the events
 * @param snapshotInterval prequential: event time from an item's change to its new snapshot
 * @param maxEvents prequential: stop after this many events (0 = all)
 * @param sample prequential: fraction of the events that are predicted (every event is learned)
 */
public record EvalParams(
    long seed,
    double minRating,
    int kCore,
    StreamingConfig streaming,
    ImplicitAls.Params als,
    double blendWeight,
    double retrainEvery,
    Duration snapshotInterval,
    int maxEvents,
    double sample) {

  /** Blend weight used when none is given and no validation split exists. */
  public static final double DEFAULT_BLEND_WEIGHT = 0.5;

  /** The streaming parameters the evaluation uses on MovieLens (ratings, years of history). */
  public static StreamingConfig movieLensStreaming() {
    return StreamingConfig.defaults()
        .withTrendingHalfLife(Duration.ofDays(365))
        .withCooccurrenceHalfLife(Duration.ZERO);
  }

  public static EvalParams defaults() {
    return new EvalParams(
        42L,
        3.0,
        10,
        movieLensStreaming(),
        ImplicitAls.Params.defaults(),
        Double.NaN,
        0.1,
        Duration.ofMinutes(1),
        0,
        1.0);
  }
}
