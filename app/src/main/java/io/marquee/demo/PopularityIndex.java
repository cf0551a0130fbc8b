package io.marquee.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Per-genre popularity rankings of catalog items, sampled with Zipf-like weights so that a few
 * titles in each genre get most of the plays and the rest form a long tail.
 */
final class PopularityIndex {
  /** Zipf exponent: weight of the item at rank r (from 1) is r^-EXPONENT. */
  static final double EXPONENT = 1.0;

  /**
   * Weight factor for items that carry the genre only as a secondary genre: someone in the mood
   * for romance mostly picks romances, now and then a comedy with a love story.
   */
  static final double SECONDARY = 0.25;

  private final int[][] items;
  private final double[][] cumulative;

  private PopularityIndex(int[][] items, double[][] cumulative) {
    this.items = items;
    this.cumulative = cumulative;
  }

  /**
   * Ranks, within every genre, the included items that carry that genre by descending {@code
   * popularity}; {@code genresOf} lists an item's genres, primary first.
   */
  static PopularityIndex build(
      int count, IntFunction<int[]> genresOf, IntPredicate include, double[] popularity) {
    List<List<Integer>> byGenre = new ArrayList<>();
    for (int g = 0; g < Genres.COUNT; g++) {
      byGenre.add(new ArrayList<>());
    }
    for (int i = 0; i < count; i++) {
      if (include.test(i)) {
        for (int g : genresOf.apply(i)) {
          byGenre.get(g).add(i);
        }
      }
    }
    int[][] items = new int[Genres.COUNT][];
    double[][] cumulative = new double[Genres.COUNT][];
    for (int g = 0; g < Genres.COUNT; g++) {
      List<Integer> members = byGenre.get(g);
      members.sort((a, b) -> Double.compare(popularity[b], popularity[a]));
      items[g] = members.stream().mapToInt(Integer::intValue).toArray();
      cumulative[g] = new double[items[g].length];
      double sum = 0;
      for (int r = 0; r < items[g].length; r++) {
        boolean primary = genresOf.apply(items[g][r])[0] == g;
        sum += Math.pow(r + 1, -EXPONENT) * (primary ? 1 : SECONDARY);
        cumulative[g][r] = sum;
      }
    }
    return new PopularityIndex(items, cumulative);
  }

  boolean has(int genre) {
    return items[genre].length > 0;
  }

  /** An item of the genre drawn by popularity, or -1 if the genre has none. */
  int sample(int genre, SplittableRandom rng) {
    if (items[genre].length == 0) {
      return -1;
    }
    return items[genre][Rng.cumulative(rng, cumulative[genre])];
  }

  /** The genre's items, most popular first. */
  int[] ranking(int genre) {
    return Arrays.copyOf(items[genre], items[genre].length);
  }
}
