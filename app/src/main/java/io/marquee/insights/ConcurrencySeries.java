package io.marquee.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform's live pulse: viewers with an open playback session ({@link Definitions#OPEN_AT}) now
 * and at every {@value #STEP_MINUTES} minutes of the last 24 hours, in one statement. A viewer with
 * two open sessions counts once.
 */
final class ConcurrencySeries {
  /** Minutes between two points of the 24-hour series. */
  static final int STEP_MINUTES = 5;
  private static final Duration STEP = Duration.ofMinutes(STEP_MINUTES);
  private static final Duration SPAN = Duration.ofHours(24);
  /** {@link Definitions#OPEN_AT} at the instant {@code t.at} rather than at a bound parameter. */
  static final String OPEN_AT_T = Definitions.OPEN_AT.replace("CAST(? AS TIMESTAMP)", "t.at");

  private ConcurrencySeries() {}

  /**
   * The instants of the series: the {@value #STEP_MINUTES}-minute marks of the 24 hours up to
   * {@code now}, oldest first (the last is {@code now} rounded down to a mark).
   */
  static List<Instant> marks(Instant now) {
    long step = STEP.toMillis();
    Instant last = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
    List<Instant> out = new ArrayList<>();
    for (Instant t = last.minus(SPAN).plus(STEP); !t.isAfter(last); t = t.plus(STEP)) {
      out.add(t);
    }
    return out;
  }

  /** {@code {"now", "at", "step_minutes", "last_24h": [{"at", "viewers"}]}}; counts under 10 as "<10". */
  static Map<String, Object> query(Statement s, Instant now) throws SQLException {
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    List<Instant> marks = marks(at);
    StringBuilder values = new StringBuilder("(" + GenreReport.ts(at) + ")");
    for (Instant t : marks) {
      values.append(", (").append(GenreReport.ts(t)).append(')');
    }
    // a cheap scan first: the views that could be open at any of the instants
    String sql = "WITH t AS (SELECT DISTINCT at FROM (VALUES " + values + ") t(at)), c AS (SELECT * FROM views v WHERE "
        + "NOT coalesce(v.closed, false) AND v.started_at <= " + GenreReport.ts(at) + " AND v.ended_at >= "
        + GenreReport.ts(marks.get(0)) + " - to_seconds(greatest(" + Definitions.MIN_LIVE_WINDOW_SECONDS
        + ", 2 * coalesce(v.heartbeat_s, 0)))) SELECT t.at, count(DISTINCT " + Definitions.VIEWER
        + ") FROM t LEFT JOIN c v ON " + OPEN_AT_T + " GROUP BY t.at";
    Map<Instant, Long> counts = new TreeMap<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        counts.put(r.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC), r.getLong(2));
      }
    }
    List<Map<String, Object>> series = new ArrayList<>();
    for (Instant t : marks) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("at", t.toString());
      p.put("viewers", SmallCells.count(counts.getOrDefault(t, 0L)));
      series.add(p);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("now", SmallCells.count(counts.getOrDefault(at, 0L)));
    out.put("at", at.toString());
    out.put("step_minutes", STEP_MINUTES);
    out.put("last_24h", series);
    return out;
  }
}
