package io.marquee.recommend;

import java.util.Arrays;

/**
 * Top-k ranking metrics of one user's list against their relevant (test) items, defined as in
 * Microsoft Recommenders' {@code python_evaluation} (binary relevance):
 *
 * <ul>
 *   <li>precision@k = hits / k (a list shorter than k still divides by k);
 *   <li>recall@k = hits / relevant;
 *   <li>nDCG@k = sum over hits of 1 / log(1 + rank), over the same sum for ranks 1 ..
 *       min(k, relevant);
 *   <li>MAP@k: the average precision sum over hits of (hits so far / rank), over min(k,
 *       relevant).
 * </ul>
 *
 * Ranks start at 1. The benchmark's figures are the means over users of these values.
 */
record RankingMetrics(double precision, double recall, double ndcg, double averagePrecision) {

  /**
   * @param ranked the recommended items, best first (only the first k count)
   * @param relevant the user's relevant items in ascending order, not empty
   */
  static RankingMetrics of(int[] ranked, int[] relevant, int k) {
    if (relevant.length == 0) {
      throw new IllegalArgumentException("a user without relevant items is not scored");
    }
    int hits = 0;
    double dcg = 0;
    double precisionSum = 0;
    for (int r = 0; r < Math.min(k, ranked.length); r++) {
      if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
        hits++;
        dcg += 1 / Math.log(2 + r);
        precisionSum += (double) hits / (r + 1);
      }
    }
    int ideal = Math.min(k, relevant.length);
    double idcg = 0;
    for (int r = 0; r < ideal; r++) {
      idcg += 1 / Math.log(2 + r);
    }
    return new RankingMetrics((double) hits / k, (double) hits / relevant.length, dcg / idcg,
        precisionSum / ideal);
  }

  /** The element-wise mean of the given users' metrics. */
  static RankingMetrics mean(RankingMetrics[] users) {
    double p = 0;
    double r = 0;
    double n = 0;
    double ap = 0;
    for (RankingMetrics m : users) {
      p += m.precision;
      r += m.recall;
      n += m.ndcg;
      ap += m.averagePrecision;
    }
    int count = Math.max(1, users.length);
    return new RankingMetrics(p / count, r / count, n / count, ap / count);
  }
}
