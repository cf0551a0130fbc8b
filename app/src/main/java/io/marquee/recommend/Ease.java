package io.marquee.recommend;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE, the item-item model of Steck (2019, "Embarrassingly Shallow Autoencoders for Sparse
 * Data"), in closed form: with X the users x items feedback matrix, P = (X^T X + lambda I)^-1 and
 * B[i][j] = -P[i][j] / P[j][j] off the diagonal, 0 on it; a user with history row x scores x B.
 *
 * <p>The inverse is an m x m dense Cholesky inversion (EJML), O(m^3) time and 8 m^2 bytes, so the
 * model covers only items with at least {@code minUsers} users, at most {@code maxItems} of them
 * (the rest score below every covered item; in {@link Hybrid} the other parts rank them). On one
 * core m = 1,300 takes about 0.6 s, 1,682 (all of MovieLens 100k) 1.2 s, 3,000 ten.
 */
public final class Ease implements Recommender {
  /**
   * The model's settings.
   *
   * @param lambda L2 regularisation added to the diagonal of X^T X
   * @param dropout emphasis of Steck's 2020 dropout-denoising variant (EDLAE): the diagonal also
   *     gets dropout / (1 - dropout) x its own value, regularising popular items more; 0 is plain
   *     EASE
   * @param userExponent each user's row is scaled by n^-(userExponent / 2) (n their history
   *     length) before X^T X, so heavy users weigh less; 0 is plain EASE
   * @param minUsers items with fewer users are left out: too rare for item-item weights to mean
   *     anything, and each one costs cubic time
   * @param maxItems the model covers at most this many items, those with the most users
   */
  public record Params(double lambda, double dropout, double userExponent, int minUsers,
      int maxItems) {
    public Params {
      if (lambda <= 0 || maxItems <= 0 || minUsers < 1 || dropout < 0 || dropout >= 1
          || userExponent < 0) {
        throw new IllegalArgumentException("lambda, minUsers and maxItems must be positive, dropout"
            + " in [0, 1), userExponent not negative");
      }
    }

    /** Settings tuned on MovieLens 100k under the evaluation protocol (docs/recommendations.md). */
    public static Params defaults() {
      return new Params(50, 0.67, 0.3, 5, 2_500);
    }
  }

  private final Params params;
  private ItemFeatures features;
  private int itemCount;
  private int[] kept; // model slot -> item
  private int[] slot; // item -> model slot, -1 when not kept
  private float[] b; // m x m row-major; row = the history item, column = the scored item

  public Ease(Params params) {
    this.params = params;
  }

  public Ease() {
    this(Params.defaults());
  }

  @Override
  public String name() {
    return "ease";
  }

  @Override
  public void fit(Dataset data) {
    Interactions x = data.interactions();
    features = data.items();
    itemCount = x.itemCount();
    choose(x);
    int m = kept.length;
    if (m == 0) {
      b = new float[0];
      return;
    }
    DMatrixRMaj g = gram(x, m);
    for (int j = 0; j < m; j++) {
      double diagonal = g.data[j * m + j];
      g.data[j * m + j] += params.lambda() + params.dropout() / (1 - params.dropout()) * diagonal;
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(m);
    if (!solver.setA(g)) {
      throw new IllegalStateException("X^T X + lambda I is not positive definite");
    }
    DMatrixRMaj p = new DMatrixRMaj(m, m);
    solver.invert(p);
    b = new float[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        b[i * m + j] = i == j ? 0 : (float) (-p.data[i * m + j] / p.data[j * m + j]);
      }
    }
  }

  /**
   * Keeps up to maxItems items with the most users, at least minUsers each (ties to the lower
   * index), in item order.
   */
  private void choose(Interactions x) {
    Integer[] order = new Integer[x.itemCount()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, c) -> x.userCountOf(a) != x.userCountOf(c)
        ? Integer.compare(x.userCountOf(c), x.userCountOf(a)) : Integer.compare(a, c));
    int m = 0;
    while (m < Math.min(params.maxItems(), order.length)
        && x.userCountOf(order[m]) >= params.minUsers()) {
      m++;
    }
    kept = new int[m];
    for (int k = 0; k < m; k++) {
      kept[k] = order[k];
    }
    Arrays.sort(kept);
    slot = new int[x.itemCount()];
    Arrays.fill(slot, -1);
    for (int k = 0; k < m; k++) {
      slot[kept[k]] = k;
    }
  }

  /** X^T X over the kept items, from the sparse rows: the sum over users of x_u x_u^T. */
  private DMatrixRMaj gram(Interactions x, int m) {
    double[] g = new double[m * m];
    int[] s = new int[x.itemCount()];
    double[] w = new double[x.itemCount()];
    for (int u = 0; u < x.userCount(); u++) {
      int n = 0;
      for (int k = x.rowStart[u]; k < x.rowStart[u + 1]; k++) {
        int at = slot[x.rowItem[k]];
        if (at >= 0) {
          s[n] = at;
          w[n++] = x.rowWeight[k];
        }
      }
      double scale = Math.pow(Math.max(1, n), -params.userExponent() / 2);
      for (int a = 0; a < n; a++) {
        w[a] *= scale;
      }
      for (int a = 0; a < n; a++) { // slots ascend along a row: fill the upper triangle only
        int row = s[a] * m;
        double wa = w[a];
        for (int c = a; c < n; c++) {
          g[row + s[c]] += wa * w[c];
        }
      }
    }
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        g[j * m + i] = g[i * m + j];
      }
    }
    return DMatrixRMaj.wrap(m, m, g);
  }

  /** x B over the kept items; the rest score just below the lowest kept item. */
  @Override
  public void score(UserContext user, Candidates candidates, float[] scores) {
    spread(accumulate(user), candidates, scores);
  }

  @Override
  public Moments moments(UserContext user) {
    float[] acc = accumulate(user);
    return Moments.of(acc, itemCount, floor(acc) - 1);
  }

  @Override
  public Moments similarMoments(int item) {
    float[] acc = row(item);
    return Moments.of(acc, itemCount, floor(acc) - 1);
  }

  /** x B: the score of each kept item; computed once per request (propose, moments, score). */
  private float[] accumulate(UserContext user) {
    return user.derived(this, "xB", this::multiply);
  }

  private float[] multiply(UserContext user) {
    int m = kept.length;
    float[] acc = new float[m];
    int[] items = user.items();
    float[] weights = user.weights();
    for (int k = 0; k < items.length; k++) {
      int s = items[k] < slot.length ? slot[items[k]] : -1;
      if (s >= 0) {
        float w = weights[k];
        int row = s * m;
        for (int j = 0; j < m; j++) {
          acc[j] += w * b[row + j];
        }
      }
    }
    return acc;
  }

  /** The row of B: how much a history of just {@code item} predicts each item. */
  @Override
  public void similar(int item, Candidates candidates, float[] scores) {
    spread(row(item), candidates, scores);
  }

  private float[] row(int item) {
    int m = kept.length;
    float[] acc = new float[m];
    int s = slot[item];
    if (s >= 0) {
      System.arraycopy(b, s * m, acc, 0, m);
    }
    return acc;
  }

  /** The lowest kept score, or 0 when all are positive. */
  private static float floor(float[] acc) {
    float floor = 0;
    for (float v : acc) {
      floor = Math.min(floor, v);
    }
    return floor;
  }

  private void spread(float[] acc, Candidates candidates, float[] scores) {
    float floor = floor(acc);
    for (int k = 0; k < candidates.size(); k++) {
      int s = slot[candidates.item(k)];
      scores[k] = s >= 0 ? acc[s] : floor - 1;
    }
  }

  /**
   * The kept items with the highest positive x B, at most {@value #PROPOSE_SHARE} of the budget:
   * EASE covers only the popular head, which the other parts propose too.
   */
  @Override
  public void propose(UserContext user, int budget, Candidates.Builder out) {
    addTop(accumulate(user), budget, out);
  }

  static final float PROPOSE_SHARE = 0.125f;

  @Override
  public void proposeSimilar(int item, int budget, Candidates.Builder out) {
    if (slot[item] >= 0) {
      addTop(row(item), budget, out);
    }
  }

  private void addTop(float[] acc, int budget, Candidates.Builder out) {
    for (int k : TopN.select(acc, (int) (budget * PROPOSE_SHARE), k -> acc[k] > 0)) {
      out.add(kept[k]);
    }
  }

  /** "because you watched X": the history item that contributes most to the item's score. */
  @Override
  public Explanation explain(UserContext user, int item) {
    int target = slot[item];
    if (target < 0) {
      return null;
    }
    int m = kept.length;
    int best = -1;
    float bestValue = 0;
    for (int k = 0; k < user.items().length; k++) {
      int s = slot[user.items()[k]];
      if (s >= 0) {
        float v = user.weights()[k] * b[s * m + target];
        if (v > bestValue) {
          best = user.items()[k];
          bestValue = v;
        }
      }
    }
    return best < 0 ? null
        : new Explanation("watched", "because you watched " + features.title(best), best);
  }

  /** How many items the model covers. */
  int coveredItems() {
    return kept.length;
  }

  /** The covered items, ascending; for {@link ModelStore}, do not modify. */
  int[] keptItems() {
    return kept;
  }

  /** The m x m weights, row-major over {@link #keptItems}; for {@link ModelStore}, do not modify. */
  float[] weights() {
    return b;
  }

  /** Takes the state of a model trained on {@code data} and saved by {@link ModelStore}. */
  void restore(Dataset data, int[] keptItems, float[] weights) {
    features = data.items();
    itemCount = data.interactions().itemCount();
    kept = keptItems;
    b = weights;
    slot = new int[itemCount];
    Arrays.fill(slot, -1);
    for (int k = 0; k < kept.length; k++) {
      slot[kept[k]] = k;
    }
  }
}
