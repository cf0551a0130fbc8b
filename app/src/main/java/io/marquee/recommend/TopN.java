package io.marquee.recommend;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Selection of the n best-scored items with a bounded min-heap: O(items x log n), never a sort of
 * the whole catalog. Ties go to the lower item index, so results are deterministic.
 */
public final class TopN {
  private TopN() {}

  /** The indices of the {@code n} highest scores, best first. */
  public static int[] select(float[] scores, int n) {
    return select(scores, n, i -> true);
  }

  /** The indices of the {@code n} highest scores among items {@code keep} accepts, best first. */
  public static int[] select(float[] scores, int n, IntPredicate keep) {
    return select(scores, scores.length, n, keep);
  }

  /** The same over the first {@code length} scores. */
  public static int[] select(float[] scores, int length, int n, IntPredicate keep) {
    int cap = Math.max(0, Math.min(n, length));
    int[] heap = new int[cap]; // heap[0] is the worst kept item
    int size = 0;
    for (int i = 0; i < length; i++) {
      if (size == cap) {
        if (cap == 0 || !better(scores, i, heap[0]) || !keep.test(i)) {
          continue;
        }
        heap[0] = i;
        siftDown(scores, heap, 0, size);
      } else if (keep.test(i)) {
        heap[size] = i;
        siftUp(scores, heap, size++);
      }
    }
    // Pop the worst to the end, repeatedly: the array ends up best first.
    for (int end = size - 1; end > 0; end--) {
      int worst = heap[0];
      heap[0] = heap[end];
      heap[end] = worst;
      siftDown(scores, heap, 0, end);
    }
    return size == cap ? heap : Arrays.copyOf(heap, size);
  }

  /** Whether item a ranks before item b: a higher score, or an equal one and a lower index. */
  static boolean better(float[] scores, int a, int b) {
    return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
  }

  private static void siftUp(float[] scores, int[] heap, int at) {
    int item = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!better(scores, heap[parent], item)) {
        break;
      }
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = item;
  }

  private static void siftDown(float[] scores, int[] heap, int at, int size) {
    int item = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && better(scores, heap[child], heap[child + 1])) {
        child++;
      }
      if (!better(scores, item, heap[child])) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = item;
  }
}
