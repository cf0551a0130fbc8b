package io.marquee.log;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters the log keeps about its group commits, exported by the metrics endpoint. */
public final class LogStats {
  /** Upper bounds, in seconds, of the fsync latency histogram buckets. */
  public static final double[] SYNC_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};

  final LongAdder syncs = new LongAdder();
  final LongAdder syncNanos = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder records = new LongAdder();
  final LongAdder refusals = new LongAdder();
  final LongAdder writeErrors = new LongAdder();
  private final AtomicLongArray buckets = new AtomicLongArray(SYNC_BUCKETS.length);

  void recordSync(long nanos, long syncedBytes, long syncedRecords) {
    syncs.increment();
    syncNanos.add(nanos);
    bytes.add(syncedBytes);
    records.add(syncedRecords);
    double seconds = nanos / 1e9;
    for (int i = 0; i < SYNC_BUCKETS.length; i++) {
      if (seconds <= SYNC_BUCKETS[i]) {
        buckets.incrementAndGet(i);
        break;
      }
    }
  }

  public long syncs() {
    return syncs.sum();
  }

  public double syncSeconds() {
    return syncNanos.sum() / 1e9;
  }

  public long bytes() {
    return bytes.sum();
  }

  public long records() {
    return records.sum();
  }

  public long refusals() {
    return refusals.sum();
  }

  /** Group commits whose write or fsync failed (their appends were refused, nothing acknowledged). */
  public long writeErrors() {
    return writeErrors.sum();
  }

  /** Non-cumulative count of syncs that fell in bucket i (those slower than the last bucket are not counted). */
  public long bucket(int i) {
    return buckets.get(i);
  }
}
