package io.marquee.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform reports' cache (overview, genres, music): a report's figures for one range and zone,
 * reused for at most {@value #MAX_AGE_SECONDS} s and only while {@code views} is unchanged (its row
 * count and highest {@code written_pos}), so a cached figure is never older than the data it reports.
 * The few most recent ranges are kept ({@value #ENTRIES}).
 *
 * @param <V> the cached figures
 */
final class OverviewCache<V> {
  /** Longest a cached figure is reused. */
  static final int MAX_AGE_SECONDS = 60;
  static final int ENTRIES = 8;

  /** Figures and when they were computed. */
  record Entry<V>(Instant at, String version, V value) {}

  /** How the figures are computed on a miss. */
  interface Compute<V> {
    V apply(Statement s) throws SQLException;
  }

  private final Map<String, Entry<V>> entries = new LinkedHashMap<>(ENTRIES, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
      return size() > ENTRIES;
    }
  };

  /** The key of a range and its zone. */
  static String key(ReportRange range) {
    return range.from() + "/" + range.to() + "/" + range.zone().getId();
  }

  /** The figures of {@code key}: cached when fresh and the views unchanged, else computed now. */
  Entry<V> get(Statement s, String key, Instant now, Compute<V> compute) throws SQLException {
    String version;
    try (ResultSet r = s.executeQuery("SELECT count(*), max(written_pos) FROM views")) {
      r.next();
      version = r.getLong(1) + "/" + r.getLong(2);
    }
    synchronized (entries) {
      Entry<V> e = entries.get(key);
      if (e != null && e.version().equals(version)
          && Duration.between(e.at(), now).compareTo(Duration.ofSeconds(MAX_AGE_SECONDS)) < 0) {
        return e;
      }
    }
    Entry<V> e = new Entry<>(now, version, compute.apply(s));
    synchronized (entries) {
      entries.put(key, e);
    }
    return e;
  }

  /** The report's freshness with when its figures were computed and how long they may be reused. */
  static Map<String, Object> freshness(Insights insights, Entry<?> e) {
    Map<String, Object> f = new LinkedHashMap<>(insights.freshness());
    f.put("computed_at", e.at().toString());
    f.put("cache_max_age_s", MAX_AGE_SECONDS);
    return f;
  }
}
