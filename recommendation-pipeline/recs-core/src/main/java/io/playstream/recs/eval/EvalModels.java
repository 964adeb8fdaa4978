package io.playstream.recs.eval;

import io.playstream.recs.FactorModel;
import io.playstream.recs.RecommendationScorer;
import io.playstream.recs.ScoredTitle;
import io.playstream.recs.StreamingModel;
import io.playstream.recs.Trending;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The four recommenders the evaluation compares, over one shared learned state. */
final class EvalModels {
  /** Model names, in table order. */
  static final List<String> NAMES = List.of("popularity", "streaming", "batch", "blend");

  /** {@code blend:<w>}: the blend with streaming weight w (for choosing w). */
  static final String BLEND_PREFIX = "blend:";

  final Trending popularity;
  final StreamingModel streaming;
  FactorModel factors;
  private final RecommendationScorer scorer;
  private double blendWeight;

  EvalModels(StreamingModel streaming, Trending popularity, double blendWeight) {
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

  /** Learns one positive interaction in every model. */
  void learn(String user, String item, long time) {
    popularity.add(null, item, 1.0, time);
    streaming.learn(user, null, item, 1.0, time);
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
      if (model.equals("popularity")) {
        var h = streaming.existingHistory(user);
        Predicate<String> skip =
            h == null ? extraExcluded : t -> h.isExcluded(t) || extraExcluded.test(t);
        out.put(model, popularity.top(null, n, skip));
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

  private static List<String> ids(List<ScoredTitle> scored) {
    List<String> out = new ArrayList<>(scored.size());
    scored.forEach(s -> out.add(s.titleId()));
    return out;
  }
}
