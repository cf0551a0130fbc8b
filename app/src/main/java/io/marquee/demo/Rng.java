package io.marquee.demo;

import java.util.SplittableRandom;

/** Seeding and sampling helpers over {@link SplittableRandom}; never shared between users. */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Rng() {}

  /** A generator for one purpose of one seed: the catalog, or one user. */
  static SplittableRandom of(long seed, long stream) {
    return new SplittableRandom(mix(mix(seed) + GOLDEN * (stream + 1)));
  }

  /** The SplitMix64 finaliser: spreads nearby inputs over the whole range. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static boolean chance(SplittableRandom rng, double p) {
    return rng.nextDouble() < p;
  }

  /** An integer in {@code [from, to]}, both inclusive. */
  static int between(SplittableRandom rng, int from, int to) {
    return rng.nextInt(from, to + 1);
  }

  /** The index drawn with probability proportional to {@code weights[i]}. */
  static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double r = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** The index {@code i} with {@code cumulative[i-1] <= r < cumulative[i]} for a uniform r. */
  static int cumulative(SplittableRandom rng, double[] cumulative) {
    double r = rng.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= r) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A geometric count {@code >= 0} with the given mean. */
  static int geometric(SplittableRandom rng, double mean) {
    double p = 1.0 / (1.0 + mean);
    return (int) Math.floor(Math.log(1.0 - rng.nextDouble()) / Math.log(1.0 - p));
  }

  static <T> T pick(SplittableRandom rng, T[] items) {
    return items[rng.nextInt(items.length)];
  }
}
