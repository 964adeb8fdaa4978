package io.playstream.recs;

import java.io.Serializable;

/**
 * The nearest neighbours of one item, most similar first.
 *
 * @param items neighbour items
 * @param similarities their similarity to the item
 */
public record Neighbours(String[] items, double[] similarities) implements Serializable {
  public static final Neighbours NONE = new Neighbours(new String[0], new double[0]);

  public int size() {
    return items.length;
  }
}
