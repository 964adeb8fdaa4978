package io.playstream.recs;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Item factors of an implicit-feedback matrix factorisation (Hu, Koren and Volinsky 2008; the model
 * Spark MLlib's {@code ALS} with {@code implicitPrefs=true} trains), plus what scoring needs.
 *
 * <p>User factors are not stored: a profile's vector is computed from its recent history when it is
 * scored ({@link #foldIn}), by the same least-squares step ALS uses for users — so a profile that
 * appeared after training, or whose taste moved since, is served from its current history.
 */
public final class FactorModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String version;
  private final String[] items;
  private final double[][] itemFactors;
  private final double alpha;
  private final double regularization;
  private final boolean scaleRegularization;
  private final Map<String, Integer> index;
  private final double[][] gram;

  /**
   * @param version model version (e.g. the training time)
   * @param items item ids, one per row of {@code itemFactors}
   * @param itemFactors item factor rows
   * @param alpha confidence scaling: an interaction of weight r has confidence 1 + alpha·r
   * @param regularization L2 regularisation of user vectors
   * @param scaleRegularization multiply the regularisation by the number of interactions (as Spark
   *     MLlib does)
   */
  public FactorModel(
      String version,
      String[] items,
      double[][] itemFactors,
      double alpha,
      double regularization,
      boolean scaleRegularization) {
    if (items.length != itemFactors.length || items.length == 0) {
      throw new IllegalArgumentException("need one factor row per item, and at least one item");
    }
    this.version = Objects.requireNonNull(version);
    this.items = items;
    this.itemFactors = itemFactors;
    this.alpha = alpha;
    this.regularization = regularization;
    this.scaleRegularization = scaleRegularization;
    this.index = new HashMap<>(items.length * 2);
    for (int i = 0; i < items.length; i++) {
      index.put(items[i], i);
    }
    this.gram = ImplicitAls.gram(itemFactors);
  }

  public String version() {
    return version;
  }

  public int rank() {
    return itemFactors[0].length;
  }

  public int size() {
    return items.length;
  }

  public String item(int i) {
    return items[i];
  }

  public String[] items() {
    return items.clone();
  }

  public double[][] itemFactors() {
    return itemFactors;
  }

  public double alpha() {
    return alpha;
  }

  public double regularization() {
    return regularization;
  }

  public boolean scaleRegularization() {
    return scaleRegularization;
  }

  /** Row of an item, or -1 when the model does not know it. */
  public int indexOf(String item) {
    Integer i = index.get(item);
    return i == null ? -1 : i;
  }

  /**
   * The user vector that best explains a history (the ALS user step with the item factors fixed):
   * solves {@code (YᵀY + Yᵀ(Cu − I)Y + λI) x = Yᵀ Cu p(u)}. Null when no history item is known.
   */
  public double[] foldIn(List<ProfileHistory.Entry> history) {
    int f = rank();
    DMatrixRMaj a = new DMatrixRMaj(f, f);
    double[] b = new double[f];
    int known = 0;
    double[] ad = a.data;
    for (int r = 0; r < f; r++) {
      System.arraycopy(gram[r], 0, ad, r * f, f);
    }
    for (ProfileHistory.Entry e : history) {
      int i = indexOf(e.item());
      if (i < 0) {
        continue;
      }
      known++;
      double c = 1.0 + alpha * e.weight();
      ImplicitAls.addRankOne(ad, f, itemFactors[i], c - 1.0);
      double[] y = itemFactors[i];
      for (int k = 0; k < f; k++) {
        b[k] += c * y[k];
      }
    }
    if (known == 0) {
      return null;
    }
    double lambda = scaleRegularization ? regularization * known : regularization;
    for (int k = 0; k < f; k++) {
      ad[k * f + k] += lambda;
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(f);
    return ImplicitAls.solve(solver, a, b);
  }

  /** Predicted preference of every item for a user vector, by row. */
  public double[] scores(double[] user) {
    double[] out = new double[items.length];
    int f = user.length;
    for (int i = 0; i < items.length; i++) {
      double[] y = itemFactors[i];
      double s = 0;
      for (int k = 0; k < f; k++) {
        s += y[k] * user[k];
      }
      out[i] = s;
    }
    return out;
  }
}
