package io.marquee.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The train/test split of the Microsoft Recommenders MovieLens benchmark: stratified by item, each
 * item's ratings are put in random order (a seeded random key per rating, drawn in file order) and
 * the first round(0.75 x count) go to training, the rest to test.
 *
 * <p>Their splitter keeps the ratings whose rank / count is at most 0.75, i.e. floor(0.75 x count);
 * the issue that specifies our command says round, which puts one more rating of an item in
 * training when 0.75 x count has a fraction of one half or more. {@link Rounding#FLOOR} is there to
 * measure the difference (docs/recommendations.md).
 */
final class ProtocolSplit {
  static final double TRAIN_RATIO = 0.75;

  /** How the train count of an item is rounded. */
  enum Rounding { ROUND, FLOOR }

  private ProtocolSplit() {}

  /** Per rating, whether it goes to training; ratings are given by their item index. */
  static boolean[] train(int[] item, int itemCount, long seed) {
    return train(item, itemCount, seed, Rounding.ROUND);
  }

  static boolean[] train(int[] item, int itemCount, long seed, Rounding rounding) {
    int n = item.length;
    SplittableRandom rng = new SplittableRandom(seed);
    int[] start = new int[itemCount + 1];
    for (int i : item) {
      start[i + 1]++;
    }
    for (int i = 0; i < itemCount; i++) {
      start[i + 1] += start[i];
    }
    // Random 31-bit key above the rating's position: sorting a group sorts it by key, ties by file order.
    long[] keys = new long[n];
    int[] next = Arrays.copyOf(start, itemCount);
    for (int r = 0; r < n; r++) {
      long key = rng.nextInt() >>> 1;
      keys[next[item[r]]++] = key << 32 | r;
    }
    boolean[] train = new boolean[n];
    for (int i = 0; i < itemCount; i++) {
      Arrays.sort(keys, start[i], start[i + 1]);
      int count = start[i + 1] - start[i];
      double share = TRAIN_RATIO * count;
      long inTrain = rounding == Rounding.ROUND ? Math.round(share) : (long) Math.floor(share);
      for (int k = 0; k < inTrain; k++) {
        train[(int) keys[start[i] + k]] = true;
      }
    }
    return train;
  }
}
