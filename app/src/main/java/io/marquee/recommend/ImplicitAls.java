package io.marquee.recommend;

import java.util.SplittableRandom;

/**
 * Matrix factorisation for implicit feedback (Hu, Koren and Volinsky 2008, "Collaborative
 * Filtering for Implicit Feedback Datasets"), solved by alternating least squares with a few
 * conjugate-gradient steps per row (Takacs, Pilaszy and Tikk 2011) instead of a factors x factors
 * solve: each observed cell has preference 1 and confidence 1 + alpha * weight, unobserved cells
 * preference 0 and confidence 1.
 *
 * <p>Rows are solved in parallel on a fixed pool; the initial factors come from one seeded
 * generator, and every row's solve is independent, so results do not depend on the thread count.
 * Factors are stored as one contiguous row-major float[] per side: scoring a user is the dot of
 * one vector with every item row, a single pass over memory.
 */
public final class ImplicitAls implements Recommender {

  /**
   * The model's settings.
   *
   * @param factors latent dimensions
   * @param regularization L2 weight on every factor row
   * @param alpha confidence slope: confidence = 1 + alpha * weight
   * @param iterations alternations (users, then items)
   * @param cgSteps conjugate-gradient steps per row and alternation
   * @param seed seeds the initial factors
   * @param threads size of the solving pool
   */
  public record Params(int factors, double regularization, double alpha, int iterations,
      int cgSteps, long seed, int threads) {
    /** Settings tuned on MovieLens 100k under the evaluation protocol. */
    public static Params defaults() {
      return new Params(64, 25, 1.5, 15, 3, 42, Runtime.getRuntime().availableProcessors());
    }

    public Params withSeed(long newSeed) {
      return new Params(factors, regularization, alpha, iterations, cgSteps, newSeed, threads);
    }
  }

  private final Params params;
  private ItemFeatures features;
  private int users;
  private int items;
  float[] userFactors; // users x factors
  float[] itemFactors; // items x factors
  private double[] itemGram; // Y^T Y + regularization I, for folding in new users
  private float[] itemNorms;
  private volatile FactorClusters clusters; // for candidate retrieval in large catalogs
  private double[][] rowMoments; // mean and second moment of the item rows
  private double[][] unitRowMoments; // the same for the rows scaled to unit length

  public ImplicitAls(Params params) {
    this.params = params;
  }

  @Override
  public String name() {
    return "ials";
  }

  @Override
  public void fit(Dataset data) {
    Interactions x = data.interactions();
    features = data.items();
    users = x.userCount();
    items = x.itemCount();
    int f = params.factors();
    SplittableRandom rng = new SplittableRandom(params.seed());
    userFactors = new float[users * f];
    itemFactors = new float[items * f];
    for (int k = 0; k < itemFactors.length; k++) {
      itemFactors[k] = (float) (rng.nextDouble() * 0.01);
    }
    for (int k = 0; k < userFactors.length; k++) {
      userFactors[k] = (float) (rng.nextDouble() * 0.01);
    }
    float[] rowConf = confidence(x.rowWeight);
    float[] colConf = confidence(x.colWeight);
    try (Workers workers = new Workers(params.threads(), "ials")) {
      for (int it = 0; it < params.iterations(); it++) {
        double[] yty = gram(itemFactors, items);
        workers.forRange(users, (from, to) -> solveRows(userFactors, from, to, itemFactors, yty,
            x.rowStart, x.rowItem, rowConf, params.cgSteps()));
        double[] xtx = gram(userFactors, users);
        workers.forRange(items, (from, to) -> solveRows(itemFactors, from, to, userFactors, xtx,
            x.colStart, x.colUser, colConf, params.cgSteps()));
      }
    }
    derive();
  }

  /** The item Gram matrix and norms, from the trained item factors. */
  private void derive() {
    int f = params.factors();
    itemGram = gram(itemFactors, items);
    itemNorms = new float[items];
    for (int i = 0; i < items; i++) {
      itemNorms[i] = (float) Math.sqrt(dot(itemFactors, i * f, itemFactors, i * f, f));
    }
    float[] unit = new float[items];
    for (int i = 0; i < items; i++) {
      unit[i] = itemNorms[i] > 0 ? 1 / itemNorms[i] : 0;
    }
    rowMoments = Moments.ofRows(itemFactors, items, f, null);
    unitRowMoments = Moments.ofRows(itemFactors, items, f, unit);
  }

  /**
   * Takes the factors of a model trained on {@code data} (saved by {@link ModelStore}), row-major,
   * {@code params().factors()} per row.
   */
  void restore(Dataset data, float[] userRows, float[] itemRows) {
    int f = params.factors();
    features = data.items();
    users = data.interactions().userCount();
    items = data.interactions().itemCount();
    if (userRows.length != users * f || itemRows.length != items * f) {
      throw new IllegalArgumentException("factor arrays do not match " + users + " users, " + items
          + " items, " + f + " factors");
    }
    userFactors = userRows;
    itemFactors = itemRows;
    derive();
  }

  public Params params() {
    return params;
  }

  private float[] confidence(float[] weights) {
    float[] c = new float[weights.length];
    for (int k = 0; k < c.length; k++) {
      c[k] = (float) (1 + params.alpha() * weights[k]);
    }
    return c;
  }

  /** Y^T Y + regularization I over the given factor rows, as a dense f x f matrix. */
  private double[] gram(float[] y, int rows) {
    int f = params.factors();
    double[] g = new double[f * f];
    for (int r = 0; r < rows; r++) {
      int off = r * f;
      for (int a = 0; a < f; a++) {
        double ya = y[off + a];
        for (int b = a; b < f; b++) {
          g[a * f + b] += ya * y[off + b];
        }
      }
    }
    for (int a = 0; a < f; a++) {
      for (int b = 0; b < a; b++) {
        g[a * f + b] = g[b * f + a];
      }
      g[a * f + a] += params.regularization();
    }
    return g;
  }

  /**
   * Improves rows from .. to - 1 of {@code x} by conjugate gradient on (YtY + Y^T (C - I) Y) x =
   * Y^T C p, starting from the current values.
   */
  private void solveRows(float[] x, int from, int to, float[] y, double[] yty, int[] start,
      int[] index, float[] conf, int steps) {
    int f = params.factors();
    double[] v = new double[f];
    double[] r = new double[f];
    double[] p = new double[f];
    double[] ap = new double[f];
    for (int row = from; row < to; row++) {
      int off = row * f;
      for (int a = 0; a < f; a++) {
        v[a] = x[off + a];
      }
      conjugateGradient(v, y, yty, index, conf, start[row], start[row + 1], steps, r, p, ap);
      for (int a = 0; a < f; a++) {
        x[off + a] = (float) v[a];
      }
    }
  }

  private void conjugateGradient(double[] v, float[] y, double[] yty, int[] index, float[] conf,
      int from, int to, int steps, double[] r, double[] p, double[] ap) {
    int f = params.factors();
    multiply(yty, v, r, f);
    for (int a = 0; a < f; a++) {
      r[a] = -r[a];
    }
    for (int k = from; k < to; k++) {
      int yo = index[k] * f;
      double c = conf[k];
      double yv = dot(y, yo, v, f);
      double coef = c - (c - 1) * yv;
      for (int a = 0; a < f; a++) {
        r[a] += coef * y[yo + a];
      }
    }
    System.arraycopy(r, 0, p, 0, f);
    double rsOld = dot(r, r, f);
    for (int step = 0; step < steps && rsOld > 1e-20; step++) {
      multiply(yty, p, ap, f);
      for (int k = from; k < to; k++) {
        int yo = index[k] * f;
        double coef = (conf[k] - 1) * dot(y, yo, p, f);
        for (int a = 0; a < f; a++) {
          ap[a] += coef * y[yo + a];
        }
      }
      double step1 = rsOld / dot(p, ap, f);
      for (int a = 0; a < f; a++) {
        v[a] += step1 * p[a];
        r[a] -= step1 * ap[a];
      }
      double rsNew = dot(r, r, f);
      for (int a = 0; a < f; a++) {
        p[a] = r[a] + rsNew / rsOld * p[a];
      }
      rsOld = rsNew;
    }
  }

  private static void multiply(double[] m, double[] v, double[] out, int f) {
    for (int a = 0; a < f; a++) {
      double s = 0;
      for (int b = 0; b < f; b++) {
        s += m[a * f + b] * v[b];
      }
      out[a] = s;
    }
  }

  private static double dot(double[] a, double[] b, int f) {
    double s = 0;
    for (int k = 0; k < f; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static double dot(float[] y, int off, double[] v, int f) {
    double s = 0;
    for (int k = 0; k < f; k++) {
      s += y[off + k] * v[k];
    }
    return s;
  }

  private static double dot(float[] a, int ao, float[] b, int bo, int f) {
    double s = 0;
    for (int k = 0; k < f; k++) {
      s += a[ao + k] * b[bo + k];
    }
    return s;
  }

  /**
   * The user's factor vector: their trained row when {@code user()} names one, else folded in from
   * the history (the least-squares solve of one ALS half-step against the trained item factors).
   */
  float[] userVector(UserContext user) {
    return user.derived(this, "vector", this::solveUser);
  }

  private float[] solveUser(UserContext user) {
    int f = params.factors();
    float[] u = new float[f];
    if (user.user() >= 0 && user.user() < users) {
      System.arraycopy(userFactors, user.user() * f, u, 0, f);
      return u;
    }
    int[] history = user.items();
    int n = 0;
    for (int h : history) {
      n += h < items ? 1 : 0;
    }
    int[] known = new int[n]; // items newer than the model have no factors: left out
    float[] conf = new float[n];
    for (int k = 0, m = 0; k < history.length; k++) {
      if (history[k] < items) {
        known[m] = history[k];
        conf[m++] = (float) (1 + params.alpha() * user.weights()[k]);
      }
    }
    double[] v = new double[f];
    conjugateGradient(v, itemFactors, itemGram, known, conf, 0, n, f, new double[f],
        new double[f], new double[f]);
    for (int a = 0; a < f; a++) {
      u[a] = (float) v[a];
    }
    return u;
  }

  /** u . y_j for every candidate j. */
  @Override
  public void score(UserContext user, Candidates candidates, float[] scores) {
    FactorClusters.Probed probed =
        candidates.isAll() ? null : (FactorClusters.Probed) user.remembered(this, "probe");
    if (probed == null) {
      dots(userVector(user), candidates, scores);
      return;
    }
    // The probed items' products are known; candidates and probed items are both ascending.
    float[] u = userVector(user);
    int f = params.factors();
    int at = 0;
    for (int k = 0; k < candidates.size(); k++) {
      int i = candidates.item(k);
      while (at < probed.items().length && probed.items()[at] < i) {
        at++;
      }
      scores[k] = at < probed.items().length && probed.items()[at] == i ? probed.scores()[at]
          : FactorClusters.dot(u, 0, itemFactors, i * f, f);
    }
  }

  /** A copy of user row {@code u}'s trained factors. */
  float[] userRow(int u) {
    int f = params.factors();
    float[] out = new float[f];
    System.arraycopy(userFactors, u * f, out, 0, f);
    return out;
  }

  /** x_u . y_item for every user u: the predicted preference of each user for one item. */
  void itemAffinity(int item, float[] out) {
    int f = params.factors();
    float[] y = new float[f];
    System.arraycopy(itemFactors, item * f, y, 0, f);
    dotAll(y, userFactors, f, users, out);
  }

  /** Exact, from the item rows' mean and second moment: O(factors²), not O(items). */
  @Override
  public Moments moments(UserContext user) {
    return Moments.ofLinear(userVector(user), rowMoments[0], rowMoments[1]);
  }

  /** The cosine's moments: those of the unit rows against the item's unit vector. */
  @Override
  public Moments similarMoments(int item) {
    int f = params.factors();
    float[] v = new float[f];
    float scale = itemNorms[item] > 0 ? 1 / itemNorms[item] : 0;
    for (int a = 0; a < f; a++) {
      v[a] = itemFactors[item * f + a] * scale;
    }
    return Moments.ofLinear(v, unitRowMoments[0], unitRowMoments[1]);
  }

  private void dots(float[] u, Candidates candidates, float[] scores) {
    int f = params.factors();
    if (candidates.isAll()) {
      dotAll(u, itemFactors, f, items, scores);
      return;
    }
    for (int k = 0; k < candidates.size(); k++) {
      scores[k] = FactorClusters.dot(u, 0, itemFactors, candidates.item(k) * f, f);
    }
  }

  /** u . y_j for every item j: one pass over the contiguous item matrix, four partial sums. */
  static void dotAll(float[] u, float[] y, int f, int rows, float[] out) {
    for (int j = 0, off = 0; j < rows; j++, off += f) {
      out[j] = FactorClusters.dot(u, 0, y, off, f);
    }
  }

  /** Cosine similarity of item factor vectors. */
  @Override
  public void similar(int item, Candidates candidates, float[] scores) {
    int f = params.factors();
    float[] v = new float[f];
    System.arraycopy(itemFactors, item * f, v, 0, f);
    dots(v, candidates, scores);
    for (int k = 0; k < candidates.size(); k++) {
      float norm = itemNorms[item] * itemNorms[candidates.item(k)];
      scores[k] = norm > 0 ? scores[k] / norm : 0;
    }
  }

  /**
   * Clusters the item factors ({@link FactorClusters}) so that {@link #propose} can find a user's
   * best items without scoring the catalog: seconds for 100,000 items, done once per model.
   */
  @Override
  public void index() {
    if (clusters == null) {
      clusters = FactorClusters.build(itemFactors, items, params.factors(), params.seed());
    }
  }

  /** The members of the clusters nearest the user's vector, when {@link #buildIndex} ran. */
  @Override
  public void propose(UserContext user, int budget, Candidates.Builder out) {
    FactorClusters index = clusters;
    if (index != null) {
      user.remember(this, "probe", index.probe(userVector(user), budget, out));
    }
  }

  @Override
  public void proposeSimilar(int item, int budget, Candidates.Builder out) {
    FactorClusters index = clusters;
    if (index != null) {
      int f = params.factors();
      index.probe(java.util.Arrays.copyOfRange(itemFactors, item * f, item * f + f), budget, out);
    }
  }

  /** "because you watched X": the history item whose factors are closest to the item's. */
  @Override
  public Explanation explain(UserContext user, int item) {
    int f = params.factors();
    int best = -1;
    double bestValue = 0;
    for (int h : user.items()) {
      if (h < items && h != item && itemNorms[h] > 0 && itemNorms[item] > 0) {
        double cos = dot(itemFactors, h * f, itemFactors, item * f, f)
            / (itemNorms[h] * itemNorms[item]);
        if (cos > bestValue) {
          best = h;
          bestValue = cos;
        }
      }
    }
    return best < 0 ? null
        : new Explanation("watched", "because you watched " + features.title(best), best);
  }
}
