package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed cases; ln is the natural log (the ratio does not depend on the base). */
class RankingMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void hitsAtRanksOneAndThree_ofThreeRelevant_atK5() {
    // List 10, 20, 30, 40, 50; relevant 10, 30, 99.
    RankingMetrics m = RankingMetrics.of(new int[] {10, 20, 30, 40, 50}, new int[] {10, 30, 99}, 5);

    assertThat(m.precision()).isCloseTo(2.0 / 5, within(EPS));
    assertThat(m.recall()).isCloseTo(2.0 / 3, within(EPS));
    double dcg = 1 / Math.log(2) + 1 / Math.log(4);
    double idcg = 1 / Math.log(2) + 1 / Math.log(3) + 1 / Math.log(4);
    assertThat(m.ndcg()).isCloseTo(dcg / idcg, within(EPS));
    assertThat(m.ndcg()).isCloseTo(0.7039180890341348, within(1e-12));
    // Precision at the hits: 1/1 and 2/3; divided by min(k, relevant) = 3.
    assertThat(m.averagePrecision()).isCloseTo((1 + 2.0 / 3) / 3, within(EPS));
  }

  @Test
  void idealDcg_isCappedAtK_whenThereAreMoreRelevantItemsThanK() {
    // Two slots, five relevant items, a hit at rank 2 only.
    RankingMetrics m = RankingMetrics.of(new int[] {7, 1}, new int[] {1, 2, 3, 4, 5}, 2);

    assertThat(m.precision()).isCloseTo(0.5, within(EPS));
    assertThat(m.recall()).isCloseTo(0.2, within(EPS));
    assertThat(m.ndcg()).isCloseTo((1 / Math.log(3)) / (1 / Math.log(2) + 1 / Math.log(3)),
        within(EPS));
    assertThat(m.averagePrecision()).isCloseTo(0.5 / 2, within(EPS));
  }

  @Test
  void perfectList_scoresOne_andEmptyHitsScoreZero() {
    RankingMetrics perfect = RankingMetrics.of(new int[] {3, 1, 2}, new int[] {1, 2, 3}, 3);
    assertThat(perfect.ndcg()).isCloseTo(1, within(EPS));
    assertThat(perfect.averagePrecision()).isCloseTo(1, within(EPS));
    assertThat(perfect.precision()).isCloseTo(1, within(EPS));

    RankingMetrics miss = RankingMetrics.of(new int[] {4, 5}, new int[] {1}, 10);
    assertThat(miss.ndcg()).isZero();
    assertThat(miss.averagePrecision()).isZero();
  }

  @Test
  void shortList_stillDividesPrecisionByK() {
    RankingMetrics m = RankingMetrics.of(new int[] {1}, new int[] {1}, 10);
    assertThat(m.precision()).isCloseTo(0.1, within(EPS));
    assertThat(m.ndcg()).isCloseTo(1, within(EPS));
  }

  @Test
  void mean_averagesEachMetricOverUsers() {
    RankingMetrics mean = RankingMetrics.mean(new RankingMetrics[] {
        new RankingMetrics(0.2, 0.4, 0.6, 0.8), new RankingMetrics(0.4, 0.0, 0.2, 0.0)});
    assertThat(mean).isEqualTo(new RankingMetrics(0.30000000000000004, 0.2, 0.4, 0.4));
  }
}
