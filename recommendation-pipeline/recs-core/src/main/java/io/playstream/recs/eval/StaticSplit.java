package io.playstream.recs.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * RecBole's random split grouped by user ({@code eval_args: split: {RS: [0.8, 0.1, 0.1]}, order:
 * RO, group_by: user}): each user's ratings are shuffled and cut 8:1:1 with RecBole's rounding
 * (valid and test get {@code floor(0.1 n)} each, raised to 1 while the training part keeps more
 * than one; training gets the rest).
 *
 * @param train training ratings
 * @param valid validation ratings (for choosing parameters)
 * @param test test ratings (reported)
 */
public record StaticSplit(
    List<RatingEvent> train, List<RatingEvent> valid, List<RatingEvent> test) {

  /** Splits with the given ratios (summing to 1) and seed. */
  public static StaticSplit split(List<RatingEvent> ratings, double[] ratios, long seed) {
    Map<String, List<RatingEvent>> byUser = new LinkedHashMap<>();
    for (RatingEvent r : ratings) {
      byUser.computeIfAbsent(r.user(), u -> new ArrayList<>()).add(r);
    }
    Random random = new Random(seed);
    List<RatingEvent> train = new ArrayList<>();
    List<RatingEvent> valid = new ArrayList<>();
    List<RatingEvent> test = new ArrayList<>();
    for (List<RatingEvent> rs : byUser.values()) {
      List<RatingEvent> shuffled = new ArrayList<>(rs);
      Collections.shuffle(shuffled, random);
      int[] cnt = counts(shuffled.size(), ratios);
      train.addAll(shuffled.subList(0, cnt[0]));
      valid.addAll(shuffled.subList(cnt[0], cnt[0] + cnt[1]));
      test.addAll(shuffled.subList(cnt[0] + cnt[1], shuffled.size()));
    }
    return new StaticSplit(train, valid, test);
  }

  /** RecBole's {@code _calcu_split_ids}: part sizes for n interactions. */
  static int[] counts(int n, double[] ratios) {
    int[] cnt = new int[ratios.length];
    int rest = 0;
    for (int i = 1; i < ratios.length; i++) {
      cnt[i] = (int) (ratios[i] * n);
      rest += cnt[i];
    }
    cnt[0] = n - rest;
    for (int i = 1; i < ratios.length; i++) {
      if (cnt[0] <= 1) {
        break;
      }
      int idx = ratios.length - i;
      double x = ratios[idx] * n;
      if (x > 0 && x < 1) {
        cnt[idx] += 1;
        cnt[0] -= 1;
      }
    }
    return cnt;
  }
}
