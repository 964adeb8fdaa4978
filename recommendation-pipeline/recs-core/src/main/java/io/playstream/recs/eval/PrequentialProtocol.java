package io.playstream.recs.eval;

import io.playstream.recs.Decay;
import io.playstream.recs.ImplicitAls;
import io.playstream.recs.StreamingModel;
import io.playstream.recs.Trending;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;

/**
 * The prequential (test-then-train) protocol: the ratings are replayed in event-time order and each
 * one is first predicted — every model ranks all items it knows for that user, the user's earlier
 * items excluded, and the rated item is the single relevant one — and then learned. The streaming
 * model learns every event at once through the same incremental functions as the Flink job (item
 * snapshots refreshed after the job's debounce, in event time). The batch model is retrained from
 * all events so far after every {@code retrainEvery} fraction of the stream (the nightly job); in
 * between, users are folded in from their current history, as the real-time job does with the
 * latest factors. Metrics are averaged over events.
 */
public final class PrequentialProtocol {
  private PrequentialProtocol() {}

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
        new ArrayList<>(
            Preprocessing.kCore(
                Preprocessing.minRating(Preprocessing.dedupe(raw), p.minRating()), p.kCore()));
    data.sort(
        Comparator.comparingLong(RatingEvent::time)
            .thenComparing(RatingEvent::user)
            .thenComparing(RatingEvent::item));
    if (p.maxEvents() > 0 && data.size() > p.maxEvents()) {
      data = data.subList(0, p.maxEvents());
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no ratings left after filtering");
    }
    double weight =
        Double.isNaN(p.blendWeight()) ? EvalParams.DEFAULT_BLEND_WEIGHT : p.blendWeight();
    EvalModels models =
        new EvalModels(
            new StreamingModel(p.streaming(), p.snapshotInterval().toMillis()),
            new Trending(Decay.none(), 0),
            weight,
            oracles);
    Map<String, RankingMetrics> metrics = new java.util.LinkedHashMap<>();
    List<String> names = models.names();
    names.forEach(n -> metrics.put(n, new RankingMetrics()));
    int step = Math.max(1, (int) Math.round(data.size() * p.retrainEvery()));
    List<ImplicitAls.Interaction> seen = new ArrayList<>(data.size());
    Set<String> users = new HashSet<>();
    Set<String> items = new HashSet<>();
    int retrains = 0;
    java.util.SplittableRandom draw = new java.util.SplittableRandom(p.seed());
    long predicted = 0;
    long started = System.currentTimeMillis();
    for (int i = 0; i < data.size(); i++) {
      if (i > 0 && i % Math.max(1, data.size() / 10) == 0) {
        System.err.printf(
            java.util.Locale.ROOT,
            "prequential: %d/%d events, %.0f s%n",
            i,
            data.size(),
            (System.currentTimeMillis() - started) / 1000.0);
      }
      RatingEvent e = data.get(i);
      if (i > 0 && i % step == 0) {
        models.factors = ImplicitAls.train(seen, p.als(), "v" + i);
        retrains++;
      }
      models.streaming.refresh(e.time());
      if (p.sample() >= 1.0 || draw.nextDouble() < p.sample()) {
        Set<String> relevant = Set.of(e.item());
        Map<String, List<String>> ranked =
            models.recommendAll(names, e.user(), t -> false, RankingMetrics.RECALL_K);
        ranked.forEach((model, list) -> metrics.get(model).add(list, relevant));
        predicted++;
      }
      models.learn(e.user(), e.item(), e.time());
      seen.add(new ImplicitAls.Interaction(e.user(), e.item(), 1.0));
      users.add(e.user());
      items.add(e.item());
    }
    Map<String, RankingMetrics.Result> results = EvalReport.ordered();
    metrics.forEach((name, m) -> results.put(name, m.result(items.size())));
    return new EvalReport(
        "prequential",
        dataset,
        users.size(),
        items.size(),
        data.size(),
        results,
        weight,
        "events predicted before learned: "
            + predicted
            + " of "
            + data.size()
            + "; batch model retrained "
            + retrains
            + " times (every "
            + step
            + " events)",
        System.currentTimeMillis() - start);
  }
}
