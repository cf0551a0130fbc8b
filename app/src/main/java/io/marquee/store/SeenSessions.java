package io.marquee.store;

/**
 * A Bloom filter of the session ids that have a row in {@code view_sessions}: a session it has never
 * seen is new, and needs no lookup in the store. About 2 MB; around 3% false positives (a needless
 * lookup) at two million sessions.
 */
final class SeenSessions {
  private static final int BITS_LOG2 = 24;
  private static final int MASK = (1 << BITS_LOG2) - 1;
  private final long[] bits = new long[1 << (BITS_LOG2 - 6)];

  void add(String sessionId) {
    long h = hash(sessionId);
    for (int i = 0; i < 3; i++) {
      int bit = (int) (h >>> (i * 21)) & MASK;
      bits[bit >>> 6] |= 1L << bit;
    }
  }

  /** False when the session has certainly never been added. */
  boolean mayContain(String sessionId) {
    long h = hash(sessionId);
    for (int i = 0; i < 3; i++) {
      int bit = (int) (h >>> (i * 21)) & MASK;
      if ((bits[bit >>> 6] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  void clear() {
    java.util.Arrays.fill(bits, 0L);
  }

  private static long hash(String s) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0xBF58476D1CE4E5B9L;
    }
    h ^= h >>> 31;
    h *= 0x94D049BB133111EBL;
    return h ^ (h >>> 29);
  }
}
