package io.marquee.collect;

import io.marquee.core.RejectionCode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the collector received, accepted, rejected (by {@link RejectionCode}) and
 * deduplicated, read by the metrics endpoint. Counting costs one striped add: rejections are counted
 * in an array indexed by code, so the hot path neither looks up nor allocates.
 */
public final class CollectStats {
  private static final RejectionCode[] CODES = RejectionCode.values();
  final LongAdder received = new LongAdder();
  final LongAdder accepted = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder overloaded = new LongAdder();
  private final LongAdder[] rejected = new LongAdder[CODES.length];
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

  CollectStats() {
    for (int i = 0; i < rejected.length; i++) {
      rejected[i] = new LongAdder();
    }
    for (String reason : io.marquee.privacy.PrivacyGuard.DROP_REASONS) {
      dropped.put(reason, new LongAdder());
    }
  }

  void drop(String reason) {
    dropped.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  /** Messages acknowledged but not stored (erased user, no analytics consent), by reason. */
  public Map<String, Long> droppedByReason() {
    Map<String, Long> out = new TreeMap<>();
    dropped.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Counts one message, or one request refused as a whole, rejected for {@code code}. */
  public void reject(RejectionCode code) {
    rejected[code.ordinal()].increment();
  }

  public long received() {
    return received.sum();
  }

  public long accepted() {
    return accepted.sum();
  }

  public long duplicates() {
    return duplicates.sum();
  }

  public long overloaded() {
    return overloaded.sum();
  }

  /** Rejections so far of messages and whole requests for {@code code}. */
  public long rejected(RejectionCode code) {
    return rejected[code.ordinal()].sum();
  }

  /** Rejections by code, every code included (0 when it never happened), in code order. */
  public Map<RejectionCode, Long> rejectedByCode() {
    Map<RejectionCode, Long> out = new java.util.EnumMap<>(RejectionCode.class);
    for (RejectionCode c : CODES) {
      out.put(c, rejected[c.ordinal()].sum());
    }
    return out;
  }
}
