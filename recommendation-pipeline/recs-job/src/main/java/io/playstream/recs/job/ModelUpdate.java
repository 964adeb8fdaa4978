package io.playstream.recs.job;

import io.playstream.recs.ItemSnapshot;

/**
 * What the scoring operator receives as broadcast state (a Flink POJO): catalog changes, item
 * snapshots, trending lists and batch factor rows.
 */
public class ModelUpdate {
  /** Which model part changes. */
  public enum Kind {
    /** {@code key} = title, {@code items} = licensed countries. */
    TITLE_UPSERTED,
    /** {@code key} = title. */
    TITLE_REMOVED,
    /**
     * {@code key} = item; {@code count}, {@code time}, {@code items}/{@code values} = co-counts.
     */
    ITEM_SNAPSHOT,
    /** {@code key} = item whose state was cleaned up. */
    ITEM_REMOVED,
    /** {@code key} = country ({@code *} global), {@code items} = titles, best first. */
    TRENDING,
    /** {@code version}, {@code key} = item, {@code values} = its factor row. */
    FACTOR_ROW,
    /**
     * {@code version} complete: {@code count} = number of rows, {@code values} = [alpha,
     * regularization, scale regularization (1/0)].
     */
    FACTORS_END
  }

  public Kind kind;
  public String key;
  public String version;
  public double count;
  public long time;
  public String[] items = new String[0];
  public double[] values = new double[0];

  public ModelUpdate() {}

  public static ModelUpdate title(String titleId, String[] countries) {
    ModelUpdate u = new ModelUpdate();
    u.kind = Kind.TITLE_UPSERTED;
    u.key = titleId;
    u.items = countries;
    return u;
  }

  public static ModelUpdate titleRemoved(String titleId) {
    ModelUpdate u = new ModelUpdate();
    u.kind = Kind.TITLE_REMOVED;
    u.key = titleId;
    return u;
  }

  public static ModelUpdate snapshot(ItemSnapshot s) {
    ModelUpdate u = new ModelUpdate();
    u.kind = Kind.ITEM_SNAPSHOT;
    u.key = s.item();
    u.count = s.count();
    u.time = s.time();
    u.items = s.coItems();
    u.values = s.coCounts();
    return u;
  }

  public static ModelUpdate itemRemoved(String item) {
    ModelUpdate u = new ModelUpdate();
    u.kind = Kind.ITEM_REMOVED;
    u.key = item;
    return u;
  }

  public static ModelUpdate trending(String country, String[] titles, long time) {
    ModelUpdate u = new ModelUpdate();
    u.kind = Kind.TRENDING;
    u.key = country;
    u.items = titles;
    u.time = time;
    return u;
  }

  public static ModelUpdate factorRow(String version, String item, double[] row) {
    ModelUpdate u = new ModelUpdate();
    u.kind = Kind.FACTOR_ROW;
    u.version = version;
    u.key = item;
    u.values = row;
    return u;
  }

  public static ModelUpdate factorsEnd(
      String version, int rows, double alpha, double regularization, boolean scale) {
    ModelUpdate u = new ModelUpdate();
    u.kind = Kind.FACTORS_END;
    u.version = version;
    u.key = version;
    u.count = rows;
    u.values = new double[] {alpha, regularization, scale ? 1 : 0};
    return u;
  }

  /** The snapshot an ITEM_SNAPSHOT update carries. */
  public ItemSnapshot toSnapshot() {
    return new ItemSnapshot(key, count, time, items, values);
  }

  @Override
  public String toString() {
    return kind + "(" + key + ")";
  }
}
