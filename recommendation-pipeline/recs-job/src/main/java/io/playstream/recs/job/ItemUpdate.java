package io.playstream.recs.job;

/**
 * A change to one item's co-occurrence state: an occurrence ({@code other == null}) or a
 * co-occurrence with {@code other}. Keyed by {@code item}.
 */
public class ItemUpdate {
  public String item;
  public String other;
  public double weight;
  public long time;

  public ItemUpdate() {}

  public ItemUpdate(String item, String other, double weight, long time) {
    this.item = item;
    this.other = other;
    this.weight = weight;
    this.time = time;
  }

  @Override
  public String toString() {
    return "ItemUpdate(" + item + ", " + other + ", " + weight + ", " + time + ")";
  }
}
