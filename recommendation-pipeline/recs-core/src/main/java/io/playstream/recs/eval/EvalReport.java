package io.playstream.recs.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one protocol: dataset sizes after filtering, each model's metrics, the blend
 * weight used and timings.
 */
public record EvalReport(
    String protocol,
    String dataset,
    int users,
    int items,
    int interactions,
    Map<String, RankingMetrics.Result> results,
    double blendWeight,
    String notes,
    long millis) {

  /** The results table, then the RESULT line (blend vs popularity NDCG@10). */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "eval recs: protocol=%s dataset=%s users=%d items=%d interactions=%d%n",
            protocol,
            dataset,
            users,
            items,
            interactions));
    if (!notes.isEmpty()) {
      sb.append(notes).append(System.lineSeparator());
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%-11s %8s %8s %9s %9s %8s%n",
            "model",
            "HR@10",
            "NDCG@10",
            "Recall@20",
            "Coverage",
            "cases"));
    for (Map.Entry<String, RankingMetrics.Result> e : results.entrySet()) {
      RankingMetrics.Result r = e.getValue();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-11s %8.4f %8.4f %9.4f %9.4f %8d%n",
              e.getKey(),
              r.hr10(),
              r.ndcg10(),
              r.recall20(),
              r.coverage10(),
              r.cases()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "blend weight (streaming share): %.2f; took %.1f s%n",
            blendWeight,
            millis / 1000.0));
    sb.append(resultLine()).append(System.lineSeparator());
    return sb.toString();
  }

  /**
   * {@code RESULT name=recs-<protocol> ours=<blend> baseline=<popularity> ratio=... unit=ndcg@10}.
   */
  public String resultLine() {
    double ours = results.get("blend").ndcg10();
    double base = results.get("popularity").ndcg10();
    return String.format(
        Locale.ROOT,
        "RESULT name=recs-%s ours=%.4f baseline=%.4f ratio=%.3f unit=ndcg@10",
        protocol,
        ours,
        base,
        base == 0 ? Double.NaN : ours / base);
  }

  static Map<String, RankingMetrics.Result> ordered() {
    return new LinkedHashMap<>();
  }
}
