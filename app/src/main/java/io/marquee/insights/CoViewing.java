package io.marquee.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Titles similar to one by co-viewing: the titles that the same people viewed in the same range.
 * {@code co_viewers} counts the distinct viewers with a view of both; titles with fewer than {@link
 * SmallCells#MIN_USERS} co-viewers are left out (a small cell, and too few to mean anything). Ranked
 * by cosine similarity, co_viewers / sqrt(viewers of this x viewers of that), which, unlike lift,
 * does not favour titles with few viewers.
 */
final class CoViewing {
  /** How many similar titles a report lists. */
  static final int TOP = 10;

  private CoViewing() {}

  /**
   * The top {@value #TOP} titles similar to {@code assetId}, {@code [{"asset_id","title","co_viewers",
   * "viewers","score"}]}, highest score first.
   *
   * @param viewers the title's own distinct viewers in the range
   * @param platform the range's baselines (each title's viewers)
   */
  static List<Map<String, Object>> similar(Connection c, String assetId, ReportRange range, long viewers,
      TitleBaselines.Baseline platform) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (SmallCells.small(viewers)) {
      return out;
    }
    String sql = "WITH w AS (SELECT DISTINCT " + Definitions.VIEWER + " AS viewer FROM views v WHERE v.asset_id = ? AND "
        + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW + ") "
        + "SELECT o.asset_id, o.co, t.title FROM (SELECT v.asset_id, count(DISTINCT w.viewer) AS co FROM views v "
        + "JOIN w ON w.viewer = " + Definitions.VIEWER + " WHERE v.asset_id <> ? AND " + TitleSql.IN_RANGE + " AND "
        + Definitions.IS_VIEW + " GROUP BY v.asset_id HAVING count(DISTINCT w.viewer) >= " + SmallCells.MIN_USERS
        + ") o LEFT JOIN titles t ON t.asset_id = o.asset_id";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, assetId);
      TitleBaselines.bindRange(p, range, 2);
      p.setString(4, assetId);
      TitleBaselines.bindRange(p, range, 5);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long co = r.getLong(2);
          long other = platform.viewers().getOrDefault(r.getString(1), co);
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("asset_id", r.getString(1));
          s.put("title", r.getString(3));
          s.put("co_viewers", co);
          s.put("viewers", Math.max(other, co));
          s.put("score", co / Math.sqrt((double) viewers * Math.max(other, co)));
          out.add(s);
        }
      }
    }
    out.sort(Comparator.comparingDouble((Map<String, Object> s) -> -(Double) s.get("score"))
        .thenComparing(s -> (String) s.get("asset_id")));
    return out.size() > TOP ? new ArrayList<>(out.subList(0, TOP)) : out;
  }
}
