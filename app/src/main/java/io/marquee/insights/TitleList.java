package io.marquee.insights;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The titles list, {@code GET /v1/insights/titles}: one row per title with views in the range,
 * with its headline figures and growth against the previous period of the same length.
 *
 * <p>Parameters: {@code from}, {@code to}, {@code tz} ({@link ReportRange}); {@code sort} = {@code
 * views} (default), {@code hours}, {@code full_view_equivalents}, {@code completion_rate} or {@code
 * growth}, always highest first, ties by asset id; {@code kind} (exact), {@code genre} (one of the
 * title's genres, case-insensitive), {@code q} (case-insensitive substring of the title); {@code
 * limit} 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}) and {@code offset} for paging
 * ({@code total} is the count of matching rows); {@code format=csv} answers the page's rows.
 *
 * <p>A title with fewer than {@link SmallCells#MIN_USERS} viewers shows {@code "<10"} for its counts
 * and null for every other figure, and sorts after every shown row (by asset id), so its rank says
 * nothing about its figures. Growth is null when the previous period had no views or fewer than
 * {@link SmallCells#MIN_USERS} viewers.
 *
 * <p>Status codes: 200; 400 naming a bad parameter (an unknown sort, a limit out of range); 401; 403.
 */
final class TitleList {
  static final String PATH = "/v1/insights/titles";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final List<String> COLUMNS = List.of("asset_id", "title", "kind", "views", "unique_viewers", "hours_watched",
      "full_view_equivalents", "completion_rate", "growth");
  private static final Map<String, String> SORTS = Map.of(
      "views", "views", "hours", "secs", "full_view_equivalents", "secs / t.runtime_s",
      "completion_rate", "completed / views", "growth", "CASE WHEN prev_views = 0 OR prev_viewers < "
          + SmallCells.MIN_USERS + " THEN NULL ELSE views / prev_views - 1 END");

  private final Insights insights;

  TitleList(Insights insights) {
    this.insights = insights;
  }

  void register(RoutesConfig routes) {
    routes.get(PATH, this::handle);
  }

  private void handle(Context ctx) throws Exception {
    insights.authorize(ctx);
    ReportRange range = insights.range(ctx);
    String sort = param(ctx, "sort");
    sort = sort == null ? "views" : sort;
    if (!SORTS.containsKey(sort)) {
      throw new BadRequestResponse("sort: '" + sort + "' is not one of views, hours, full_view_equivalents, "
          + "completion_rate, growth");
    }
    int limit = integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    Insights.wantsCsv(ctx);
    Map<String, Object> report = report(range, sort, param(ctx, "kind"), param(ctx, "genre"), param(ctx, "q"),
        limit, offset);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("titles");
    insights.answer(ctx, report, COLUMNS, rows);
  }

  private static String param(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static int integer(Context ctx, String name, int fallback, int min, int max) {
    String v = param(ctx, name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new BadRequestResponse(name + ": '" + v + "' is not a whole number from " + min + " to " + max);
  }

  Map<String, Object> report(ReportRange range, String sort, String kind, String genre, String q, int limit,
      int offset) throws SQLException {
    ReportRange prev = range.previous();
    String current = "v.started_at >= CAST(? AS TIMESTAMP)";
    String sql = "WITH a AS (SELECT v.asset_id, "
        + "count(*) FILTER (WHERE " + current + ") AS views, "
        + "count(DISTINCT " + Definitions.VIEWER + ") FILTER (WHERE " + current + ") AS viewers, "
        + "coalesce(sum(v.watch_seconds) FILTER (WHERE " + current + "), 0) AS secs, "
        + "count(*) FILTER (WHERE " + current + " AND v.completed) AS completed, "
        + "count(*) FILTER (WHERE NOT (" + current + ")) AS prev_views, "
        + "count(DISTINCT " + Definitions.VIEWER + ") FILTER (WHERE NOT (" + current + ")) AS prev_viewers "
        + "FROM views v WHERE " + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW + " GROUP BY v.asset_id) "
        + "SELECT a.asset_id, t.title, t.kind, t.runtime_s, views, viewers, secs, completed, prev_views, prev_viewers, "
        + "count(*) OVER () FROM a LEFT JOIN titles t ON t.asset_id = a.asset_id WHERE views > 0 "
        + "AND (CAST(? AS VARCHAR) IS NULL OR t.kind = ?) "
        + "AND (CAST(? AS VARCHAR) IS NULL OR list_contains(list_transform(t.genres, g -> lower(g)), lower(?))) "
        + "AND (CAST(? AS VARCHAR) IS NULL OR contains(lower(t.title), lower(?))) "
        + "ORDER BY viewers < " + SmallCells.MIN_USERS + ", CASE WHEN viewers < " + SmallCells.MIN_USERS
        + " THEN NULL ELSE " + SORTS.get(sort) + " END DESC NULLS LAST, a.asset_id LIMIT ? OFFSET ?";
    List<Map<String, Object>> rows = new ArrayList<>();
    long total = 0;
    try (Connection c = insights.read(); PreparedStatement p = c.prepareStatement(sql)) {
      String start = TitleSql.ts(range.start());
      for (int i = 1; i <= 6; i++) {
        p.setString(i, start);
      }
      p.setString(7, TitleSql.ts(prev.start()));
      p.setString(8, TitleSql.ts(range.end()));
      String[] filters = {kind, kind, genre, genre, q, q};
      for (int i = 0; i < filters.length; i++) {
        p.setString(9 + i, filters[i]);
      }
      p.setInt(15, limit);
      p.setInt(16, offset);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          total = r.getLong(11);
          rows.add(row(r));
        }
      }
      if (rows.isEmpty() && offset > 0) {
        total = count(c, range, kind, genre, q);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("range", TitleReport.range(range));
    out.put("sort", sort);
    out.put("total", total);
    out.put("limit", limit);
    out.put("offset", offset);
    out.put("titles", rows);
    out.put("freshness", insights.freshness());
    return out;
  }

  private static Map<String, Object> row(ResultSet r) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("asset_id", r.getString(1));
    row.put("title", r.getString(2));
    row.put("kind", r.getString(3));
    Integer runtime = (Integer) r.getObject(4);
    long views = r.getLong(5);
    long viewers = r.getLong(6);
    double secs = r.getDouble(7);
    long prevViews = r.getLong(9);
    boolean small = SmallCells.small(viewers);
    row.put("views", small ? SmallCells.SUPPRESSED : views);
    row.put("unique_viewers", SmallCells.count(viewers));
    row.put("hours_watched", small ? null : secs / 3600);
    row.put("full_view_equivalents", small || runtime == null || runtime <= 0 ? null : secs / runtime);
    row.put("completion_rate", small ? null : (double) r.getLong(8) / views);
    row.put("growth", small || prevViews == 0 || SmallCells.small(r.getLong(10)) ? null
        : (double) views / prevViews - 1);
    return row;
  }

  /** The matching rows' count, for a page past the end (which has no row to carry it). */
  private static long count(Connection c, ReportRange range, String kind, String genre, String q) throws SQLException {
    String sql = "SELECT count(*) FROM (SELECT DISTINCT v.asset_id FROM views v WHERE " + TitleSql.IN_RANGE + " AND "
        + Definitions.IS_VIEW + ") a LEFT JOIN titles t ON t.asset_id = a.asset_id WHERE "
        + "(CAST(? AS VARCHAR) IS NULL OR t.kind = ?) "
        + "AND (CAST(? AS VARCHAR) IS NULL OR list_contains(list_transform(t.genres, g -> lower(g)), lower(?))) "
        + "AND (CAST(? AS VARCHAR) IS NULL OR contains(lower(t.title), lower(?)))";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      TitleBaselines.bindRange(p, range, 1);
      String[] filters = {kind, kind, genre, genre, q, q};
      for (int i = 0; i < filters.length; i++) {
        p.setString(3 + i, filters[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
