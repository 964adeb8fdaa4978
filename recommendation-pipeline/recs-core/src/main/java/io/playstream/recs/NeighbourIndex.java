package io.playstream.recs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Bounded neighbour lists computed from {@link ItemSnapshot}s: for item {@code i}, the {@code
 * neighbours} co-occurring items of highest similarity. Snapshots of different items may be held at
 * different times; counts are brought to a common time before the similarity is taken, so the
 * result does not depend on when it is computed.
 *
 * <p>Lists are cached per item and recomputed after {@link #invalidate(String)} (a new snapshot of
 * the item arrived). The snapshots come from a lookup, so the Flink job can serve them from
 * broadcast state and the offline model from a map.
 */
public final class NeighbourIndex {
  private final Similarity similarity;
  private final Decay decay;
  private final Function<String, ItemSnapshot> snapshots;
  private final Map<String, Neighbours> cache = new HashMap<>();

  public NeighbourIndex(
      Similarity similarity, Decay decay, Function<String, ItemSnapshot> snapshots) {
    this.similarity = similarity;
    this.decay = decay;
    this.snapshots = snapshots;
  }

  public Similarity similarity() {
    return similarity;
  }

  /** Forgets the cached list of an item (its snapshot changed). */
  public void invalidate(String item) {
    cache.remove(item);
  }

  /** Forgets every cached list. */
  public void invalidateAll() {
    cache.clear();
  }

  /** The neighbours of an item (empty when it has no snapshot). */
  public Neighbours neighbours(String item) {
    Neighbours n = cache.get(item);
    if (n == null) {
      n = compute(item);
      cache.put(item, n);
    }
    return n;
  }

  /** The similarity of two items (0 if {@code j} is not among {@code i}'s tracked co-items). */
  public double similarity(String i, String j) {
    Neighbours n = neighbours(i);
    for (int k = 0; k < n.size(); k++) {
      if (n.items()[k].equals(j)) {
        return n.similarities()[k];
      }
    }
    return 0.0;
  }

  private Neighbours compute(String item) {
    ItemSnapshot s = snapshots.apply(item);
    if (s == null || s.coItems().length == 0 || s.count() <= 0) {
      return Neighbours.NONE;
    }
    record Candidate(String item, double sim) {}
    java.util.Comparator<Candidate> better =
        (a, b) -> a.sim != b.sim ? Double.compare(b.sim, a.sim) : a.item.compareTo(b.item);
    int k = similarity.neighbours();
    java.util.PriorityQueue<Candidate> heap =
        new java.util.PriorityQueue<>(k + 1, better.reversed());
    for (int c = 0; c < s.coItems().length; c++) {
      ItemSnapshot other = snapshots.apply(s.coItems()[c]);
      if (other == null || other.count() <= 0) {
        continue;
      }
      // the other item's count brought to this snapshot's time
      double countJ = other.count() * decay.ratio(other.time(), s.time());
      double sim = similarity.of(s.coCounts()[c], s.count(), countJ);
      if (sim <= 0) {
        continue;
      }
      Candidate cand = new Candidate(s.coItems()[c], sim);
      if (heap.size() < k) {
        heap.add(cand);
      } else if (better.compare(cand, heap.peek()) < 0) {
        heap.poll();
        heap.add(cand);
      }
    }
    List<Candidate> candidates = new ArrayList<>(heap);
    candidates.sort(better);
    int n = candidates.size();
    String[] items = new String[n];
    double[] sims = new double[n];
    for (int i = 0; i < n; i++) {
      items[i] = candidates.get(i).item;
      sims[i] = candidates.get(i).sim;
    }
    return new Neighbours(items, sims);
  }
}
