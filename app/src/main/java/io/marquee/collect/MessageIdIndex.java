package io.marquee.collect;

import io.marquee.log.DuplicateFilter;

/**
 * The set of recently accepted (write key, messageId) pairs, as 64-bit fingerprints, bounded in
 * memory: two generations of open-addressing tables; when the young one fills or ages past half the
 * window, the old one is dropped. A messageId is therefore remembered for at least half the window
 * (12 h by default) and at most the whole of it, the way Segment deduplicates within a window.
 *
 * <p>Used only from the log's writer thread, and before that from recovery, so it is not
 * synchronized. A fingerprint collision (about 1 in 2^64 / entries) would drop a new event as a
 * duplicate; at 50 million remembered ids that is one in 3.7e11 events.
 */
public final class MessageIdIndex implements DuplicateFilter {
  private final int generationCapacity;
  private final long generationMillis;
  private final java.util.function.LongSupplier clock;
  private LongSet young;
  private LongSet old;
  private long youngSince;
  private long rotations;

  public MessageIdIndex(int maxEntries, long windowMillis, java.util.function.LongSupplier clock) {
    this.generationCapacity = Math.max(16, maxEntries / 2);
    this.generationMillis = windowMillis / 2;
    this.clock = clock;
    this.young = new LongSet(Math.min(generationCapacity, 1 << 16));
    this.old = new LongSet(16);
    this.youngSince = clock.getAsLong();
  }

  @Override
  public boolean firstSeen(long key) {
    if (old.contains(key)) {
      return false;
    }
    if (young.size() >= generationCapacity || clock.getAsLong() - youngSince > generationMillis) {
      old = young;
      young = new LongSet(Math.min(generationCapacity, 1 << 16));
      youngSince = clock.getAsLong();
      rotations++;
      if (old.contains(key)) {
        return false;
      }
    }
    return young.add(key);
  }

  public long size() {
    return (long) young.size() + old.size();
  }

  public long rotations() {
    return rotations;
  }

  /** The fingerprint of a messageId under a source (write key id); never 0. */
  public static long key(String sourceId, String messageId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < sourceId.length(); i++) {
      h = (h ^ sourceId.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0x1f) * 0x100000001b3L;
    for (int i = 0; i < messageId.length(); i++) {
      h = (h ^ messageId.charAt(i)) * 0x100000001b3L;
    }
    h ^= messageId.length();
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  /** Open-addressing set of non-zero longs with linear probing, grown at 2/3 load. */
  static final class LongSet {
    private long[] slots;
    private int size;

    LongSet(int expected) {
      int cap = Integer.highestOneBit(Math.max(16, expected * 3 / 2 + 1) - 1) << 1;
      slots = new long[cap];
    }

    int size() {
      return size;
    }

    boolean contains(long key) {
      int mask = slots.length - 1;
      for (int i = (int) key & mask; ; i = (i + 1) & mask) {
        long s = slots[i];
        if (s == key) {
          return true;
        }
        if (s == 0) {
          return false;
        }
      }
    }

    boolean add(long key) {
      if ((size + 1) * 3L > slots.length * 2L) {
        grow();
      }
      int mask = slots.length - 1;
      for (int i = (int) key & mask; ; i = (i + 1) & mask) {
        long s = slots[i];
        if (s == key) {
          return false;
        }
        if (s == 0) {
          slots[i] = key;
          size++;
          return true;
        }
      }
    }

    private void grow() {
      long[] previous = slots;
      slots = new long[previous.length * 2];
      size = 0;
      for (long k : previous) {
        if (k != 0) {
          add(k);
        }
      }
    }
  }
}
