package io.playstream.recs.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dataset filters as RecBole applies them: rating threshold first, then iterative k-core. */
public final class Preprocessing {
  private Preprocessing() {}

  /** Keeps ratings ≥ {@code minRating}. */
  public static List<RatingEvent> minRating(List<RatingEvent> in, double minRating) {
    return in.stream().filter(r -> r.rating() >= minRating).toList();
  }

  /**
   * Iterative k-core: drops users and items with fewer than {@code k} ratings until every remaining
   * user and item has at least {@code k} (k ≤ 1: no filtering).
   */
  public static List<RatingEvent> kCore(List<RatingEvent> in, int k) {
    List<RatingEvent> cur = in;
    while (k > 1) {
      Map<String, Integer> users = new HashMap<>();
      Map<String, Integer> items = new HashMap<>();
      for (RatingEvent r : cur) {
        users.merge(r.user(), 1, Integer::sum);
        items.merge(r.item(), 1, Integer::sum);
      }
      List<RatingEvent> next = new ArrayList<>(cur.size());
      for (RatingEvent r : cur) {
        if (users.get(r.user()) >= k && items.get(r.item()) >= k) {
          next.add(r);
        }
      }
      if (next.size() == cur.size()) {
        break;
      }
      cur = next;
    }
    return cur;
  }

  /**
   * Keeps the first rating of each (user, item) pair (datasets hold one; simulator data may not).
   */
  public static List<RatingEvent> dedupe(List<RatingEvent> in) {
    Map<String, Boolean> seen = new HashMap<>();
    List<RatingEvent> out = new ArrayList<>(in.size());
    for (RatingEvent r : in) {
      if (seen.putIfAbsent(r.user() + '\u0000' + r.item(), Boolean.TRUE) == null) {
        out.add(r);
      }
    }
    return out;
  }
}
