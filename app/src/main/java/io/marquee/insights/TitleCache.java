package io.marquee.insights;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures of a whole range that do not depend on the title asked about, kept at most {@link
 * #MAX_AGE} so that a burst of title requests (a dashboard session, a benchmark) computes them once.
 * Keyed by the range's instants; at most {@value #MAX_RANGES} ranges are kept, the oldest dropped first.
 *
 * @param <V> what is kept per range
 */
final class TitleCache<V> {
  /** How long one range's figures are reused. */
  static final Duration MAX_AGE = Duration.ofSeconds(60);
  private static final int MAX_RANGES = 16;

  /** How the figures of a range are computed. */
  interface Compute<V> {
    V of(Connection c, ReportRange range) throws SQLException;
  }

  /**
   * Figures and when they were computed.
   *
   * @param <V> what is kept
   */
  record Entry<V>(V value, Instant computedAt) {}

  private record Key(Instant start, Instant end) {}

  private final Clock clock;
  private final Compute<V> compute;
  private final Map<Key, Entry<V>> entries = new LinkedHashMap<>();

  TitleCache(Clock clock, Compute<V> compute) {
    this.clock = clock;
    this.compute = compute;
  }

  /** The figures of {@code range}, computed on {@code c} when none younger than {@link #MAX_AGE} is kept. */
  synchronized Entry<V> get(Connection c, ReportRange range) throws SQLException {
    Key key = new Key(range.start(), range.end());
    Instant now = clock.instant();
    Entry<V> e = entries.get(key);
    if (e != null && fresh(e, now)) {
      return e;
    }
    for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext();) {
      if (!fresh(it.next(), now)) {
        it.remove();
      }
    }
    if (entries.size() >= MAX_RANGES) {
      entries.remove(entries.keySet().iterator().next());
    }
    e = new Entry<>(compute.of(c, range), now);
    entries.put(key, e);
    return e;
  }

  private static boolean fresh(Entry<?> e, Instant now) {
    return Duration.between(e.computedAt(), now).compareTo(MAX_AGE) <= 0;
  }
}
