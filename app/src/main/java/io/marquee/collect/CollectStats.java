package io.marquee.collect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the collector received, accepted, rejected (by reason) and deduplicated. */
public final class CollectStats {
  final LongAdder received = new LongAdder();
  final LongAdder accepted = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder overloaded = new LongAdder();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

  void drop(String reason) {
    dropped.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  /** Messages acknowledged but not stored (erased user, no analytics consent), by reason. */
  public Map<String, Long> droppedByReason() {
    Map<String, Long> out = new java.util.TreeMap<>();
    dropped.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void reject(String reason) {
    int cut = reason.indexOf(' ');
    String label = reason.startsWith("card numbers") ? "card_number"
        : reason.startsWith("personal data") ? "personal_data_without_vault"
        : cut > 0 ? reason.substring(0, cut) : reason;
    rejected.computeIfAbsent(label.replaceAll("[^A-Za-z0-9_.]", ""), k -> new LongAdder()).increment();
  }

  /** Counts a request refused as a whole (bad JSON, oversize, no key) under {@code reason}. */
  public void rejectRequest(String reason) {
    rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
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

  /** Rejections by reason label (the field or check that failed). */
  public Map<String, Long> rejectedByReason() {
    Map<String, Long> out = new java.util.TreeMap<>();
    rejected.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
