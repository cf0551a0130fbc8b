package io.marquee.insights;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures of a whole range that do not depend on the title asked about, kept at most {@link
 * #MAX_AGE} so that a burst of title requests (a dashboard session, a benchmark) computes them once.
 * Keyed by the range's instants; at most {@value #MAX_RANGES} ranges are kept, the oldest dropped first.
 *
 * <p>An entry older than {@link #REFRESH_AFTER} is still answered, and recomputed in the background
 * (one refresh at a time, on a thread that ends when idle), so a range in use is not recomputed
 * inside a request; an entry older than {@link #MAX_AGE} is never answered: it is recomputed first.
 *
 * @param <V> what is kept per range
 */
final class TitleCache<V> {
  /** The oldest figures a report may answer with. */
  static final Duration MAX_AGE = Duration.ofSeconds(60);
  /** The age from which an entry in use is recomputed in the background. */
  static final Duration REFRESH_AFTER = Duration.ofSeconds(40);
  private static final int MAX_RANGES = 8;
  private static final Logger LOG = LoggerFactory.getLogger(TitleCache.class);

  /** Where a computation reads: a new connection, closed by the cache. */
  interface Source {
    Connection open() throws SQLException;
  }

  /** How the figures of a range are computed. */
  interface Compute<V> {
    V of(Connection c, ReportRange range) throws SQLException;
  }

  /**
   * Figures and when their computation started (they hold every view the store had then).
   *
   * @param <V> what is kept
   */
  record Entry<V>(V value, Instant computedAt) {}

  private record Key(Instant start, Instant end) {}

  private final Clock clock;
  private final Source source;
  private final Compute<V> compute;
  private final Map<Key, Entry<V>> entries = new LinkedHashMap<>();
  private final Set<Key> refreshing = new HashSet<>();
  /** When the cache was last emptied by an erasure: figures computed before it are never kept. */
  private Instant clearedAt = Instant.MIN;
  private final ThreadPoolExecutor background = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(MAX_RANGES), r -> {
        Thread t = new Thread(r, "insights-refresh");
        t.setDaemon(true);
        return t;
      });

  TitleCache(Clock clock, Source source, Compute<V> compute) {
    this.clock = clock;
    this.source = source;
    this.compute = compute;
  }

  /** The figures of {@code range}: kept ones younger than {@link #MAX_AGE}, else computed now. */
  Entry<V> get(ReportRange range) throws SQLException {
    Key key = new Key(range.start(), range.end());
    synchronized (this) {
      Instant now = clock.instant();
      Entry<V> e = entries.get(key);
      if (e != null && !older(e, now, MAX_AGE)) {
        if (older(e, now, REFRESH_AFTER) && refreshing.add(key)) {
          refreshLater(key, range);
        }
        return e;
      }
      Entry<V> fresh = computeNow(range);
      put(key, fresh);
      return fresh;
    }
  }

  private Entry<V> computeNow(ReportRange range) throws SQLException {
    Instant at = clock.instant();
    try (Connection c = source.open()) {
      return new Entry<>(compute.of(c, range), at);
    }
  }

  private void refreshLater(Key key, ReportRange range) {
    try {
      background.execute(() -> {
        try {
          Entry<V> fresh = computeNow(range);
          synchronized (this) {
            put(key, fresh);
          }
        } catch (SQLException | RuntimeException e) {
          LOG.warn("insights: refreshing the figures of {}..{} failed: {}", range.from(), range.to(), e.toString());
        } finally {
          synchronized (this) {
            refreshing.remove(key);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      refreshing.remove(key); // the next request past MAX_AGE computes it
    }
  }

  /**
   * Forgets every range's figures (a user was erased: they may count or name the user), and any
   * computation already running when this is called.
   */
  synchronized void clear() {
    entries.clear();
    clearedAt = clock.instant();
  }

  private void put(Key key, Entry<V> fresh) {
    if (!fresh.computedAt().isAfter(clearedAt)) {
      return; // computed from a snapshot that may predate an erasure
    }
    Instant now = clock.instant();
    Entry<V> kept = entries.get(key);
    if (kept != null && kept.computedAt().isAfter(fresh.computedAt())) {
      return;
    }
    for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext();) {
      if (older(it.next(), now, MAX_AGE)) {
        it.remove();
      }
    }
    entries.remove(key);
    if (entries.size() >= MAX_RANGES) {
      entries.remove(entries.keySet().iterator().next());
    }
    entries.put(key, fresh);
  }

  private static boolean older(Entry<?> e, Instant now, Duration age) {
    return Duration.between(e.computedAt(), now).compareTo(age) > 0;
  }
}
