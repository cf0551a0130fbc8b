package io.marquee.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The noise distribution against its formulas over many seeded draws. For the discrete Laplace of
 * scale t, with a = exp(-1/t): P(X = x) = (1 - a) / (1 + a) a^|x|, mean 0, variance 2a / (1 - a)^2,
 * P(|X| >= k) = 2 a^k / (1 + a) for k >= 1. Tolerances are five standard errors of each estimate.
 */
class ExactNoiseTest {
  private static final int DRAWS = 200_000;

  private static long[] draws(long seed, long scaleNum, long scaleDen) {
    ExactNoise noise = new ExactNoise(new SplittableRandom(seed));
    long[] x = new long[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      x[i] = noise.laplace(scaleNum, scaleDen);
    }
    return x;
  }

  private static double a(double scale) {
    return Math.exp(-1 / scale);
  }

  private static double variance(double scale) {
    double a = a(scale);
    return 2 * a / ((1 - a) * (1 - a));
  }

  private static double pmf(double scale, long x) {
    double a = a(scale);
    return (1 - a) / (1 + a) * Math.pow(a, Math.abs(x));
  }

  private static void checkMeanAndVariance(long[] x, double scale) {
    double mean = 0;
    for (long v : x) {
      mean += v;
    }
    mean /= x.length;
    double m2 = 0;
    for (long v : x) {
      m2 += (v - mean) * (v - mean);
    }
    m2 /= x.length - 1;
    double sigma2 = variance(scale);
    assertThat(mean).as("mean").isCloseTo(0, within(5 * Math.sqrt(sigma2 / x.length)));
    // the fourth moment of the discrete Laplace is at most about 6 sigma^4: SE(variance) <= sigma^2 sqrt(5 / n)
    assertThat(m2).as("variance").isCloseTo(sigma2, within(5 * sigma2 * Math.sqrt(5.0 / x.length)));
  }

  @Test
  void laplaceOfScaleThree_hasMeanZeroAndTheFormulasVariance() {
    checkMeanAndVariance(draws(11, 3, 1), 3);
  }

  @Test
  void laplaceOfAFractionalScale_fiveHalves_hasTheFormulasVariance() {
    checkMeanAndVariance(draws(12, 5, 2), 2.5);
  }

  @Test
  void laplaceOfScaleAHalf_isMostlyZero_withTheFormulasVariance() {
    long[] x = draws(13, 1, 2);
    checkMeanAndVariance(x, 0.5);
    long zeros = java.util.Arrays.stream(x).filter(v -> v == 0).count();
    double p0 = pmf(0.5, 0);
    assertThat((double) zeros / DRAWS).isCloseTo(p0, within(5 * Math.sqrt(p0 * (1 - p0) / DRAWS)));
  }

  @Test
  void laplaceTail_matchesTwoAToTheKOverOnePlusA() {
    double scale = 4;
    long[] x = draws(14, 4, 1);
    double a = a(scale);
    for (int k : new int[] {1, 2, 5, 10, 20}) {
      long n = 0;
      for (long v : x) {
        if (Math.abs(v) >= k) {
          n++;
        }
      }
      double p = 2 * Math.pow(a, k) / (1 + a);
      assertThat((double) n / DRAWS).as("P(|X| >= " + k + ")")
          .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / DRAWS)));
    }
  }

  @Test
  void laplace_isSymmetric() {
    long[] x = draws(15, 2, 1);
    long pos = 0;
    long neg = 0;
    long posSum = 0;
    long negSum = 0;
    for (long v : x) {
      if (v > 0) {
        pos++;
        posSum += v;
      } else if (v < 0) {
        neg++;
        negSum -= v;
      }
    }
    double p = (double) (pos + neg) / DRAWS / 2;
    assertThat((double) pos / DRAWS).isCloseTo((double) neg / DRAWS, within(5 * Math.sqrt(2 * p / DRAWS)));
    assertThat((double) posSum / pos).isCloseTo((double) negSum / neg, within(0.05));
  }

  @Test
  void laplacePmf_atSmallValues_passesAChiSquareTest() {
    double scale = 2;
    long[] x = draws(16, 2, 1);
    int k = 6; // cells -6..6 and the two tails beyond
    long[] observed = new long[2 * k + 3];
    for (long v : x) {
      int cell = v < -k ? 0 : v > k ? 2 * k + 2 : (int) v + k + 1;
      observed[cell]++;
    }
    double a = a(scale);
    double tail = Math.pow(a, k + 1) / (1 + a);
    double chi2 = 0;
    for (int c = 0; c < observed.length; c++) {
      double p = c == 0 || c == observed.length - 1 ? tail : pmf(scale, c - k - 1);
      double expected = p * DRAWS;
      chi2 += (observed[c] - expected) * (observed[c] - expected) / expected;
    }
    // 14 cells, 13 degrees of freedom: P(chi2 > 34.5) = 0.001
    assertThat(chi2).isLessThan(34.5);
  }

  @Test
  void bernoulliExp_isTrueWithProbabilityExpMinusX() {
    ExactNoise noise = new ExactNoise(new SplittableRandom(17));
    long[][] rates = {{0, 1}, {1, 2}, {1, 1}, {5, 2}, {7, 3}};
    for (long[] r : rates) {
      long yes = 0;
      for (int i = 0; i < DRAWS; i++) {
        if (noise.bernoulliExp(r[0], r[1])) {
          yes++;
        }
      }
      double p = Math.exp(-(double) r[0] / r[1]);
      assertThat((double) yes / DRAWS).as("exp(-" + r[0] + "/" + r[1] + ")")
          .isCloseTo(p, within(5 * Math.sqrt(Math.max(p * (1 - p), 1e-9) / DRAWS) + 1e-12));
    }
  }

  @Test
  void theSameSeed_givesTheSameNoise_andAnotherSeedOther() {
    assertThat(draws(21, 3, 1)).isEqualTo(draws(21, 3, 1));
    assertThat(draws(21, 3, 1)).isNotEqualTo(draws(22, 3, 1));
  }

  @Test
  void noiseForASensitivityAndEpsilon_hasScaleSensitivityOverEpsilon() {
    // sensitivity 5 at epsilon 1/2: scale 10, the variance of scale 10
    ExactNoise noise = new ExactNoise(new SplittableRandom(23));
    long[] x = new long[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      x[i] = noise.laplace(5, Rational.parse("0.5"));
    }
    checkMeanAndVariance(x, 10);
  }
}
