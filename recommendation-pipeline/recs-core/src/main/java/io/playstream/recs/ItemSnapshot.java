package io.playstream.recs;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the similarity of one item is computed from: its decayed occurrence count and its largest
 * decayed co-occurrence counts with other items, all held at {@code time}. Produced by {@link
 * ItemCooccurrence#snapshot(int)}; in the Flink job one snapshot per item is broadcast to the
 * scoring operator.
 *
 * @param item the item
 * @param count decayed number of profiles that consumed the item, at {@code time}
 * @param time the common time of every value (epoch ms)
 * @param coItems co-occurring items (the largest counts, in no particular order)
 * @param coCounts decayed co-occurrence counts of {@code coItems}, at {@code time}
 */
public record ItemSnapshot(
    String item, double count, long time, String[] coItems, double[] coCounts)
    implements Serializable {
  public ItemSnapshot {
    Objects.requireNonNull(item, "item");
    if (coItems.length != coCounts.length) {
      throw new IllegalArgumentException("coItems and coCounts differ in length");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemSnapshot s
        && s.item.equals(item)
        && s.count == count
        && s.time == time
        && Arrays.equals(s.coItems, coItems)
        && Arrays.equals(s.coCounts, coCounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(item, count, time, Arrays.hashCode(coItems), Arrays.hashCode(coCounts));
  }

  @Override
  public String toString() {
    return "ItemSnapshot[" + item + ", count=" + count + ", co=" + coItems.length + "]";
  }
}
