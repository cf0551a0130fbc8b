package io.marquee.vault;

import com.google.crypto.tink.Aead;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Unwrapped data keys by entry id (the keyed hash of the user id), in memory only and bounded:
 * past its capacity an arbitrary entry makes room (a miss costs one unwrap, a few microseconds).
 *
 * <p>{@link #load} runs its loader under the map's per-key lock, so an {@link #remove} that
 * follows the removal of a wrapped key cannot be undone by a load that read it just before.
 */
final class DataKeyCache {
  private final ConcurrentHashMap<String, Aead> keys = new ConcurrentHashMap<>();
  private final int capacity;

  DataKeyCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be positive");
    }
    this.capacity = capacity;
  }

  Aead get(String entryId) {
    return keys.get(entryId);
  }

  /** The cached key, or the loader's (cached unless null). */
  Aead load(String entryId, Function<String, Aead> loader) {
    Aead k = keys.computeIfAbsent(entryId, loader);
    if (k != null && keys.size() > capacity) {
      evictOneBesides(entryId);
    }
    return k;
  }

  void put(String entryId, Aead key) {
    keys.put(entryId, key);
    if (keys.size() > capacity) {
      evictOneBesides(entryId);
    }
  }

  void remove(String entryId) {
    keys.remove(entryId);
  }

  void clear() {
    keys.clear();
  }

  int size() {
    return keys.size();
  }

  private void evictOneBesides(String keep) {
    Iterator<String> it = keys.keySet().iterator();
    while (it.hasNext() && keys.size() > capacity) {
      if (!it.next().equals(keep)) {
        it.remove();
      }
    }
  }
}
