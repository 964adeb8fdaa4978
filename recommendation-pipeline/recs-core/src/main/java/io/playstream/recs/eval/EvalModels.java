package io.playstream.recs.eval;

import io.playstream.recs.FactorModel;
import io.playstream.recs.RecommendationScorer;
import io.playstream.recs.ScoredTitle;
import io.playstream.recs.StreamingModel;
import io.playstream.recs.Trending;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;

/**
 * The four recommenders the evaluation compares, over one shared learned state, and optionally
 * oracles that know the data's hidden preferences (simulator ground truth) as upper references.
 */
final class EvalModels {
  /** Model names, in table order. */
  static final List<String> NAMES = List.of("popularity", "streaming", "batch", "blend");

  /** {@code blend:<w>}: the blend with streaming weight w (for choosing w). */
  static final String BLEND_PREFIX = "blend:";

  final Trending popularity;
  final StreamingModel streaming;
  FactorModel factors;
  private final RecommendationScorer scorer;
  private final Map<String, ToDoubleBiFunction<String, String>> oracles;
  private final Set<String> known = new LinkedHashSet<>();
  private double blendWeight;

  EvalModels(StreamingModel streaming, Trending popularity, double blendWeight) {
    this(streaming, popularity, blendWeight, Map.of());
  }

  /**
   * @param oracles by name: a score of (user, item) that ranks every learned item not excluded
   */
  EvalModels(
      StreamingModel streaming,
      Trending popularity,
      double blendWeight,
      Map<String, ToDoubleBiFunction<String, String>> oracles) {
    this.oracles = new LinkedHashMap<>(oracles);
    this.streaming = streaming;
    this.popularity = popularity;
    this.scorer =
        new RecommendationScorer(
            new RecommendationScorer.Config(1, 1, streaming.config().recencyDecay()));
    blendWeight(blendWeight);
  }

  /** Sets the blend: {@code w} × streaming + (1 − w) × batch. */
  void blendWeight(double w) {
    this.blendWeight = w;
  }

  double blendWeight() {
    return blendWeight;
  }

  /** The reported models: {@link #NAMES}, then the oracles. */
  List<String> names() {
    List<String> out = new ArrayList<>(NAMES);
    out.addAll(oracles.keySet());
    return out;
  }

  /** Learns one positive interaction in every model. */
  void learn(String user, String item, long time) {
    popularity.add(null, item, 1.0, time);
    streaming.learn(user, null, item, 1.0, time);
    known.add(item);
  }

  /** The top {@code n} of one model for a user. */
  List<String> recommend(String model, String user, Predicate<String> extraExcluded, int n) {
    return recommendAll(List.of(model), user, extraExcluded, n).get(model);
  }

  /** The top {@code n} of several models for a user, sharing the computed signals. */
  Map<String, List<String>> recommendAll(
      List<String> models, String user, Predicate<String> extraExcluded, int n) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    StreamingModel.Scoring scoring = null;
    for (String model : models) {
      if (model.equals("popularity") || oracles.containsKey(model)) {
        var h = streaming.existingHistory(user);
        Predicate<String> skip =
            h == null ? extraExcluded : t -> h.isExcluded(t) || extraExcluded.test(t);
        out.put(
            model,
            model.equals("popularity")
                ? popularity.top(null, n, skip)
                : oracleTop(oracles.get(model), user, skip, n));
        continue;
      }
      if (scoring == null) {
        scoring = streaming.scoring(scorer, user, factors, extraExcluded, n);
      }
      List<ScoredTitle> top =
          switch (model) {
            case "streaming" -> scoring.top(1, 0, n);
            case "batch" -> scoring.top(0, 1, n);
            case "blend" -> scoring.top(blendWeight, 1 - blendWeight, n);
            default -> {
              if (!model.startsWith(BLEND_PREFIX)) {
                throw new IllegalArgumentException("unknown model " + model);
              }
              double w = Double.parseDouble(model.substring(BLEND_PREFIX.length()));
              yield scoring.top(w, 1 - w, n);
            }
          };
      out.put(model, ids(top));
    }
    return out;
  }

  /** The top {@code n} learned items by an oracle's score (ties: first learned first). */
  private List<String> oracleTop(
      ToDoubleBiFunction<String, String> score, String user, Predicate<String> skip, int n) {
    record Scored(String item, double score, int order) {}
    Comparator<Scored> worstFirst =
        Comparator.comparingDouble(Scored::score)
            .thenComparing(Comparator.comparingInt(Scored::order).reversed());
    PriorityQueue<Scored> top = new PriorityQueue<>(worstFirst);
    int order = 0;
    for (String item : known) {
      order++;
      if (skip.test(item)) {
        continue;
      }
      Scored s = new Scored(item, score.applyAsDouble(user, item), order);
      if (top.size() < n) {
        top.add(s);
      } else if (worstFirst.compare(s, top.peek()) > 0) {
        top.poll();
        top.add(s);
      }
    }
    List<Scored> sorted = new ArrayList<>(top);
    sorted.sort(worstFirst.reversed());
    List<String> out = new ArrayList<>(sorted.size());
    sorted.forEach(s -> out.add(s.item()));
    return out;
  }

  private static List<String> ids(List<ScoredTitle> scored) {
    List<String> out = new ArrayList<>(scored.size());
    scored.forEach(s -> out.add(s.titleId()));
    return out;
  }
}
