package io.marquee.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
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
 * and at every {@value #STEP_MINUTES} minutes of the last 24 hours, in two statements. A viewer with
 * two open sessions counts once. At a mark of the past, a session counts from its start to its last
 * event, and while it is not closed also within its live window after that event (as now), so a
 * session that has since ended still counts while it ran.
 */
final class ConcurrencySeries {
  /** Minutes between two points of the 24-hour series. */
  static final int STEP_MINUTES = 5;
  private static final Duration STEP = Duration.ofMinutes(STEP_MINUTES);
  private static final Duration SPAN = Duration.ofHours(24);
  /** {@link Definitions#OPEN_AT} at an instant written into the SQL rather than bound. */
  static String openAt(Instant at) {
    return Definitions.OPEN_AT.replace("CAST(? AS TIMESTAMP)", GenreReport.ts(at));
  }

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
    String window = "to_seconds(greatest(" + Definitions.MIN_LIVE_WINDOW_SECONDS + ", 2 * coalesce(v.heartbeat_s, 0)))";
    double longest;
    try (ResultSet r = s.executeQuery("SELECT coalesce(max(heartbeat_s), 0) FROM views")) {
      r.next();
      longest = Math.max(Definitions.MIN_LIVE_WINDOW_SECONDS, 2 * r.getDouble(1));
    }
    // no view whose last event is older than the longest live window before the first mark can be
    // open at it: a bound on a plain column, which the scan can use to skip old row groups
    Instant oldest = marks.get(0).minusMillis((long) Math.ceil(longest * 1000));
    // each candidate view as the interval in which it was open: to its last event when closed, else
    // to its live window past it; at now the definition itself decides
    String sql = "WITH c AS (SELECT " + Definitions.VIEWER + " AS u, v.started_at AS s, CASE WHEN coalesce(v.closed, "
        + "false) THEN v.ended_at ELSE v.ended_at + " + window + " END AS e, " + openAt(at) + " AS live FROM views v "
        + "WHERE v.ended_at >= " + GenreReport.ts(oldest) + " AND v.started_at <= " + GenreReport.ts(at)
        + " AND v.ended_at + " + window + " >= "
        + GenreReport.ts(marks.get(0)) + "), t AS (SELECT unnest(generate_series(" + GenreReport.ts(marks.get(0))
        + ", " + GenreReport.ts(marks.get(marks.size() - 1)) + ", INTERVAL " + STEP_MINUTES + " MINUTE)) AS mark) "
        + "SELECT t.mark, count(DISTINCT c.u) FROM t JOIN c ON t.mark >= c.s AND t.mark <= c.e GROUP BY t.mark "
        + "UNION ALL SELECT NULL, count(DISTINCT u) FILTER (live) FROM c";
    Map<Instant, Long> counts = new TreeMap<>();
    long live = 0;
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        Timestamp mark = r.getTimestamp(1);
        if (mark == null) {
          live = r.getLong(2);
        } else {
          counts.put(mark.toLocalDateTime().toInstant(ZoneOffset.UTC), r.getLong(2));
        }
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
    out.put("now", SmallCells.count(live));
    out.put("at", at.toString());
    out.put("step_minutes", STEP_MINUTES);
    out.put("last_24h", series);
    return out;
  }
}
