package io.marquee.log;

/**
 * Decides, in the log's single writer thread, whether a record's key was seen before. Called in
 * log order, so the first record with a key wins and later ones are acknowledged but not written.
 */
@FunctionalInterface
public interface DuplicateFilter {

  /** Records the key and returns true if it was not seen before. */
  boolean firstSeen(long key);

  /** Forgets a key {@link #firstSeen} just recorded, because its record could not be written. */
  default void forget(long key) {}

  /** A filter that lets everything through. */
  DuplicateFilter NONE = key -> true;
}
