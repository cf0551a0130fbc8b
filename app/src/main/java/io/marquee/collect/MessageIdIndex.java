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

  @Override
  public void forget(long key) {
    young.remove(key);
    old.remove(key);
  }

  public long size() {
    return (long) young.size() + old.size();
  }

  public long rotations() {
    return rotations;
  }

  /**
   * Writes the remembered fingerprints, tagged with the log position they describe, so that a clean
   * restart can skip rebuilding them from the store. Written to a temp file and renamed.
   */
  public void writeSnapshot(java.nio.file.Path file, long logPosition) throws java.io.IOException {
    java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
        java.nio.file.Files.newOutputStream(tmp), 1 << 16))) {
      out.writeInt(SNAPSHOT_MAGIC);
      out.writeLong(logPosition);
      out.writeLong(youngSince);
      young.writeTo(out);
      old.writeTo(out);
    }
    java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Loads a snapshot if it describes exactly {@code logPosition}; returns false (loading nothing)
   * when it is absent, unreadable or stale, and the caller rebuilds from the store instead.
   */
  public boolean readSnapshot(java.nio.file.Path file, long logPosition) throws java.io.IOException {
    if (!java.nio.file.Files.exists(file)) {
      return false;
    }
    try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
        java.nio.file.Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != SNAPSHOT_MAGIC || in.readLong() != logPosition) {
        return false;
      }
      long since = in.readLong();
      LongSet y = LongSet.readFrom(in);
      LongSet o = LongSet.readFrom(in);
      young = y;
      old = o;
      youngSince = since;
      return true;
    } catch (java.io.EOFException e) {
      return false;
    }
  }

  private static final int SNAPSHOT_MAGIC = 0x4d514431;

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

    /** Removes a key, shifting back the probe run after it so that lookups still find the rest. */
    void remove(long key) {
      int mask = slots.length - 1;
      int i = (int) key & mask;
      while (slots[i] != key) {
        if (slots[i] == 0) {
          return;
        }
        i = (i + 1) & mask;
      }
      slots[i] = 0;
      size--;
      for (int j = (i + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
        long k = slots[j];
        int home = (int) k & mask;
        // k may move into the gap at i unless its home lies cyclically in (i, j]
        boolean stays = i <= j ? home > i && home <= j : home > i || home <= j;
        if (!stays) {
          slots[i] = k;
          slots[j] = 0;
          i = j;
        }
      }
    }

    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
      out.writeInt(size);
      for (long k : slots) {
        if (k != 0) {
          out.writeLong(k);
        }
      }
    }

    static LongSet readFrom(java.io.DataInputStream in) throws java.io.IOException {
      int n = in.readInt();
      LongSet set = new LongSet(n);
      for (int i = 0; i < n; i++) {
        set.add(in.readLong());
      }
      return set;
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
