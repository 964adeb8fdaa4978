package io.playstream.recs.job;

import io.playstream.events.Impression;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.ProfileRecommendations;
import io.playstream.events.Rating;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.Demuxed;
import io.playstream.flink.EventDemux;
import io.playstream.flink.RawEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * The real-time recommendation job as a pure builder: raw records of the {@code recs-activity}
 * route and of the {@code catalog} route (and optionally batch factor rows) in, per-profile
 * recommendations and dead letters out. The main attaches Kafka and Cassandra; tests attach bounded
 * sources and collecting sinks.
 *
 * <pre>
 * activity ─ decode ─▶ Activity ─ keyBy(profile) ─┬─ CooccurrenceFanOut ─ keyBy(item) ─ ItemCooccurrence ─┐
 *                                                 │        └ plays ─ keyBy(country) ─ Trending ──────────┤
 * catalog ─ decode ─▶ TitleUpserted/Removed ──────┼──────────────────────────────────────────────────────┤ broadcast
 * factor rows (batch model versions) ─────────────┼──────────────────────────────────────────────────────┤
 *                                                 └─ RecommendFunction (keyed state + broadcast state) ◀─┘
 *                                                          └─▶ ProfileRecommendations
 * </pre>
 *
 * The profile's history is kept twice (pairing and scoring): a Flink 2 DataStream job has no
 * cycles, and the scoring operator must receive the item snapshots the pairing produces.
 */
public final class RecommendationJob {
  /** Job name: consumer group, dead-letter component, uid prefix. */
  public static final String NAME = "recommendations";

  private RecommendationJob() {}

  /** What the job produces. */
  public record Outputs(
      DataStream<ProfileRecommendations> recommendations, DataStream<DeadLetter> deadLetters) {}

  /**
   * Builds the job.
   *
   * @param activity raw records of {@code playstream.route.recs-activity}
   * @param catalog raw records of {@code playstream.route.catalog}
   * @param factors batch model versions as factor rows + end marker (null: none)
   * @param config job parameters
   */
  public static Outputs build(
      DataStream<RawEvent> activity,
      DataStream<RawEvent> catalog,
      DataStream<ModelUpdate> factors,
      RecsJobConfig config) {
    TypeInformation<Activity> activityType = TypeInformation.of(Activity.class);
    TypeInformation<ModelUpdate> updateType = TypeInformation.of(ModelUpdate.class);

    Demuxed events =
        EventDemux.split(
            activity,
            "recs-activity",
            PlaybackStarted.class,
            PlaybackStopped.class,
            Rating.class,
            Impression.class);
    DataStream<Activity> activities =
        events
            .of(PlaybackStarted.class)
            .map(e -> Activity.of(e), activityType)
            .name("starts")
            .uid("recs-activity-starts")
            .union(
                events
                    .of(PlaybackStopped.class)
                    .map(e -> Activity.of(e), activityType)
                    .name("stops")
                    .uid("recs-activity-stops"),
                events
                    .of(Rating.class)
                    .map(e -> Activity.of(e), activityType)
                    .name("ratings")
                    .uid("recs-activity-ratings"),
                events
                    .of(Impression.class)
                    .map(e -> Activity.of(e), activityType)
                    .name("impressions")
                    .uid("recs-activity-impressions"));
    KeyedStream<Activity, String> byProfile = activities.keyBy(a -> a.profileId);

    var pairs =
        byProfile
            .process(new CooccurrenceFanOut(config), TypeInformation.of(ItemUpdate.class))
            .name("co-occurrence pairs")
            .uid("recs-cooccurrence-pairs");
    DataStream<ModelUpdate> snapshots =
        pairs
            .keyBy(u -> u.item)
            .process(new ItemCooccurrenceFunction(config), updateType)
            .name("item co-occurrence")
            .uid("recs-item-cooccurrence");
    DataStream<ModelUpdate> trending =
        pairs
            .getSideOutput(CooccurrenceFanOut.PLAYS)
            .keyBy(p -> p.country)
            .process(new TrendingFunction(config), updateType)
            .name("trending per country")
            .uid("recs-trending");

    Demuxed titles =
        EventDemux.split(catalog, "recs-catalog", TitleUpserted.class, TitleRemoved.class);
    DataStream<ModelUpdate> catalogUpdates =
        titles
            .of(TitleUpserted.class)
            .map(RecommendationJob::catalogUpdate, updateType)
            .name("title upserts")
            .uid("recs-catalog-upserts")
            .union(
                titles
                    .of(TitleRemoved.class)
                    .map(t -> ModelUpdate.titleRemoved(t.getTitleId()), updateType)
                    .name("title removals")
                    .uid("recs-catalog-removals"));

    DataStream<ModelUpdate> updates = snapshots.union(trending, catalogUpdates);
    if (factors != null) {
      updates = updates.union(factors);
    }
    BroadcastStream<ModelUpdate> model =
        updates.broadcast(
            RecommendFunction.CATALOG,
            RecommendFunction.ITEMS,
            RecommendFunction.TRENDING,
            RecommendFunction.FACTORS);
    DataStream<ProfileRecommendations> recs =
        byProfile
            .connect(model)
            .process(
                new RecommendFunction(config), TypeInformation.of(ProfileRecommendations.class))
            .name("recommend per profile")
            .uid("recs-recommend");
    DataStream<ProfileRecommendations> trendingRows =
        trending
            .map(RecommendationJob::trendingRow, TypeInformation.of(ProfileRecommendations.class))
            .name("trending rows")
            .uid("recs-trending-rows");
    return new Outputs(recs.union(trendingRows), events.deadLetters().union(titles.deadLetters()));
  }

  /** Prefix of the rows that carry a country's trending list (the serving fallback). */
  public static final String TRENDING_PREFIX = "trending:";

  /**
   * A country's trending list as a row keyed {@code trending:<country>} ({@code trending:*} for all
   * countries), so the recommendations endpoint can cache the fallback list from the same table it
   * reads profiles from.
   */
  public static ProfileRecommendations trendingRow(ModelUpdate u) {
    java.util.List<io.playstream.events.RecommendedTitle> list = new java.util.ArrayList<>();
    for (int i = 0; i < u.items.length; i++) {
      list.add(
          io.playstream.events.RecommendedTitle.newBuilder()
              .setTitleId(u.items[i])
              .setScore(u.items.length - i)
              .build());
    }
    long at = u.time;
    return ProfileRecommendations.newBuilder()
        .setHeader(
            io.playstream.events.EventHeader.newBuilder()
                .setEventId(
                    java.util
                        .UUID
                        .nameUUIDFromBytes(
                            (TRENDING_PREFIX + u.key + "\n" + at)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString())
                .setEventTime(java.time.Instant.ofEpochMilli(at))
                .setService(RecommendFunction.SERVICE)
                .setInstance(RecommendFunction.SERVICE)
                .setTraceId(null)
                .build())
        .setProfileId(TRENDING_PREFIX + u.key)
        .setCountry(io.playstream.recs.Trending.GLOBAL.equals(u.key) ? null : u.key)
        .setModelVersion("trending")
        .setSource("trending")
        .setTitles(list)
        .build();
  }

  /** A catalog upsert as broadcast update: the title and its licensed countries. */
  public static ModelUpdate catalogUpdate(TitleUpserted t) {
    return ModelUpdate.title(
        t.getTitleId(),
        t.getLicensedCountries().stream().map(CharSequence::toString).toArray(String[]::new));
  }
}
