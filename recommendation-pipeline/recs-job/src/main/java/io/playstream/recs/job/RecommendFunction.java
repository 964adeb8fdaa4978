package io.playstream.recs.job;

import io.playstream.events.EventHeader;
import io.playstream.events.ProfileRecommendations;
import io.playstream.events.RecommendedTitle;
import io.playstream.recs.FactorModel;
import io.playstream.recs.ItemSnapshot;
import io.playstream.recs.NeighbourIndex;
import io.playstream.recs.ProfileHistory;
import io.playstream.recs.RecommendationScorer;
import io.playstream.recs.ScoredTitle;
import io.playstream.recs.Trending;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by profile, with the model as broadcast state: keeps the profile's history (recent window,
 * exclusions, country) and, {@code debounce} after new activity, recomputes its top-N with {@link
 * RecommendationScorer} — kNN over the broadcast item snapshots blended with the current batch
 * factor model, completed from the country's trending list (cold start: trending only) — never a
 * title the profile watched or disliked, or that the catalog does not license in its country. A
 * list is emitted when it changed.
 *
 * <p>Broadcast state: the catalog (title → licensed countries), item snapshots, trending lists and
 * factor rows by model version; a new version becomes current when its {@code FACTORS_END} arrives
 * with all its rows, without a restart. A catalog change that removes a title or its licence is
 * applied at once to every profile whose last list holds it (the list is recomputed and emitted).
 */
public class RecommendFunction
    extends KeyedBroadcastProcessFunction<String, Activity, ModelUpdate, ProfileRecommendations> {
  /** Title → licensed countries. */
  public static final MapStateDescriptor<String, String[]> CATALOG =
      new MapStateDescriptor<>(
          "recs-catalog",
          BasicTypeInfo.STRING_TYPE_INFO,
          BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO);

  /** Item → its latest snapshot (ITEM_SNAPSHOT updates). */
  public static final MapStateDescriptor<String, ModelUpdate> ITEMS =
      new MapStateDescriptor<>(
          "recs-items", BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(ModelUpdate.class));

  /** Country → trending titles, best first. */
  public static final MapStateDescriptor<String, String[]> TRENDING =
      new MapStateDescriptor<>(
          "recs-trending",
          BasicTypeInfo.STRING_TYPE_INFO,
          BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO);

  /**
   * Factor rows by {@code version + '\n' + item}, the completion marker of each version by {@code
   * "end\n" + version} and the current version under {@link #CURRENT}.
   */
  public static final MapStateDescriptor<String, ModelUpdate> FACTORS =
      new MapStateDescriptor<>(
          "recs-factors", BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(ModelUpdate.class));

  static final String CURRENT = "current";
  static final String SERVICE = "recs-job";

  private final RecsJobConfig config;
  private final RecommendationScorer scorer;
  private transient ValueState<ProfileState> state;
  private transient Map<String, ItemSnapshot> snapshots;
  private transient NeighbourIndex neighbours;
  private transient FactorModel factors;
  private transient String instance;
  private transient Counter emitted;
  private transient Counter recomputed;

  public RecommendFunction(RecsJobConfig config) {
    this.config = config;
    this.scorer = config.scorer();
  }

  /** The profile state descriptor (shared with tests). */
  public static ValueStateDescriptor<ProfileState> profileStateDescriptor() {
    return new ValueStateDescriptor<>("profile", ProfileState.class);
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(profileStateDescriptor());
    instance = SERVICE + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    emitted = getRuntimeContext().getMetricGroup().counter("recommendationsEmitted");
    recomputed = getRuntimeContext().getMetricGroup().counter("recommendationsComputed");
  }

  @Override
  public void processElement(Activity a, ReadOnlyContext ctx, Collector<ProfileRecommendations> out)
      throws Exception {
    ProfileState s = state.value();
    if (s == null) {
      s = new ProfileState();
    }
    ProfileHistory h = s.toHistory(config.streaming().window(), config.streaming().maxExcluded());
    ProfileState.apply(h, a);
    s.store(h);
    long now = ctx.timerService().currentProcessingTime();
    s.lastSeen = now;
    if (s.debounceTimer == 0) {
      s.debounceTimer = now + config.debounce().toMillis();
      ctx.timerService().registerProcessingTimeTimer(s.debounceTimer);
    }
    if (s.cleanupTimer == 0) {
      s.cleanupTimer = now + config.profileIdle().toMillis();
      ctx.timerService().registerProcessingTimeTimer(s.cleanupTimer);
    }
    state.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProfileRecommendations> out)
      throws Exception {
    ProfileState s = state.value();
    if (s == null) {
      return;
    }
    if (timestamp == s.cleanupTimer) {
      long idleUntil = s.lastSeen + config.profileIdle().toMillis();
      if (timestamp >= idleUntil) {
        if (s.debounceTimer != 0) {
          ctx.timerService().deleteProcessingTimeTimer(s.debounceTimer);
        }
        state.clear();
        return;
      }
      s.cleanupTimer = idleUntil;
      ctx.timerService().registerProcessingTimeTimer(idleUntil);
    }
    if (timestamp == s.debounceTimer) {
      s.debounceTimer = 0;
      ProfileRecommendations recs =
          compute(
              ctx.getCurrentKey(),
              s,
              timestamp,
              ctx.getBroadcastState(CATALOG),
              ctx.getBroadcastState(ITEMS),
              ctx.getBroadcastState(TRENDING),
              ctx.getBroadcastState(FACTORS));
      emitIfChanged(s, recs, out);
    }
    state.update(s);
  }

  @Override
  public void processBroadcastElement(
      ModelUpdate u, Context ctx, Collector<ProfileRecommendations> out) throws Exception {
    BroadcastState<String, String[]> catalog = ctx.getBroadcastState(CATALOG);
    BroadcastState<String, ModelUpdate> items = ctx.getBroadcastState(ITEMS);
    BroadcastState<String, String[]> trending = ctx.getBroadcastState(TRENDING);
    BroadcastState<String, ModelUpdate> factorState = ctx.getBroadcastState(FACTORS);
    switch (u.kind) {
      case TITLE_UPSERTED, TITLE_REMOVED -> {
        if (u.kind == ModelUpdate.Kind.TITLE_UPSERTED) {
          catalog.put(u.key, u.items);
        } else {
          catalog.remove(u.key);
        }
        String title = u.key;
        long now = ctx.currentProcessingTime();
        ctx.applyToKeyedState(
            profileStateDescriptor(),
            (profile, profileState) -> {
              ProfileState s = profileState.value();
              if (s == null || !Arrays.asList(s.lastRecs).contains(title)) {
                return;
              }
              if (eligible(title, s.country, catalog)) {
                return;
              }
              ProfileRecommendations recs =
                  compute(profile, s, now, catalog, items, trending, factorState);
              emitIfChanged(s, recs, out);
              profileState.update(s);
            });
      }
      case ITEM_SNAPSHOT -> {
        items.put(u.key, u);
        if (snapshots != null) {
          snapshots.put(u.key, u.toSnapshot());
          neighbours.invalidate(u.key);
        }
      }
      case ITEM_REMOVED -> {
        items.remove(u.key);
        if (snapshots != null) {
          snapshots.remove(u.key);
          neighbours.invalidate(u.key);
        }
      }
      case TRENDING -> trending.put(u.key, u.items);
      case FACTOR_ROW -> factorState.put(u.version + "\n" + u.key, u);
      case FACTORS_END -> {
        factorState.put("end\n" + u.version, u);
        activateIfComplete(u.version, factorState);
      }
      default -> throw new IllegalStateException("unknown update " + u.kind);
    }
  }

  private void activateIfComplete(String version, BroadcastState<String, ModelUpdate> state)
      throws Exception {
    ModelUpdate end = state.get("end\n" + version);
    if (end == null) {
      return;
    }
    String prefix = version + "\n";
    List<String> items = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, ModelUpdate> e : state.entries()) {
      String k = e.getKey();
      if (k.startsWith(prefix)) {
        items.add(e.getValue().key);
        rows.add(e.getValue().values);
      } else if (!k.equals(CURRENT) && !k.endsWith("\n" + version)) {
        stale.add(k);
      }
    }
    if (items.size() != (int) end.count || items.isEmpty()) {
      return; // rows still arriving
    }
    for (String k : stale) {
      state.remove(k);
    }
    state.put(CURRENT, end);
    factors = buildFactors(end, items, rows);
  }

  private static FactorModel buildFactors(
      ModelUpdate end, List<String> items, List<double[]> rows) {
    return new FactorModel(
        end.version,
        items.toArray(new String[0]),
        rows.toArray(new double[0][]),
        end.values[0],
        end.values[1],
        end.values[2] != 0);
  }

  /** The current factor model; rebuilt from broadcast state after a restore. */
  private FactorModel factors(ReadOnlyBroadcastState<String, ModelUpdate> state) throws Exception {
    ModelUpdate current = state.get(CURRENT);
    if (current == null) {
      return null;
    }
    if (factors == null || !factors.version().equals(current.version)) {
      String prefix = current.version + "\n";
      List<String> items = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (Map.Entry<String, ModelUpdate> e : state.immutableEntries()) {
        if (e.getKey().startsWith(prefix)) {
          items.add(e.getValue().key);
          rows.add(e.getValue().values);
        }
      }
      factors = items.isEmpty() ? null : buildFactors(current, items, rows);
    }
    return factors;
  }

  /** The neighbour index over the item snapshots; rebuilt from broadcast state after a restore. */
  private NeighbourIndex neighbours(ReadOnlyBroadcastState<String, ModelUpdate> items)
      throws Exception {
    if (snapshots == null) {
      snapshots = new HashMap<>();
      for (Map.Entry<String, ModelUpdate> e : items.immutableEntries()) {
        snapshots.put(e.getKey(), e.getValue().toSnapshot());
      }
      neighbours =
          new NeighbourIndex(
              config.streaming().similarity(),
              config.streaming().cooccurrenceDecay(),
              snapshots::get);
    }
    return neighbours;
  }

  /** True when a title may be recommended in a country. */
  boolean eligible(String title, String country, ReadOnlyBroadcastState<String, String[]> catalog)
      throws Exception {
    String[] countries = catalog.get(title);
    if (countries == null) {
      return !config.requireCatalog();
    }
    if (country == null) {
      return countries.length > 0;
    }
    for (String c : countries) {
      if (c.equals(country)) {
        return true;
      }
    }
    return false;
  }

  ProfileRecommendations compute(
      String profile,
      ProfileState s,
      long now,
      ReadOnlyBroadcastState<String, String[]> catalog,
      ReadOnlyBroadcastState<String, ModelUpdate> items,
      ReadOnlyBroadcastState<String, String[]> trending,
      ReadOnlyBroadcastState<String, ModelUpdate> factorState)
      throws Exception {
    ProfileHistory h = s.toHistory(config.streaming().window(), config.streaming().maxExcluded());
    String country = h.country();
    Map<String, Boolean> eligibility = new HashMap<>();
    Predicate<String> excluded =
        t -> {
          if (h.isExcluded(t)) {
            return true;
          }
          return !eligibility.computeIfAbsent(
              t,
              x -> {
                try {
                  return eligible(x, country, catalog);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
        };
    LinkedHashSet<String> fallback = new LinkedHashSet<>();
    if (country != null && trending.get(country) != null) {
      fallback.addAll(Arrays.asList(trending.get(country)));
    }
    if (trending.get(Trending.GLOBAL) != null) {
      fallback.addAll(Arrays.asList(trending.get(Trending.GLOBAL)));
    }
    FactorModel model = factors(factorState);
    List<ProfileHistory.Entry> recent = h.recent();
    long scoringTime = h.lastActivity() == Long.MIN_VALUE ? now : h.lastActivity();
    List<ScoredTitle> top =
        scorer.recommend(
            recent,
            scoringTime,
            excluded,
            neighbours(items),
            model,
            new ArrayList<>(fallback),
            config.topN());
    recomputed.inc();
    String version;
    if (recent.isEmpty()) {
      version = "trending";
    } else if (model != null && config.factorWeight() > 0) {
      version = config.knnWeight() > 0 ? "knn+als-" + model.version() : "als-" + model.version();
    } else {
      version = "knn";
    }
    List<RecommendedTitle> titles = new ArrayList<>(top.size());
    for (ScoredTitle t : top) {
      titles.add(RecommendedTitle.newBuilder().setTitleId(t.titleId()).setScore(t.score()).build());
    }
    return ProfileRecommendations.newBuilder()
        .setHeader(
            EventHeader.newBuilder()
                .setEventId(
                    UUID.nameUUIDFromBytes((profile + "\n" + now).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setEventTime(Instant.ofEpochMilli(now))
                .setService(SERVICE)
                .setInstance(instance == null ? SERVICE : instance)
                .setTraceId(null)
                .build())
        .setProfileId(profile)
        .setCountry(country)
        .setModelVersion(version)
        .setSource("realtime")
        .setTitles(titles)
        .build();
  }

  private void emitIfChanged(
      ProfileState s, ProfileRecommendations recs, Collector<ProfileRecommendations> out) {
    String[] ids =
        recs.getTitles().stream().map(RecommendedTitle::getTitleId).toArray(String[]::new);
    if (s.lastEmitted != 0 && Arrays.equals(ids, s.lastRecs)) {
      return;
    }
    s.lastRecs = ids;
    s.lastEmitted = recs.getHeader().getEventTime().toEpochMilli();
    out.collect(recs);
    if (emitted != null) {
      emitted.inc();
    }
  }
}
