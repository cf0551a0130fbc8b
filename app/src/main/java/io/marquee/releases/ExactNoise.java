package io.marquee.releases;

import java.util.random.RandomGenerator;

/**
 * Exact samplers of integer noise from uniform random integers, after Canonne, Kamath and Steinke,
 * "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020), Algorithms 1 and 2: no
 * floating-point number is computed on the way from the random source to the noise, so the noise
 * has exactly the distribution the privacy proof assumes (Mironov 2012 showed how a textbook
 * floating-point Laplace leaks through the values it cannot produce).
 *
 * <p>The source must give exactly uniform bounded integers: {@link RandomGenerator#nextLong(long)}
 * does (it rejects, never takes a modulo). Production uses {@link java.security.SecureRandom}; tests
 * inject a seeded generator. Not thread-safe when the source is not; {@link #laplace} is
 * synchronized on this sampler.
 *
 * <p>The running time is random but its expectation is small (a few draws per sample for the scales
 * used here); nothing about the noise depends on how long it took except through the source, which a
 * remote caller does not see.
 */
public final class ExactNoise {
  private final RandomGenerator random;

  /** A sampler drawing from {@code random}. */
  public ExactNoise(RandomGenerator random) {
    this.random = random;
  }

  /** Bernoulli(num/den), exactly: a uniform integer of {@code [0, den)} below {@code num}. */
  boolean bernoulli(long num, long den) {
    return random.nextLong(den) < num;
  }

  /**
   * Bernoulli(exp(-num/den)) for {@code num/den >= 0}, exactly, by von Neumann's method (Algorithm
   * 1): for a rate in [0, 1], draw Bernoulli(x/k) for k = 1, 2, ... until one fails; the count is
   * odd with probability exp(-x). A larger rate is its integer part's Bernoulli(exp(-1)) draws,
   * all of which must succeed, and then its fractional part.
   */
  boolean bernoulliExp(long num, long den) {
    long n = num;
    while (n > den) {
      if (!bernoulliExpAtMostOne(1, 1)) {
        return false;
      }
      n -= den;
    }
    return bernoulliExpAtMostOne(n, den);
  }

  private boolean bernoulliExpAtMostOne(long num, long den) {
    long k = 1;
    while (bernoulli(num, Math.multiplyExact(den, k))) {
      k++;
    }
    return k % 2 == 1;
  }

  /**
   * One draw of the discrete Laplace distribution (the two-sided geometric) of scale {@code
   * scaleNum/scaleDen}: {@code P(X = x)} proportional to {@code exp(-|x| scaleDen / scaleNum)}, for
   * every integer x (Algorithm 2, with t = scaleNum and s = scaleDen). Adding it to a count of
   * sensitivity Δ with scale Δ/ε gives ε-differential privacy.
   *
   * @param scaleNum the scale's numerator, at least 1
   * @param scaleDen the scale's denominator, at least 1
   */
  public synchronized long laplace(long scaleNum, long scaleDen) {
    if (scaleNum < 1 || scaleDen < 1) {
      throw new IllegalArgumentException("a positive scale, not " + scaleNum + "/" + scaleDen);
    }
    long t = scaleNum;
    long s = scaleDen;
    while (true) {
      long u = random.nextLong(t);
      if (!bernoulliExp(u, t)) {
        continue;
      }
      long v = 0;
      while (bernoulliExpAtMostOne(1, 1)) {
        v++;
      }
      // X = U + t V is geometric with parameter exp(-1/t); Y = floor(X / s) is geometric with exp(-s/t)
      long x = Math.addExact(u, Math.multiplyExact(t, v));
      long y = x / s;
      boolean negative = random.nextBoolean();
      if (negative && y == 0) {
        continue; // -0 and +0 would count zero twice
      }
      return negative ? -y : y;
    }
  }

  /**
   * The discrete Laplace noise for a figure of sensitivity {@code sensitivity} released with
   * {@code epsilon}: scale sensitivity / epsilon.
   */
  public long laplace(long sensitivity, Rational epsilon) {
    return laplace(Math.multiplyExact(sensitivity, epsilon.den().longValueExact()), epsilon.num().longValueExact());
  }
}
