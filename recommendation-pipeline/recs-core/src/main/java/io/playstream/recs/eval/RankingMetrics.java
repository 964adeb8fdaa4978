package io.playstream.recs.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulates top-N ranking metrics over evaluation cases (a user's held-out items in the static
 * protocol, one event in the prequential protocol), defined as RecBole defines them:
 *
 * <ul>
 *   <li>HR@10: 1 if any relevant item is in the top 10;
 *   <li>NDCG@10: Σ over relevant items at rank r ≤ 10 of 1/log2(r+1), divided by the ideal DCG of
 *       min(|relevant|, 10) hits (binary relevance);
 *   <li>Recall@20: relevant items in the top 20 / |relevant|;
 *   <li>coverage: distinct items in any top-10 list / catalog size (RecBole's ItemCoverage@10).
 * </ul>
 *
 * Each metric is the mean over cases.
 */
public final class RankingMetrics {
  /** Cut-off of HR, NDCG and coverage. */
  public static final int K = 10;

  /** Cut-off of recall (and the list length every model is asked for). */
  public static final int RECALL_K = 20;

  /** The means over all cases. */
  public record Result(
      double hr10, double ndcg10, double recall20, double coverage10, long cases) {}

  private double hr;
  private double ndcg;
  private double recall;
  private long cases;
  private final Set<String> recommended = new HashSet<>();

  /** Adds one case: a ranked list (best first, at least 20 long when possible). */
  public void add(List<String> ranked, Set<String> relevant) {
    if (relevant.isEmpty()) {
      return;
    }
    cases++;
    double dcg = 0;
    int hits10 = 0;
    int hits20 = 0;
    for (int r = 0; r < Math.min(ranked.size(), RECALL_K); r++) {
      String item = ranked.get(r);
      if (r < K) {
        recommended.add(item);
      }
      if (relevant.contains(item)) {
        hits20++;
        if (r < K) {
          hits10++;
          dcg += 1.0 / log2(r + 2);
        }
      }
    }
    double idcg = 0;
    for (int r = 0; r < Math.min(relevant.size(), K); r++) {
      idcg += 1.0 / log2(r + 2);
    }
    hr += hits10 > 0 ? 1 : 0;
    ndcg += dcg / idcg;
    recall += (double) hits20 / relevant.size();
  }

  /** The means, with coverage relative to {@code catalogSize} items. */
  public Result result(int catalogSize) {
    if (cases == 0) {
      return new Result(0, 0, 0, 0, 0);
    }
    return new Result(
        hr / cases,
        ndcg / cases,
        recall / cases,
        catalogSize == 0 ? 0 : (double) recommended.size() / catalogSize,
        cases);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
