package io.marquee.vault;

import com.google.crypto.tink.Aead;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Unwrapped data keys by user id, in memory only and bounded: past its capacity an arbitrary entry
 * makes room (a miss costs one unwrap, a few microseconds).
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

  Aead get(String userId) {
    return keys.get(userId);
  }

  /** The cached key, or the loader's (cached unless null). */
  Aead load(String userId, Function<String, Aead> loader) {
    Aead k = keys.computeIfAbsent(userId, loader);
    if (k != null && keys.size() > capacity) {
      evictOneBesides(userId);
    }
    return k;
  }

  void put(String userId, Aead key) {
    keys.put(userId, key);
    if (keys.size() > capacity) {
      evictOneBesides(userId);
    }
  }

  void remove(String userId) {
    keys.remove(userId);
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
