package io.marquee.kafka.control;

import io.marquee.access.ApiKeyEntry;
import io.marquee.kafka.control.ControlRecords.Key;
import io.marquee.kafka.control.ControlRecords.Wrapped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the control topic says, record by record in topic order: the state machine every node runs
 * over the topic, without Kafka (the {@link ControlLog} feeds it).
 *
 * <p>Each record is applied by kind ({@link ControlRecords}) and passed on to a {@link Target}.
 * API keys, consent, the salt and the vault index: the last record of a key wins, as compaction
 * keeps it. Write keys and suppressions only accumulate (their tombstones are ignored: an erased
 * user stays suppressed). Data keys: the <b>first</b> record of an entry since its last tombstone
 * wins, for every reader alike; a later, different record for it is a writer that lost a race, and
 * is never used. Because compaction keeps the <em>last</em> record of a key, an entry whose last
 * record is not its winner is listed by {@link #takeRepairs} so that the winner is written again
 * (the topic's {@code min.compaction.lag.ms} keeps both records until then).
 *
 * <p>Applied from one thread (the consumer's); {@link #winnerOf}, {@link #salt}, {@link #vaultIndex}
 * and the snapshots may be read from any.
 */
final class ControlState {
  private static final Logger LOG = LoggerFactory.getLogger(ControlState.class);

  /** Where the state's changes go (the node's keys, consent, suppressions, vault). */
  interface Target {
    default void apiKey(ApiKeyEntry entry) {}

    default void writeKey(String sha256Hex) {}

    default void suppressed(String digest) {}

    /** A category's choice for a user; {@code allowed} null: forgotten by an erasure. */
    default void consent(String userId, String category, Boolean allowed) {}

    /** The winning data key of an entry. */
    default void dataKey(String entryId, Wrapped wrapped) {}

    /** An entry's data key was erased. */
    default void dataKeyGone(String entryId) {}
  }

  private record Winner(Wrapped key, byte[] value) {}

  private volatile Target target;
  private final Map<String, Winner> dataKeys = new ConcurrentHashMap<>();
  private final Set<String> lastNotWinner = ConcurrentHashMap.newKeySet();
  private final Set<String> suppressed = ConcurrentHashMap.newKeySet();
  private volatile byte[] salt;
  private volatile Wrapped vaultIndex;
  private long ignored;

  ControlState(Target target) {
    this.target = target;
  }

  /** Sends later changes to {@code next} (on the applying thread, so nothing falls between). */
  void retarget(Target next) {
    this.target = next;
  }

  /** Applies one record; a malformed one is logged and skipped, never fatal. */
  void apply(byte[] key, byte[] value) {
    Key k = ControlRecords.decodeKey(key);
    if (k == null) {
      ignored++;
      LOG.warn("control record with an unknown or malformed key skipped ({} so far)", ignored);
      return;
    }
    try {
      applyKind(k, value);
    } catch (RuntimeException e) {
      ignored++;
      LOG.warn("control record of kind {} skipped: {}", k.kind().wire, e.getMessage());
    }
  }

  private void applyKind(Key k, byte[] value) {
    Target t = target;
    switch (k.kind()) {
      case API_KEY -> {
        if (value != null) {
          t.apiKey(ControlRecords.readApiKey(k.part(0), value));
        }
      }
      case WRITE_KEY -> {
        if (value != null) {
          t.writeKey(k.part(0));
        }
      }
      case SUPPRESSION_SALT -> {
        if (value != null) {
          salt = ControlRecords.readSalt(value);
        }
      }
      case SUPPRESSED -> {
        if (value != null && suppressed.add(k.part(0))) {
          t.suppressed(k.part(0));
        }
      }
      case CONSENT -> t.consent(k.part(0), k.part(1), value == null ? null : ControlRecords.readConsent(value));
      case VAULT_INDEX -> {
        if (value != null) {
          vaultIndex = ControlRecords.readVaultIndex(value);
        }
      }
      case DATA_KEY -> applyDataKey(t, k.part(0), value);
      default -> throw new IllegalStateException("unhandled kind " + k.kind());
    }
  }

  private void applyDataKey(Target t, String entry, byte[] value) {
    if (value == null) {
      lastNotWinner.remove(entry);
      if (dataKeys.remove(entry) != null) {
        t.dataKeyGone(entry);
      }
      return;
    }
    Winner w = dataKeys.get(entry);
    if (w == null) {
      Wrapped key = ControlRecords.readDataKey(value);
      dataKeys.put(entry, new Winner(key, value.clone()));
      lastNotWinner.remove(entry);
      t.dataKey(entry, key);
    } else if (Arrays.equals(w.value(), value)) {
      lastNotWinner.remove(entry);
    } else {
      lastNotWinner.add(entry);
    }
  }

  /** The winning data key of an entry, or null when it has none. */
  Wrapped winnerOf(String entryId) {
    Winner w = dataKeys.get(entryId);
    return w == null ? null : w.key();
  }

  /**
   * The records to write again so that compaction keeps each entry's winner: key to value, for
   * every entry whose last record lost. Each is returned once.
   */
  Map<byte[], byte[]> takeRepairs() {
    Map<byte[], byte[]> out = new LinkedHashMap<>();
    for (String entry : Set.copyOf(lastNotWinner)) {
      lastNotWinner.remove(entry);
      Winner w = dataKeys.get(entry);
      if (w != null) {
        out.put(ControlRecords.key(ControlRecords.Kind.DATA_KEY, entry), w.value());
      }
    }
    return out;
  }

  /** Every entry's winning data key. */
  Map<String, Wrapped> dataKeys() {
    Map<String, Wrapped> out = new LinkedHashMap<>();
    dataKeys.forEach((e, w) -> out.put(e, w.key()));
    return out;
  }

  /** The salted digests of every suppressed id. */
  Set<String> suppressed() {
    return Set.copyOf(suppressed);
  }

  /** The owner's suppression salt, or null before it was published. */
  byte[] salt() {
    byte[] s = salt;
    return s == null ? null : s.clone();
  }

  /** The vault's wrapped entry-id key, or null before the owner published it. */
  Wrapped vaultIndex() {
    return vaultIndex;
  }

  /** Records skipped as malformed or unknown. */
  long ignored() {
    return ignored;
  }
}
