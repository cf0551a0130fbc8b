package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class AudienceSignificanceTest {
  @Test
  void erfc_matchesReferenceValues_toARelativeErrorBelow1point2e7() {
    // reference values: Python's math.erfc (glibc, correctly rounded to a few ulps)
    double[][] ref = {{0, 1.0}, {0.5, 0.4795001221869535}, {1, 0.15729920705028513}, {2, 0.004677734981047265},
        {3, 2.2090496998585438e-05}, {5, 1.5374597944280351e-12}, {-1, 1.842700792949715}};
    for (double[] r : ref) {
      assertThat(AudienceSignificance.erfc(r[0])).as("erfc(" + r[0] + ")").isCloseTo(r[1], Percentage.withPercentage(1.2e-5));
    }
  }

  @Test
  void twoProportionTest_ofAKnownCase_givesItsZAndPValue() {
    // 30 of 100 title viewers against 200 of 1000 other viewers:
    // pooled p = 230 / 1100 = 0.2090909; se = sqrt(0.2090909 x 0.7909091 x (1/100 + 1/1000)) = 0.0426508;
    // z = (0.30 - 0.20) / 0.0426508 = 2.344622; two-sided p = erfc(2.344622 / sqrt 2) = 0.0190464
    assertThat(AudienceSignificance.z(30, 100, 200, 1000)).isCloseTo(2.3446217977134056, within(1e-12));
    assertThat(AudienceSignificance.pValue(30, 100, 200, 1000)).isCloseTo(0.019046388550670867, within(1e-8));
  }

  @Test
  void twoProportionTest_isSymmetric_andUndefinedWithoutVariance() {
    assertThat(AudienceSignificance.z(200, 1000, 30, 100)).isCloseTo(-2.3446217977134056, within(1e-12));
    assertThat(AudienceSignificance.pValue(200, 1000, 30, 100)).isCloseTo(0.019046388550670867, within(1e-8));
    assertThat(AudienceSignificance.z(10, 10, 5, 5)).isNaN();
    assertThat(AudienceSignificance.z(1, 10, 0, 0)).isNaN();
  }

  @Test
  void twoSidedP_ofTheNormalQuantile2point5758_isAboutOnePercent() {
    assertThat(AudienceSignificance.twoSidedP(2.5758293035489)).isCloseTo(0.01, within(1e-8));
    assertThat(AudienceSignificance.twoSidedP(0)).isCloseTo(1.0, within(1e-7));
  }
}
