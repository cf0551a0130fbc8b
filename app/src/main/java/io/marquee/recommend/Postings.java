package io.marquee.recommend;

import java.util.Arrays;

/**
 * Item lists for candidate retrieval ({@link Retrieval}): the catalog in descending order of a
 * score, and per genre or series the items in that order, so "the most popular items of sci-fi" is
 * the head of one array.
 */
final class Postings {
  private Postings() {}

  /** Item indices by descending {@code values}, ties by ascending index. */
  static int[] descending(float[] values) {
    long[] keys = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      keys[i] = descendingKey(values[i], i);
    }
    Arrays.sort(keys);
    int[] order = new int[values.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = (int) keys[k];
    }
    return order;
  }

  /**
   * A long whose ascending order is the descending order of {@code value}, ties by ascending {@code
   * index} (non-negative); {@code (int) key} gives the index back.
   */
  static long descendingKey(float value, int index) {
    int bits = Float.floatToIntBits(value);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff); // signed-int order = float order
    return ((long) ~sortable << 32) | index;
  }

  /** For each genre, the items that have it, in {@code order}. */
  static int[][] byGenre(ItemFeatures features, int[] order) {
    int[][] lists = new int[features.genreCount()][];
    int[] sizes = new int[lists.length];
    for (int[] genres : features.genres) {
      for (int g : genres) {
        sizes[g]++;
      }
    }
    return fill(lists, sizes, order, i -> features.genres[i]);
  }

  /** For each series or album, its items, in {@code order}. */
  static int[][] bySeries(ItemFeatures features, int[] order) {
    int[][] lists = new int[features.seriesCount()][];
    int[] sizes = new int[lists.length];
    for (int s : features.series) {
      if (s >= 0) {
        sizes[s]++;
      }
    }
    int[] none = new int[0];
    int[] one = new int[1];
    return fill(lists, sizes, order, i -> {
      if (features.series[i] < 0) {
        return none;
      }
      one[0] = features.series[i];
      return one;
    });
  }

  /** The items of one group, audio or video, in {@code order}. */
  static int[] byMedia(ItemFeatures features, int[] order, boolean audio) {
    return Arrays.stream(order).filter(i -> features.audio[i] == audio).toArray();
  }

  private interface Groups {
    int[] of(int item);
  }

  private static int[][] fill(int[][] lists, int[] sizes, int[] order, Groups groups) {
    for (int g = 0; g < lists.length; g++) {
      lists[g] = new int[sizes[g]];
    }
    int[] next = new int[lists.length];
    for (int i : order) {
      for (int g : groups.of(i)) {
        lists[g][next[g]++] = i;
      }
    }
    return lists;
  }
}
