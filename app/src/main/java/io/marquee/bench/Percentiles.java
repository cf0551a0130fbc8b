package io.marquee.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of longs (latencies in nanoseconds, here). */
final class Percentiles {

  private final long[] sorted;

  /** Copies and sorts the sample; it may be empty. */
  Percentiles(long[] sample) {
    sorted = sample.clone();
    Arrays.sort(sorted);
  }

  /** Size of the sample. */
  int count() {
    return sorted.length;
  }

  /**
   * The smallest value with at least {@code numerator / denominator} of the sample at or below it
   * (nearest rank: the value at rank ceil(n * p)), in exact integer arithmetic; 0 for an empty sample.
   * The median is {@code at(1, 2)}, p99 {@code at(99, 100)}, p99.9 {@code at(999, 1000)}.
   */
  long at(long numerator, long denominator) {
    if (numerator < 0 || denominator <= 0 || numerator > denominator) {
      throw new IllegalArgumentException("percentile must be within 0 and 1");
    }
    int n = sorted.length;
    if (n == 0) {
      return 0;
    }
    long rank = (n * numerator + denominator - 1) / denominator;
    return sorted[(int) Math.max(0, Math.min(n - 1, rank - 1))];
  }

  /** The largest value, 0 for an empty sample. */
  long max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }
}
