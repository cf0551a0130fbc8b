package io.marquee.releases;

import io.marquee.insights.ReportRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The exact figures of a subject, before noise, with every person's contribution bounded: a
 * person (a viewer, {@code coalesce(user_id, anonymous_id)}) counts once in {@code viewers} and in
 * one cell of each breakdown, at most {@code maxViews} times in {@code views} and at most {@code
 * maxMinutes} minutes in {@code minutes}. These stay inside the node; only their noisy versions
 * leave it.
 *
 * @param totals {@code viewers}, {@code views} and {@code minutes} of a title, or {@code size} of an audience
 * @param cells per breakdown, the people in each cell of its fixed domain ({@link Cells})
 */
record TrueCounts(Map<String, Long> totals, Map<String, Map<String, Long>> cells) {

  private static Map<String, Map<String, Long>> emptyCells() {
    Map<String, Map<String, Long>> cells = new LinkedHashMap<>();
    for (String d : Cells.DIMENSIONS) {
      Map<String, Long> m = new LinkedHashMap<>();
      for (String c : Cells.domain(d)) {
        m.put(c, 0L);
      }
      cells.put(d, m);
    }
    return cells;
  }

  private static void count(Map<String, Map<String, Long>> cells, String age, String gender, String country) {
    cells.get("age_bracket").merge(Cells.cellOf("age_bracket", age), 1L, Long::sum);
    cells.get("gender").merge(Cells.cellOf("gender", gender), 1L, Long::sum);
    cells.get("country").merge(Cells.cellOf("country", country), 1L, Long::sum);
  }

  /** Whether the catalog or the views know the title. */
  static boolean titleExists(Connection c, String assetId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM titles WHERE asset_id = ?) "
        + "OR EXISTS (SELECT 1 FROM views WHERE asset_id = ?)")) {
      s.setString(1, assetId);
      s.setString(2, assetId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /** A title's figures over the views that started in {@code range}. */
  static TrueCounts ofTitle(Connection c, String assetId, ReportRange range, int maxViews, long maxMinutes)
      throws SQLException {
    Map<String, Map<String, Long>> cells = emptyCells();
    long viewers = 0;
    long views = 0;
    long minutes = 0;
    try (PreparedStatement s = c.prepareStatement("WITH v AS (SELECT coalesce(user_id, anonymous_id) AS viewer, "
        + "any_value(user_id) AS user_id, count(*) AS n, coalesce(sum(watch_seconds), 0) AS seconds FROM views "
        + "WHERE asset_id = ? AND started_at >= CAST(? AS TIMESTAMP) AND started_at < CAST(? AS TIMESTAMP) "
        + "AND coalesce(user_id, anonymous_id) IS NOT NULL GROUP BY 1) "
        + "SELECT v.n, v.seconds, p.age_bracket, p.gender, p.country FROM v LEFT JOIN profiles p ON p.user_id = v.user_id")) {
      s.setString(1, assetId);
      s.setString(2, ts(range.start().atOffset(ZoneOffset.UTC).toLocalDateTime()));
      s.setString(3, ts(range.end().atOffset(ZoneOffset.UTC).toLocalDateTime()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          viewers++;
          views += Math.min(r.getLong(1), maxViews);
          minutes += Math.min((long) Math.floor(Math.max(0, r.getDouble(2)) / 60), maxMinutes);
          count(cells, r.getString(3), r.getString(4), r.getString(5));
        }
      }
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    totals.put("viewers", viewers);
    totals.put("views", views);
    totals.put("minutes", minutes);
    return new TrueCounts(totals, cells);
  }

  /** An audience's figures: its size and its members per cell (a member without a profile is unknown). */
  static TrueCounts ofMembers(Connection c, Collection<String> members) throws SQLException {
    Set<String> ids = new HashSet<>(members);
    Map<String, Map<String, Long>> cells = emptyCells();
    long seen = 0;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT user_id, age_bracket, gender, country FROM profiles")) {
      while (r.next()) {
        if (ids.contains(r.getString(1))) {
          seen++;
          count(cells, r.getString(2), r.getString(3), r.getString(4));
        }
      }
    }
    long missing = ids.size() - seen;
    for (String d : Cells.DIMENSIONS) {
      cells.get(d).merge(Cells.UNKNOWN, missing, Long::sum);
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    totals.put("size", (long) ids.size());
    return new TrueCounts(totals, cells);
  }

  private static String ts(LocalDateTime t) {
    return t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }
}
