package io.playstream.recs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Alternating least squares for implicit feedback (Hu, Koren and Volinsky, "Collaborative Filtering
 * for Implicit Feedback Datasets", ICDM 2008): every (user, item) cell has preference p = 1 if the
 * user interacted with the item, else 0, and confidence c = 1 + alpha·r (r = interaction weight).
 * Minimises Σ c (p − xᵀy)² + λ(Σ‖x‖² + Σ‖y‖²), each half-step solved exactly per row by Cholesky
 * (EJML), using the YᵀY trick so a row costs O(n·k² + k³) for its n interactions.
 *
 * <p>This is the same model and update as Spark MLlib's {@code ALS} with {@code implicitPrefs=true}
 * (including its option to scale λ by the row's number of interactions), so the offline evaluation
 * measures the production batch path's model without a Spark cluster.
 */
public final class ImplicitAls {
  /**
   * Training parameters.
   *
   * @param rank number of latent factors
   * @param iterations ALS sweeps (each solves users, then items)
   * @param regularization λ
   * @param alpha confidence scaling
   * @param scaleRegularization λ × number of interactions of the row (Spark's behaviour)
   * @param seed random seed of the initial factors
   */
  public record Params(
      int rank,
      int iterations,
      double regularization,
      double alpha,
      boolean scaleRegularization,
      long seed) {
    public Params {
      if (rank <= 0 || iterations <= 0 || regularization < 0 || alpha < 0) {
        throw new IllegalArgumentException("invalid ALS parameters");
      }
    }

    /** Chosen on the validation split of MovieLens latest-small (see BENCHMARKS.md). */
    public static Params defaults() {
      return new Params(64, 10, 0.3, 2.0, true, 42L);
    }
  }

  /** One (user, item, weight) interaction; repeated pairs are summed. */
  public record Interaction(String user, String item, double weight) {}

  private ImplicitAls() {}

  /** Trains item factors from interactions. */
  public static FactorModel train(List<Interaction> interactions, Params params, String version) {
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> items = new HashMap<>();
    for (Interaction in : interactions) {
      users.putIfAbsent(in.user(), users.size());
      items.putIfAbsent(in.item(), items.size());
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no interactions to train on");
    }
    Csr byUser = Csr.of(interactions, users, items, true);
    Csr byItem = Csr.of(interactions, users, items, false);
    int k = params.rank();
    SplittableRandom random = new SplittableRandom(params.seed());
    double[][] y = new double[items.size()][];
    for (int i = 0; i < y.length; i++) {
      y[i] = unitGaussian(random, k);
    }
    double[][] x = new double[users.size()][k];
    for (int it = 0; it < params.iterations(); it++) {
      x = solveAll(byUser, y, params);
      y = solveAll(byItem, x, params);
    }
    String[] itemIds = new String[items.size()];
    items.forEach((id, i) -> itemIds[i] = id);
    return new FactorModel(
        version, itemIds, y, params.alpha(), params.regularization(), params.scaleRegularization());
  }

  /** YᵀY of factor rows. */
  public static double[][] gram(double[][] rows) {
    int k = rows[0].length;
    double[][] g = new double[k][k];
    for (double[] r : rows) {
      for (int a = 0; a < k; a++) {
        double ra = r[a];
        if (ra == 0) {
          continue;
        }
        double[] ga = g[a];
        for (int b = a; b < k; b++) {
          ga[b] += ra * r[b];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        g[a][b] = g[b][a];
      }
    }
    return g;
  }

  /** a += scale · y yᵀ (a is k×k, row-major). */
  static void addRankOne(double[] a, int k, double[] y, double scale) {
    for (int r = 0; r < k; r++) {
      double s = scale * y[r];
      int off = r * k;
      for (int c = 0; c < k; c++) {
        a[off + c] += s * y[c];
      }
    }
  }

  /** Solves a x = b with a symmetric positive definite a (a is overwritten). */
  static double[] solve(LinearSolverDense<DMatrixRMaj> solver, DMatrixRMaj a, double[] b) {
    int k = b.length;
    if (!solver.setA(a)) {
      // numerically not positive definite: nudge the diagonal and retry
      for (int i = 0; i < k; i++) {
        a.data[i * k + i] += 1e-6;
      }
      solver.setA(a);
    }
    DMatrixRMaj rhs = DMatrixRMaj.wrap(k, 1, b.clone());
    DMatrixRMaj out = new DMatrixRMaj(k, 1);
    solver.solve(rhs, out);
    return out.data;
  }

  private static double[][] solveAll(Csr rows, double[][] other, Params p) {
    int k = p.rank();
    double[][] g = gram(other);
    double[] gFlat = new double[k * k];
    for (int r = 0; r < k; r++) {
      System.arraycopy(g[r], 0, gFlat, r * k, k);
    }
    double[][] out = new double[rows.rows()][];
    ThreadLocal<LinearSolverDense<DMatrixRMaj>> solvers =
        ThreadLocal.withInitial(() -> LinearSolverFactory_DDRM.chol(k));
    IntStream.range(0, rows.rows())
        .parallel()
        .forEach(
            r -> {
              int from = rows.start[r];
              int to = rows.start[r + 1];
              if (from == to) {
                out[r] = new double[k];
                return;
              }
              DMatrixRMaj a = new DMatrixRMaj(k, k);
              System.arraycopy(gFlat, 0, a.data, 0, k * k);
              double[] b = new double[k];
              for (int j = from; j < to; j++) {
                double[] y = other[rows.col[j]];
                double c = 1.0 + p.alpha() * rows.weight[j];
                addRankOne(a.data, k, y, c - 1.0);
                for (int d = 0; d < k; d++) {
                  b[d] += c * y[d];
                }
              }
              double lambda =
                  p.scaleRegularization() ? p.regularization() * (to - from) : p.regularization();
              for (int d = 0; d < k; d++) {
                a.data[d * k + d] += lambda;
              }
              out[r] = solve(solvers.get(), a, b);
            });
    return out;
  }

  private static double[] unitGaussian(SplittableRandom random, int k) {
    double[] v = new double[k];
    double norm = 0;
    for (int i = 0; i < k; i++) {
      // Box-Muller
      double u1 = random.nextDouble(Double.MIN_VALUE, 1.0);
      double u2 = random.nextDouble();
      v[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < k; i++) {
      v[i] /= norm;
    }
    return v;
  }

  /** Compressed rows: for each row, its columns and summed weights. */
  private static final class Csr {
    final int[] start;
    final int[] col;
    final double[] weight;

    private Csr(int[] start, int[] col, double[] weight) {
      this.start = start;
      this.col = col;
      this.weight = weight;
    }

    int rows() {
      return start.length - 1;
    }

    static Csr of(
        List<Interaction> in,
        Map<String, Integer> users,
        Map<String, Integer> items,
        boolean byUser) {
      int n = byUser ? users.size() : items.size();
      List<Map<Integer, Double>> rows = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add(new HashMap<>());
      }
      for (Interaction x : in) {
        int u = users.get(x.user());
        int i = items.get(x.item());
        int row = byUser ? u : i;
        int c = byUser ? i : u;
        rows.get(row).merge(c, x.weight(), Double::sum);
      }
      int[] start = new int[n + 1];
      for (int r = 0; r < n; r++) {
        start[r + 1] = start[r] + rows.get(r).size();
      }
      int[] col = new int[start[n]];
      double[] w = new double[start[n]];
      for (int r = 0; r < n; r++) {
        int j = start[r];
        int[] cols = rows.get(r).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int c : cols) {
          col[j] = c;
          w[j] = rows.get(r).get(c);
          j++;
        }
      }
      return new Csr(start, col, w);
    }
  }
}
