package io.marquee.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The items one request scores, in ascending item order: the whole catalog ({@link #all}), or the
 * union of what the models proposed and a fixed random sample of the catalog ({@link Builder}).
 * Position k of a score array written for these candidates holds the score of {@link #item}(k).
 *
 * <p>Models standardise their scores before blending them ({@link Standardisation#add}); the
 * mean and spread they need are those of the whole catalog, which the proposed items, chosen for
 * scoring high, would overstate. They are therefore estimated on the sample positions only, an
 * unbiased draw of the catalog; for the whole catalog they are exact.
 */
public final class Candidates {
  private final int catalogSize;
  private final int[] items; // null: every item, position = item
  private final int size;
  private final int[] sample; // positions of the sample items; null: every position

  private Candidates(int catalogSize, int[] items, int size, int[] sample) {
    this.catalogSize = catalogSize;
    this.items = items;
    this.size = size;
    this.sample = sample;
  }

  /** Every item of a catalog of {@code itemCount} items; statistics are exact. */
  public static Candidates all(int itemCount) {
    return new Candidates(itemCount, null, itemCount, null);
  }

  /** The given items, ascending and distinct, all of them counted in statistics; for tests. */
  static Candidates of(int itemCount, int... items) {
    return new Candidates(itemCount, items.clone(), items.length, null);
  }

  /** Whether these are all the catalog's items. */
  public boolean isAll() {
    return items == null;
  }

  /** How many items are scored. */
  public int size() {
    return size;
  }

  /** The item at position {@code k}. */
  public int item(int k) {
    return items == null ? k : items[k];
  }

  /** The size of the whole catalog. */
  public int catalogSize() {
    return catalogSize;
  }

  /** How many positions the statistics are estimated on. */
  int sampleSize() {
    return sample == null ? size : sample.length;
  }

  /** The position of the k-th sample item. */
  int samplePosition(int k) {
    return sample == null ? k : sample[k];
  }

  /** The position of {@code item}, or a negative number when it is not a candidate. */
  int positionOf(int item) {
    if (items == null) {
      return item >= 0 && item < size ? item : -1;
    }
    return Arrays.binarySearch(items, 0, size, item);
  }

  /**
   * Collects proposed items, each once, into a bitmap over the catalog: adding is O(1) whatever the
   * order, and building lists them in ascending order.
   */
  public static final class Builder {
    private final int catalogSize;
    private final long[] bits;
    private int count;

    public Builder(int catalogSize) {
      this.catalogSize = catalogSize;
      this.bits = new long[(catalogSize + 63) >>> 6];
    }

    /** Adds an item; adding it again changes nothing. */
    public void add(int item) {
      long mask = 1L << item;
      int w = item >>> 6;
      if ((bits[w] & mask) == 0) {
        bits[w] |= mask;
        count++;
      }
    }

    /** How many distinct items were added. */
    public int size() {
      return count;
    }

    public boolean contains(int item) {
      return (bits[item >>> 6] & (1L << item)) != 0;
    }

    /**
     * The candidates: the added items and the sample's, with the sample's positions marked.
     *
     * @param sampleBits the sample as a bitmap over the catalog ({@link #sampleBits})
     * @param sampleCount how many items the sample has
     */
    public Candidates build(long[] sampleBits, int sampleCount) {
      int total = count;
      for (int w = 0; w < bits.length; w++) {
        total += Long.bitCount(sampleBits[w] & ~bits[w]);
      }
      int[] items = new int[total];
      int[] sample = new int[sampleCount];
      int k = 0;
      int s = 0;
      for (int w = 0; w < bits.length; w++) {
        long word = bits[w] | sampleBits[w];
        long inSample = sampleBits[w];
        while (word != 0) {
          long low = word & -word;
          if ((inSample & low) != 0) {
            sample[s++] = k;
          }
          items[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
          word ^= low;
        }
      }
      return new Candidates(catalogSize, items, total, s == sampleCount ? sample : Arrays.copyOf(sample, s));
    }
  }

  /** Items per run of the sample: a run shares cache lines in every per-item array. */
  static final int SAMPLE_RUN = 16;

  /**
   * A bitmap of {@code sampleSize} distinct items drawn from {@code catalogSize} with {@code
   * seed}, in runs of {@link #SAMPLE_RUN} consecutive items at random places (the last run
   * shorter): every item has about the same chance to be drawn, and scoring the sample reads
   * memory in short sequences instead of one cache miss per item.
   */
  static long[] sampleBits(int catalogSize, int sampleSize, long seed) {
    long[] bits = new long[(catalogSize + 63) >>> 6];
    SplittableRandom rng = new SplittableRandom(seed);
    int n = Math.min(sampleSize, catalogSize);
    for (int drawn = 0; drawn < n; ) {
      int from = rng.nextInt(catalogSize);
      for (int item = from; item < Math.min(catalogSize, from + SAMPLE_RUN) && drawn < n; item++) {
        long mask = 1L << item;
        if ((bits[item >>> 6] & mask) == 0) {
          bits[item >>> 6] |= mask;
          drawn++;
        }
      }
    }
    return bits;
  }
}
