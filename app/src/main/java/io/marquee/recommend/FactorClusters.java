package io.marquee.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * An inverted-file index over item factor vectors (the IVF of vector search): the items are
 * clustered by k-means, and the items likely to have the largest inner product with a query are
 * found by ranking the cluster centroids against the query and taking the members of the best
 * clusters until a budget is reached. Scanning a few percent of a 100,000-item catalog instead of
 * all of it is what makes a top-n in under a millisecond possible; the exact scores of the members
 * are computed afterwards by the model itself.
 *
 * <p>Centroids come from Lloyd's algorithm on a seeded sample of the items ({@link #SAMPLE_PER_CLUSTER}
 * per cluster), then every item goes to its nearest centroid and the centroids become the means of
 * their members. Deterministic for a seed.
 */
final class FactorClusters {
  static final int SAMPLE_PER_CLUSTER = 64;
  static final int ITERATIONS = 8;

  private final int factors;
  private final int clusters;
  private final float[] centroids; // clusters x factors
  private final int[] start; // members of cluster c: members[start[c] .. start[c + 1])
  private final int[] members;
  /**
   * Each cluster's member rows transposed: factor a of the cluster's member j (j counted from the
   * cluster's start) at start[c] * factors + a * size(c) + j. A probe then scores a cluster with one
   * multiply-add pass over a contiguous array per factor, which the JIT turns into SIMD code, where
   * a dot product per member (a float sum in a fixed order) stays scalar.
   */
  private final float[] memberColumns;

  private FactorClusters(int factors, float[] centroids, int[] start, int[] members, float[] y) {
    this.factors = factors;
    this.clusters = start.length - 1;
    this.centroids = centroids;
    this.start = start;
    this.members = members;
    this.memberColumns = new float[members.length * factors];
    for (int c = 0; c < clusters; c++) {
      int size = start[c + 1] - start[c];
      for (int j = 0; j < size; j++) {
        int row = members[start[c] + j] * factors;
        for (int a = 0; a < factors; a++) {
          memberColumns[start[c] * factors + a * size + j] = y[row + a];
        }
      }
    }
  }

  /** Probed items, ascending, and their inner products with the query. */
  record Probed(int[] items, float[] scores) {}

  /** The number of clusters for a catalog: about its square root, at least 8. */
  static int clustersFor(int items) {
    return Math.max(8, (int) Math.round(Math.sqrt(items)));
  }

  /** Clusters {@code items} rows of {@code factors} floats, row-major in {@code y}. */
  static FactorClusters build(float[] y, int items, int factors, long seed) {
    int k = Math.min(items, clustersFor(items));
    SplittableRandom rng = new SplittableRandom(seed);
    int[] sample = sample(items, Math.min(items, k * SAMPLE_PER_CLUSTER), rng);
    float[] centroids = new float[k * factors];
    for (int c = 0; c < k; c++) {
      System.arraycopy(y, sample[c] * factors, centroids, c * factors, factors);
    }
    int[] assignment = new int[items];
    for (int it = 0; it < ITERATIONS; it++) {
      assign(y, sample, centroids, k, factors, assignment);
      recenter(y, sample, assignment, centroids, k, factors, rng);
    }
    int[] all = IntStream.range(0, items).toArray();
    assign(y, all, centroids, k, factors, assignment);
    recenter(y, all, assignment, centroids, k, factors, rng);
    int[] start = new int[k + 1];
    for (int i = 0; i < items; i++) {
      start[assignment[i] + 1]++;
    }
    for (int c = 0; c < k; c++) {
      start[c + 1] += start[c];
    }
    int[] members = new int[items];
    int[] next = Arrays.copyOf(start, k);
    for (int i = 0; i < items; i++) {
      members[next[assignment[i]]++] = i;
    }
    return new FactorClusters(factors, centroids, start, members, y);
  }

  private static int[] sample(int items, int n, SplittableRandom rng) {
    int[] all = IntStream.range(0, items).toArray();
    for (int i = 0; i < n; i++) { // partial Fisher-Yates
      int j = i + rng.nextInt(items - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, n);
  }

  /** Nearest centroid of each listed row: argmax of y.c - |c|^2 / 2, in parallel. */
  private static void assign(float[] y, int[] rows, float[] centroids, int k, int f,
      int[] assignment) {
    float[] halfNorm = new float[k];
    for (int c = 0; c < k; c++) {
      halfNorm[c] = dot(centroids, c * f, centroids, c * f, f) / 2;
    }
    IntStream.range(0, rows.length).parallel().forEach(r -> {
      int row = rows[r];
      int best = 0;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        float v = dot(y, row * f, centroids, c * f, f) - halfNorm[c];
        if (v > bestValue) {
          bestValue = v;
          best = c;
        }
      }
      assignment[row] = best;
    });
  }

  /** Each centroid becomes the mean of its rows; an empty cluster restarts at a random row. */
  private static void recenter(float[] y, int[] rows, int[] assignment, float[] centroids, int k,
      int f, SplittableRandom rng) {
    double[] sum = new double[k * f];
    int[] count = new int[k];
    for (int row : rows) {
      int c = assignment[row];
      count[c]++;
      for (int a = 0; a < f; a++) {
        sum[c * f + a] += y[row * f + a];
      }
    }
    for (int c = 0; c < k; c++) {
      if (count[c] == 0) {
        int row = rows[rng.nextInt(rows.length)];
        System.arraycopy(y, row * f, centroids, c * f, f);
        continue;
      }
      for (int a = 0; a < f; a++) {
        centroids[c * f + a] = (float) (sum[c * f + a] / count[c]);
      }
    }
  }

  static float dot(float[] a, int ao, float[] b, int bo, int f) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int k = 0;
    for (; k + 3 < f; k += 4) {
      s0 += a[ao + k] * b[bo + k];
      s1 += a[ao + k + 1] * b[bo + k + 1];
      s2 += a[ao + k + 2] * b[bo + k + 2];
      s3 += a[ao + k + 3] * b[bo + k + 3];
    }
    for (; k < f; k++) {
      s0 += a[ao + k] * b[bo + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * The query's inner product with every member of cluster c, column-wise: four partial sums per
   * member in the order {@link #dot} uses, so each product is the same float {@code dot} gives.
   */
  private float[] scoreCluster(float[] query, int c) {
    int size = start[c + 1] - start[c];
    float[] partial = new float[4 * size];
    int base = start[c] * factors;
    int main = factors - factors % 4; // dot's four-way loop; the rest goes to the first sum
    for (int a = 0; a < factors; a++) {
      int lane = a < main ? (a & 3) * size : 0;
      float q = query[a];
      int column = base + a * size;
      for (int j = 0; j < size; j++) {
        partial[lane + j] += q * memberColumns[column + j];
      }
    }
    float[] scores = new float[size];
    for (int j = 0; j < size; j++) {
      scores[j] = (partial[j] + partial[size + j]) + (partial[2 * size + j] + partial[3 * size + j]);
    }
    return scores;
  }

  int clusters() {
    return clusters;
  }

  /**
   * Adds the members of the clusters whose centroids have the largest inner product with {@code
   * query}, best cluster first, until {@code budget} items were added (the last cluster whole), and
   * returns their inner products with the query, computed on the way from rows stored in cluster
   * order: a sequential read, where scoring the same items later from the item-ordered matrix would
   * miss the cache on every row.
   */
  Probed probe(float[] query, int budget, Candidates.Builder out) {
    float[] near = new float[clusters];
    for (int c = 0; c < clusters; c++) {
      near[c] = dot(query, 0, centroids, c * factors, factors);
    }
    // Clusters are about the same size: the best few are selected, not all sorted.
    int expected = (int) Math.min(clusters, 2L * budget * clusters / Math.max(1, members.length) + 2);
    int[] order = TopN.select(near, expected);
    int added = 0;
    int probed = 0;
    for (; added < budget && probed < clusters; probed++) {
      if (probed == order.length) { // the best clusters are small ones: rank twice as many
        order = TopN.select(near, Math.min(clusters, 2 * order.length));
      }
      int c = order[probed];
      added += start[c + 1] - start[c];
    }
    // Each cluster's members are ascending: merging the runs orders the probed items.
    int[] runAt = new int[probed];
    float[][] runScores = new float[probed][];
    for (int r = 0; r < probed; r++) {
      int c = order[r];
      runAt[r] = start[c];
      runScores[r] = scoreCluster(query, c);
      for (int m = start[c]; m < start[c + 1]; m++) {
        out.add(members[m]);
      }
    }
    int[] items = new int[added];
    float[] scores = new float[added];
    for (int k = 0; k < added; k++) {
      int best = -1;
      for (int r = 0; r < probed; r++) {
        int c = order[r];
        if (runAt[r] < start[c + 1] && (best < 0 || members[runAt[r]] < members[runAt[best]])) {
          best = r;
        }
      }
      int m = runAt[best]++;
      items[k] = members[m];
      scores[k] = runScores[best][m - start[order[best]]];
    }
    return new Probed(items, scores);
  }
}
