package io.marquee.insights;

/**
 * The two-proportion z-test that decides whether an audience cell "resonates": is the share of a
 * title's viewers in the cell different from the share among the other active viewers? Pooled
 * standard error, two-sided p-value from the normal distribution.
 *
 * <p>The normal tail comes from {@link #erfc}, the Chebyshev fit of Numerical Recipes (Press et al.,
 * 2nd ed., section 6.2, {@code erfcc}), whose relative error is below 1.2e-7 for every argument:
 * relative, so a p-value of 1e-12 is as accurate as one of 0.05. No dependency is needed for it.
 */
final class AudienceSignificance {
  private AudienceSignificance() {}

  /** The complementary error function, relative error below 1.2e-7. */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2.0 - r;
  }

  /** The two-sided p-value of a standard normal statistic: P(|Z| >= |z|) = erfc(|z| / sqrt 2). */
  static double twoSidedP(double z) {
    return erfc(Math.abs(z) / Math.sqrt(2.0));
  }

  /**
   * The z statistic of {@code x1} of {@code n1} against {@code x2} of {@code n2}, with the pooled
   * proportion; NaN when a group is empty or the pooled proportion is 0 or 1 (no variance).
   */
  static double z(long x1, long n1, long x2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return Double.NaN;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    return se == 0 ? Double.NaN : (p1 - p2) / se;
  }

  /** The two-sided p-value of {@link #z}; NaN when it is undefined. */
  static double pValue(long x1, long n1, long x2, long n2) {
    double z = z(x1, n1, x2, n2);
    return Double.isNaN(z) ? Double.NaN : twoSidedP(z);
  }
}
