package io.playstream.recs.eval;

import io.playstream.recs.Decay;
import io.playstream.recs.ImplicitAls;
import io.playstream.recs.StreamingModel;
import io.playstream.recs.Trending;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;

/**
 * The static protocol, modelled on RecBole's benchmark setting: ratings ≥ {@code minRating},
 * iterative {@code kCore}, random 8:1:1 split per user ({@link StaticSplit}), models fitted on the
 * training part only, full ranking over every item with the user's training and validation items
 * excluded, metrics averaged over users with test items ({@link RankingMetrics}). The validation
 * part only chooses the blend weight; the reported figures are on the test part.
 */
public final class StaticProtocol {
  private static final double[] RATIOS = {0.8, 0.1, 0.1};

  private StaticProtocol() {}

  public static EvalReport run(List<RatingEvent> raw, String dataset, EvalParams p) {
    return run(raw, dataset, p, Map.of());
  }

  /**
   * As {@link #run(List, String, EvalParams)}, with oracles (by name: a score of user and item that
   * knows the hidden preferences) reported after the models as upper references.
   */
  public static EvalReport run(
      List<RatingEvent> raw,
      String dataset,
      EvalParams p,
      Map<String, ToDoubleBiFunction<String, String>> oracles) {
    long start = System.currentTimeMillis();
    List<RatingEvent> data =
        Preprocessing.kCore(
            Preprocessing.minRating(Preprocessing.dedupe(raw), p.minRating()), p.kCore());
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no ratings left after filtering");
    }
    Set<String> users = new HashSet<>();
    Set<String> items = new HashSet<>();
    data.forEach(
        r -> {
          users.add(r.user());
          items.add(r.item());
        });
    StaticSplit split = StaticSplit.split(data, RATIOS, p.seed());
    EvalModels models = fit(split.train(), p, oracles);

    Map<String, Set<String>> valid = byUser(split.valid());
    Map<String, Set<String>> test = byUser(split.test());
    double weight = p.blendWeight();
    StringBuilder notes = new StringBuilder();
    if (Double.isNaN(weight)) {
      double best = -1;
      StringBuilder tried = new StringBuilder();
      List<String> candidates = new ArrayList<>();
      for (int i = 0; i <= 10; i++) {
        candidates.add(EvalModels.BLEND_PREFIX + (i / 10.0));
      }
      Map<String, RankingMetrics.Result> onValid =
          evaluateAll(models, candidates, valid, Map.of(), items.size());
      for (String c : candidates) {
        double w = Double.parseDouble(c.substring(EvalModels.BLEND_PREFIX.length()));
        double ndcg = onValid.get(c).ndcg10();
        tried.append(String.format(Locale.ROOT, " %.1f:%.4f", w, ndcg));
        if (ndcg > best + 1e-12) {
          best = ndcg;
          weight = w;
        }
      }
      notes.append("blend weight chosen on the validation split (weight:NDCG@10):").append(tried);
    }
    models.blendWeight(weight);
    Map<String, RankingMetrics.Result> results =
        evaluateAll(models, models.names(), test, valid, items.size());
    return new EvalReport(
        "static",
        dataset,
        users.size(),
        items.size(),
        data.size(),
        results,
        weight,
        notes.toString(),
        System.currentTimeMillis() - start);
  }

  /** Fits every model on the training ratings, fed in time order. */
  static EvalModels fit(List<RatingEvent> train, EvalParams p) {
    return fit(train, p, Map.of());
  }

  static EvalModels fit(
      List<RatingEvent> train,
      EvalParams p,
      Map<String, ToDoubleBiFunction<String, String>> oracles) {
    List<RatingEvent> ordered = new ArrayList<>(train);
    ordered.sort(
        Comparator.comparingLong(RatingEvent::time)
            .thenComparing(RatingEvent::user)
            .thenComparing(RatingEvent::item));
    StreamingModel streaming = new StreamingModel(p.streaming(), 0);
    EvalModels models =
        new EvalModels(
            streaming,
            new Trending(Decay.none(), 0),
            Double.isNaN(p.blendWeight()) ? EvalParams.DEFAULT_BLEND_WEIGHT : p.blendWeight(),
            oracles);
    List<ImplicitAls.Interaction> interactions = new ArrayList<>(ordered.size());
    for (RatingEvent r : ordered) {
      models.learn(r.user(), r.item(), r.time());
      interactions.add(new ImplicitAls.Interaction(r.user(), r.item(), 1.0));
    }
    streaming.refreshAll();
    models.factors = ImplicitAls.train(interactions, p.als(), "static");
    return models;
  }

  static RankingMetrics.Result evaluate(
      EvalModels models,
      String model,
      Map<String, Set<String>> relevant,
      Map<String, Set<String>> alsoExcluded,
      int catalogSize) {
    RankingMetrics metrics = new RankingMetrics();
    List<String> users = new ArrayList<>(relevant.keySet());
    users.sort(Comparator.naturalOrder());
    for (String user : users) {
      Set<String> extra = alsoExcluded.getOrDefault(user, Set.of());
      Predicate<String> excluded = extra::contains;
      List<String> ranked = models.recommend(model, user, excluded, RankingMetrics.RECALL_K);
      metrics.add(ranked, relevant.get(user));
    }
    return metrics.result(catalogSize);
  }

  static Map<String, RankingMetrics.Result> evaluateAll(
      EvalModels models,
      List<String> names,
      Map<String, Set<String>> relevant,
      Map<String, Set<String>> alsoExcluded,
      int catalogSize) {
    Map<String, RankingMetrics> metrics = new java.util.LinkedHashMap<>();
    names.forEach(n -> metrics.put(n, new RankingMetrics()));
    List<String> users = new ArrayList<>(relevant.keySet());
    users.sort(Comparator.naturalOrder());
    for (String user : users) {
      Set<String> extra = alsoExcluded.getOrDefault(user, Set.of());
      Predicate<String> excluded = extra::contains;
      Map<String, List<String>> ranked =
          models.recommendAll(names, user, excluded, RankingMetrics.RECALL_K);
      ranked.forEach((name, list) -> metrics.get(name).add(list, relevant.get(user)));
    }
    Map<String, RankingMetrics.Result> out = EvalReport.ordered();
    metrics.forEach((name, m) -> out.put(name, m.result(catalogSize)));
    return out;
  }

  static Map<String, Set<String>> byUser(List<RatingEvent> ratings) {
    Map<String, Set<String>> out = new HashMap<>();
    for (RatingEvent r : ratings) {
      out.computeIfAbsent(r.user(), u -> new HashSet<>()).add(r.item());
    }
    return out;
  }
}
