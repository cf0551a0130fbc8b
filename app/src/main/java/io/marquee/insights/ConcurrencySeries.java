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
 * two open sessions counts once. At a mark of the past, a session counts from its start to its last
 * event, and while it is not closed also within its live window after that event (as now), so a
 * session that has since ended still counts while it ran.
 */
final class ConcurrencySeries {
  /** Minutes between two points of the 24-hour series. */
  static final int STEP_MINUTES = 5;
  private static final Duration STEP = Duration.ofMinutes(STEP_MINUTES);
  private static final Duration SPAN = Duration.ofHours(24);
  /** {@link Definitions#OPEN_AT} at the instant {@code t.mark} rather than at a bound parameter. */
  static final String OPEN_AT_T = Definitions.OPEN_AT.replace("CAST(? AS TIMESTAMP)", "t.mark");

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
    StringBuilder values = new StringBuilder("(" + GenreReport.ts(at) + ", true)");
    for (Instant t : marks) {
      values.append(", (").append(GenreReport.ts(t)).append(", false)");
    }
    String window = "to_seconds(greatest(" + Definitions.MIN_LIVE_WINDOW_SECONDS + ", 2 * coalesce(v.heartbeat_s, 0)))";
    // a cheap scan first: the views that could be open at any of the instants; then, at now, the
    // definition itself, and at a mark of the past also the closed sessions that were open then
    String sql = "WITH t AS (SELECT mark, bool_or(live) AS live FROM (VALUES " + values + ") t(mark, live) GROUP BY mark), "
        + "c AS (SELECT * FROM views v WHERE v.started_at <= " + GenreReport.ts(at) + " AND v.ended_at >= "
        + GenreReport.ts(marks.get(0)) + " - " + window + ") SELECT t.mark, count(DISTINCT " + Definitions.VIEWER
        + ") FROM t LEFT JOIN c v ON CASE WHEN t.live THEN " + OPEN_AT_T + " ELSE v.started_at <= t.mark AND "
        + "(v.ended_at >= t.mark OR " + OPEN_AT_T + ") END GROUP BY t.mark";
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
