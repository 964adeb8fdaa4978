package io.playstream.recs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Scores a profile's top-N titles from its recent history: the streaming item-item signal, the
 * batch factor model, or a weighted blend of both, then completes the list from the trending list
 * (cold start: a profile without history gets trending only). Titles the caller excludes (already
 * watched, disliked, not licensed in the profile's country, not in the catalog) never appear.
 *
 * <ul>
 *   <li>kNN score of title j: Σ over history items i of recency(i) · weight(i) · sim(i, j), over
 *       i's bounded neighbour list (item-based top-N, Deshpande and Karypis 2004).
 *   <li>Factor score: xᵀy_j with x folded in from the history ({@link FactorModel#foldIn}).
 *   <li>Blend: each source is min-max normalised over the eligible titles it scores, then combined
 *       with the configured weights; a missing source is left out and the other keeps its scores.
 * </ul>
 *
 * Pure: used by the Flink job's scoring operator and by the offline evaluation alike.
 */
public final class RecommendationScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Scoring parameters.
   *
   * @param knnWeight weight of the streaming item-item signal (0 disables it)
   * @param factorWeight weight of the batch factor model (0 disables it)
   * @param recency decay of history items by age when scoring ({@link Decay#none()} = all equal)
   */
  public record Config(double knnWeight, double factorWeight, Decay recency)
      implements Serializable {
    public Config {
      if (knnWeight < 0 || factorWeight < 0) {
        throw new IllegalArgumentException("weights must be >= 0");
      }
    }
  }

  private final Config config;

  public RecommendationScorer(Config config) {
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /**
   * The top {@code n} titles for a profile.
   *
   * @param history recent consumed titles (oldest first)
   * @param now scoring time (epoch ms), for recency
   * @param excluded titles never to recommend
   * @param knn neighbour lists (null: no streaming signal)
   * @param factors batch model (null: none yet)
   * @param fallback trending titles, best first, to complete the list
   * @param n list length
   */
  public List<ScoredTitle> recommend(
      List<ProfileHistory.Entry> history,
      long now,
      Predicate<String> excluded,
      NeighbourIndex knn,
      FactorModel factors,
      List<String> fallback,
      int n) {
    Signals signals =
        signals(
            history,
            now,
            excluded,
            config.knnWeight() == 0 ? null : knn,
            config.factorWeight() == 0 ? null : factors);
    return recommend(signals, config.knnWeight(), config.factorWeight(), fallback, n);
  }

  /**
   * The two signals of a profile, computed once: kNN scores of eligible titles and factor scores of
   * every title of the factor model (null when either is unavailable).
   */
  public record Signals(
      Map<String, Double> knn,
      FactorModel factors,
      double[] factorScores,
      Predicate<String> excluded) {}

  /** Computes the signals (either source may be null). */
  public Signals signals(
      List<ProfileHistory.Entry> history,
      long now,
      Predicate<String> excluded,
      NeighbourIndex knn,
      FactorModel factors) {
    Map<String, Double> knnScores = knn == null ? Map.of() : knnScores(history, now, excluded, knn);
    double[] factorScores = null;
    if (factors != null && !history.isEmpty()) {
      double[] x = factors.foldIn(weighted(history, now));
      if (x != null) {
        factorScores = factors.scores(x);
      }
    }
    return new Signals(knnScores, factors, factorScores, excluded);
  }

  /** The top {@code n} of the signals blended with the given weights, completed from fallback. */
  public static List<ScoredTitle> recommend(
      Signals signals, double knnWeight, double factorWeight, List<String> fallback, int n) {
    Map<String, Double> knnScores = knnWeight == 0 ? Map.of() : signals.knn();
    double[] factorScores = factorWeight == 0 ? null : signals.factorScores();
    Predicate<String> excluded = signals.excluded();
    Map<String, Double> combined =
        combine(knnScores, signals.factors(), factorScores, excluded, knnWeight, factorWeight);
    List<ScoredTitle> top = top(combined, n);
    if (top.size() < n && fallback != null) {
      Set<String> taken = new HashSet<>();
      top.forEach(t -> taken.add(t.titleId()));
      for (String t : fallback) {
        if (top.size() >= n) {
          break;
        }
        if (!excluded.test(t) && taken.add(t)) {
          top.add(new ScoredTitle(t, 0.0));
        }
      }
    }
    return top;
  }

  /** Unnormalised kNN scores of eligible titles. */
  public Map<String, Double> knnScores(
      List<ProfileHistory.Entry> history,
      long now,
      Predicate<String> excluded,
      NeighbourIndex knn) {
    Map<String, Double> scores = new HashMap<>();
    for (ProfileHistory.Entry e : history) {
      double w = e.weight() * config.recency().factor(e.time(), now);
      if (w <= 0) {
        continue;
      }
      Neighbours nb = knn.neighbours(e.item());
      for (int k = 0; k < nb.size(); k++) {
        String j = nb.items()[k];
        if (!excluded.test(j)) {
          scores.merge(j, w * nb.similarities()[k], Double::sum);
        }
      }
    }
    return scores;
  }

  private List<ProfileHistory.Entry> weighted(List<ProfileHistory.Entry> history, long now) {
    if (config.recency().isNone()) {
      return history;
    }
    List<ProfileHistory.Entry> out = new ArrayList<>(history.size());
    for (ProfileHistory.Entry e : history) {
      out.add(
          new ProfileHistory.Entry(
              e.item(), e.time(), e.weight() * config.recency().factor(e.time(), now)));
    }
    return out;
  }

  private static Map<String, Double> combine(
      Map<String, Double> knnScores,
      FactorModel factors,
      double[] factorScores,
      Predicate<String> excluded,
      double knnWeight,
      double factorWeight) {
    boolean useKnn = !knnScores.isEmpty();
    boolean useFactors = factorScores != null;
    double wk = useKnn ? knnWeight : 0;
    double wf = useFactors ? factorWeight : 0;
    if (useKnn && !useFactors) {
      wk = 1;
    } else if (useFactors && !useKnn) {
      wf = 1;
    }
    Map<String, Double> out = new HashMap<>();
    if (useKnn) {
      double max = 0;
      double min = Double.POSITIVE_INFINITY;
      for (double v : knnScores.values()) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
      // titles no neighbour list reaches score 0: the floor of the normalisation
      double lo = useFactors ? 0 : Math.min(0, min);
      double range = max - lo;
      for (Map.Entry<String, Double> e : knnScores.entrySet()) {
        out.put(e.getKey(), range > 0 ? wk * (e.getValue() - lo) / range : wk);
      }
    }
    if (useFactors) {
      double max = Double.NEGATIVE_INFINITY;
      double min = Double.POSITIVE_INFINITY;
      boolean[] eligible = new boolean[factorScores.length];
      for (int i = 0; i < factorScores.length; i++) {
        if (!excluded.test(factors.item(i))) {
          eligible[i] = true;
          max = Math.max(max, factorScores[i]);
          min = Math.min(min, factorScores[i]);
        }
      }
      double range = max - min;
      for (int i = 0; i < factorScores.length; i++) {
        if (eligible[i]) {
          double norm = range > 0 ? (factorScores[i] - min) / range : 0;
          out.merge(factors.item(i), wf * norm, Double::sum);
        }
      }
    }
    return out;
  }

  private static final Comparator<ScoredTitle> WORST_FIRST =
      Comparator.comparingDouble(ScoredTitle::score)
          .thenComparing(ScoredTitle::titleId, Comparator.reverseOrder());

  /** The n best of a score map, best first (ties: smaller title id first). */
  public static List<ScoredTitle> top(Map<String, Double> scores, int n) {
    PriorityQueue<ScoredTitle> heap = new PriorityQueue<>(n + 1, WORST_FIRST);
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      ScoredTitle t = new ScoredTitle(e.getKey(), e.getValue());
      if (heap.size() < n) {
        heap.add(t);
      } else if (WORST_FIRST.compare(t, heap.peek()) > 0) {
        heap.poll();
        heap.add(t);
      }
    }
    List<ScoredTitle> out = new ArrayList<>(heap);
    out.sort(WORST_FIRST.reversed());
    return out;
  }
}
