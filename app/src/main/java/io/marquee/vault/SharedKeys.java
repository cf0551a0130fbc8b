package io.marquee.vault;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Where a vault's wrapped data keys are shared with the other nodes that encrypt for the same users
 * (the control plane of {@code io.marquee.kafka.control}), so that every node uses one key per user
 * and an erasure removes it everywhere. Entries are named by entry id (a keyed hash of the user id,
 * never the id) and hold keys wrapped by the master key, never a key in the clear.
 */
public interface SharedKeys {
  /**
   * Offers new wrapped keys to every node and returns, for each entry, the key in force for
   * everyone: the one offered, or one another node offered first. Returns only once that is known,
   * so a key is never used before it has won.
   */
  Map<String, byte[]> publish(String masterId, Map<String, byte[]> wrapped) throws IOException;

  /** Removes the entries everywhere (an erasure). */
  void remove(Collection<String> entryIds) throws IOException;
}
