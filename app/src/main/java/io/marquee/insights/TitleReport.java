package io.marquee.insights;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.marquee.core.Title;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The title report, {@code GET /v1/insights/titles/{assetId}}: how one title did in a range, with
 * whom, and what it resembles. Parameters {@code from}, {@code to}, {@code tz} ({@link ReportRange});
 * {@code format=csv} answers one of its lists, chosen by {@code list=daily|audience|similar|retention}
 * (default daily). Definitions in {@code docs/insights.md}; the JSON shape in {@code docs/api.md}.
 *
 * <p>Statements: one over the title's views in the range for every headline figure and the
 * retention curve, one for its days, one for its audience cells, one for co-viewing, one for
 * ratings, watchlist adds and open sessions. Platform baselines come from {@link TitleBaselines}.
 * A figure built from fewer than {@link SmallCells#MIN_USERS} distinct users is suppressed.
 *
 * <p>Status codes: 200; 400 naming a bad parameter; 401 without a valid key; 403 below analyst; 404
 * for an asset id neither the catalog nor any view knows.
 */
final class TitleReport {
  static final String PATH = "/v1/insights/titles/{assetId}";
  static final List<String> LISTS = List.of("daily", "audience", "similar", "retention");
  /** Fewest views (with a coverage mask) a title needs to be a peer in the median retention curve. */
  static final int PEER_MIN_VIEWS = 20;
  /** Runtime tolerance of a peer: within 25 % of this title's runtime. */
  static final double PEER_RUNTIME_TOLERANCE = 0.25;

  private final Insights insights;
  private final TitleBaselines baselines;

  TitleReport(Insights insights, TitleBaselines baselines) {
    this.insights = insights;
    this.baselines = baselines;
  }

  void register(RoutesConfig routes) {
    routes.get(PATH, this::handle);
  }

  private void handle(Context ctx) throws Exception {
    insights.authorize(ctx);
    ReportRange range = insights.range(ctx);
    String list = ctx.queryParam("list");
    list = list == null || list.isBlank() ? "daily" : list.strip();
    if (!LISTS.contains(list)) {
      throw new BadRequestResponse("list: '" + list + "' is not one of " + String.join(", ", LISTS));
    }
    boolean csv = Insights.wantsCsv(ctx);
    Map<String, Object> report = report(ctx.pathParam("assetId"), range);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = switch (list) {
      case "audience" -> (List<Map<String, Object>>) report.get("audience");
      case "similar" -> (List<Map<String, Object>>) report.get("similar");
      case "retention" -> retentionRows(report);
      default -> (List<Map<String, Object>>) report.get("daily");
    };
    List<String> columns = switch (list) {
      case "audience" -> List.of("dimension", "value", "viewers", "share", "index");
      case "similar" -> List.of("asset_id", "title", "co_viewers", "viewers", "score");
      case "retention" -> List.of("point", "percent", "retention", "median", "difference");
      default -> List.of("date", "views", "hours", "viewers");
    };
    insights.answer(ctx, report, csv ? columns : List.of(), csv ? rows : List.of());
  }

  /** The report of one title in one range; 404 for an unknown asset. */
  Map<String, Object> report(String assetId, ReportRange range) throws SQLException {
    Optional<Title> title = insights.store().title(assetId);
    try (Connection c = insights.read()) {
      if (title.isEmpty() && !anyView(c, assetId)) {
        throw new NotFoundResponse("no title with asset id '" + assetId + "' in the catalog or in views");
      }
      TitleBaselines.Baseline platform = baselines.of(c, range);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("asset_id", assetId);
      out.put("title", title.map(Title::title).orElse(null));
      out.put("kind", title.map(Title::kind).orElse(null));
      out.put("genres", title.map(Title::genres).orElse(List.of()));
      out.put("series", title.map(Title::series).orElse(null));
      out.put("series_id", title.map(Title::seriesId).orElse(null));
      out.put("runtime_s", title.map(Title::runtimeSeconds).orElse(null));
      out.put("range", range(range));
      long viewers = headline(c, assetId, range, title.map(Title::runtimeSeconds).orElse(null), out);
      out.put("daily", daily(c, assetId, range));
      AudienceComposition audience = new AudienceComposition(viewers < SmallCells.MIN_USERS ? Map.of()
          : audience(c, assetId, range), platform);
      out.put("audience", audience.cells);
      out.put("resonates_with", audience.resonates);
      out.put("similar", CoViewing.similar(c, assetId, range, viewers, platform));
      out.put("relative_retention", relative(assetId, title.orElse(null), (double[]) out.get("retention"), platform));
      actions(c, assetId, range, out);
      Map<String, Object> fresh = insights.freshness();
      fresh.put("baselines_as_of", platform.computedAt().toString());
      fresh.put("baselines_max_age_s", TitleBaselines.MAX_AGE.toSeconds());
      out.put("freshness", fresh);
      return out;
    }
  }

  static Map<String, Object> range(ReportRange range) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("from", range.from().toString());
    r.put("to", range.to().toString());
    r.put("tz", range.zone().getId());
    return r;
  }

  private static boolean anyView(Connection c, String assetId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM views WHERE asset_id = ? LIMIT 1")) {
      p.setString(1, assetId);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Puts the headline figures, retention, drop-offs and intro; returns the title's distinct viewers. */
  private static long headline(Connection c, String assetId, ReportRange range, Integer runtime,
      Map<String, Object> out) throws SQLException {
    String view = Definitions.IS_VIEW;
    String sql = "SELECT count(*), count(DISTINCT " + Definitions.VIEWER + "), count(*) FILTER (WHERE " + view + "), "
        + "count(DISTINCT " + Definitions.VIEWER + ") FILTER (WHERE " + view + "), "
        + "coalesce(sum(v.watch_seconds) FILTER (WHERE " + view + "), 0), "
        + "count(*) FILTER (WHERE " + view + " AND v.completed), "
        + "avg(least(1.0, v.watch_seconds / v.runtime_s)) FILTER (WHERE " + view + " AND v.runtime_s > 0), "
        + "count(*) FILTER (WHERE v.intro), count(*) FILTER (WHERE v.intro IS NOT NULL), "
        + "count(*) FILTER (WHERE " + view + " AND v.coverage IS NOT NULL), " + TitleSql.POINTS
        + " FROM views v WHERE v.asset_id = ? AND " + TitleSql.IN_RANGE;
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, assetId);
      TitleBaselines.bindRange(p, range, 2);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        long starts = r.getLong(1);
        long starters = r.getLong(2);
        long views = r.getLong(3);
        long viewers = r.getLong(4);
        double hours = r.getDouble(5) / 3600;
        long completed = r.getLong(6);
        Double share = (Double) r.getObject(7);
        long intro = r.getLong(8);
        long introOf = r.getLong(9);
        long masked = r.getLong(10);
        long[] watched = new long[Definitions.RETENTION_POINTS];
        for (int k = 0; k < watched.length; k++) {
          watched[k] = r.getLong(11 + k);
        }
        boolean smallStarts = SmallCells.small(starters);
        boolean small = SmallCells.small(viewers);
        out.put("starts", smallStarts ? SmallCells.SUPPRESSED : starts);
        out.put("views", small ? SmallCells.SUPPRESSED : views);
        out.put("unique_viewers", SmallCells.count(viewers));
        out.put("hours_watched", small ? null : hours);
        out.put("full_view_equivalents", small || runtime == null || runtime <= 0 ? null : hours * 3600 / runtime);
        out.put("completion_rate", small || views == 0 ? null : (double) completed / views);
        out.put("avg_share_watched", small ? null : share);
        double[] curve = small ? null : RetentionCurve.of(watched, masked);
        out.put("retention", curve);
        out.put("drop_offs", curve == null ? List.of() : RetentionCurve.dropOffs(curve));
        out.put("intro", smallStarts || introOf == 0 ? null : (double) intro / introOf);
        return viewers;
      }
    }
  }

  /** Each day of the range: views, hours and viewers, days under the threshold (and their complement) "<10". */
  private static List<Map<String, Object>> daily(Connection c, String assetId, ReportRange range) throws SQLException {
    String sql = "SELECT d.day, count(v.view_id), coalesce(sum(v.watch_seconds), 0), count(DISTINCT v.viewer) FROM "
        + TitleSql.days(range) + " LEFT JOIN (SELECT v.view_id, v.watch_seconds, v.started_at, " + Definitions.VIEWER
        + " AS viewer FROM views v WHERE v.asset_id = ? AND " + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW
        + ") v ON v.started_at >= d.day_start AND v.started_at < d.day_end GROUP BY d.day ORDER BY d.day";
    List<String> dates = new ArrayList<>();
    List<long[]> figures = new ArrayList<>();
    List<Double> hours = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, assetId);
      TitleBaselines.bindRange(p, range, 2);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          dates.add(r.getString(1));
          figures.add(new long[] {r.getLong(2), r.getLong(4)});
          hours.add(r.getDouble(3) / 3600);
        }
      }
    }
    long[] users = new long[figures.size()];
    for (int i = 0; i < users.length; i++) {
      users[i] = figures.get(i)[1];
    }
    boolean[] hidden = SmallCells.suppress(users);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < users.length; i++) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("date", dates.get(i));
      d.put("views", hidden[i] ? SmallCells.SUPPRESSED : figures.get(i)[0]);
      d.put("hours", hidden[i] ? null : hours.get(i));
      d.put("viewers", hidden[i] ? SmallCells.SUPPRESSED : users[i]);
      out.add(d);
    }
    return out;
  }

  /** The title's viewers (views in the range, users with a profile) per dimension and known value. */
  private static Map<String, Map<String, Long>> audience(Connection c, String assetId, ReportRange range)
      throws SQLException {
    Map<String, Map<String, Long>> out = new HashMap<>();
    String sql = "WITH w AS (SELECT DISTINCT v.user_id FROM views v WHERE v.asset_id = ? AND " + TitleSql.IN_RANGE
        + " AND " + Definitions.IS_VIEW + " AND v.user_id IS NOT NULL) "
        + "SELECT p.age_bracket, p.gender, p.country, GROUPING(p.age_bracket), GROUPING(p.gender), count(*) "
        + "FROM w JOIN profiles p ON p.user_id = w.user_id "
        + "GROUP BY GROUPING SETS ((p.age_bracket), (p.gender), (p.country))";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, assetId);
      TitleBaselines.bindRange(p, range, 2);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          int col = r.getInt(4) == 0 ? 1 : r.getInt(5) == 0 ? 2 : 3;
          String value = r.getString(col);
          if (value != null) {
            out.computeIfAbsent(TitleBaselines.DIMENSIONS.get(col - 1), d -> new HashMap<>()).put(value, r.getLong(6));
          }
        }
      }
    }
    return out;
  }

  /**
   * This title's curve against the median curve of its peers: other titles of the same kind whose
   * catalog runtime is within {@value #PEER_RUNTIME_TOLERANCE} of this one's, each with at least
   * {@value #PEER_MIN_VIEWS} views and {@link SmallCells#MIN_USERS} viewers in the range.
   */
  static Map<String, Object> relative(String assetId, Title title, double[] curve, TitleBaselines.Baseline platform) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<double[]> peers = new ArrayList<>();
    Integer runtime = title == null ? null : title.runtimeSeconds();
    if (title != null && title.kind() != null && runtime != null && runtime > 0) {
      for (TitleBaselines.Curve p : platform.curves()) {
        if (!p.assetId().equals(assetId) && title.kind().equals(p.kind()) && p.runtimeS() != null
            && Math.abs(p.runtimeS() - runtime) <= PEER_RUNTIME_TOLERANCE * runtime
            && p.views() >= PEER_MIN_VIEWS && !SmallCells.small(p.viewers())) {
          peers.add(p.points());
        }
      }
    }
    double[] median = RetentionCurve.median(peers);
    out.put("peers", peers.size());
    out.put("runtime_from_s", runtime == null ? null : (int) Math.ceil(runtime * (1 - PEER_RUNTIME_TOLERANCE)));
    out.put("runtime_to_s", runtime == null ? null : (int) Math.floor(runtime * (1 + PEER_RUNTIME_TOLERANCE)));
    out.put("median", median);
    double[] diff = null;
    if (median != null && curve != null) {
      diff = new double[curve.length];
      for (int k = 0; k < curve.length; k++) {
        diff[k] = curve[k] - median[k];
      }
    }
    out.put("difference", diff);
    return out;
  }

  /** Puts {@code rating}, {@code watchlist_adds} and {@code concurrent_viewers}. */
  private void actions(Connection c, String assetId, ReportRange range, Map<String, Object> out) throws SQLException {
    String sql = "SELECT (SELECT avg(rating) FROM (SELECT rating FROM title_actions WHERE asset_id = ? AND action = 'rated' "
        + "AND timestamp < CAST(? AS TIMESTAMP) QUALIFY row_number() OVER (PARTITION BY coalesce(user_id, anonymous_id) "
        + "ORDER BY timestamp DESC, log_pos DESC) = 1)), "
        + "(SELECT count(DISTINCT coalesce(user_id, anonymous_id)) FROM title_actions WHERE asset_id = ? "
        + "AND action = 'rated' AND timestamp < CAST(? AS TIMESTAMP)), "
        + "(SELECT count(DISTINCT coalesce(user_id, anonymous_id)) FROM title_actions WHERE asset_id = ? "
        + "AND action = 'watchlisted' AND timestamp >= CAST(? AS TIMESTAMP) AND timestamp < CAST(? AS TIMESTAMP)), "
        + "(SELECT count(DISTINCT " + Definitions.VIEWER + ") FROM views v WHERE v.asset_id = ? AND "
        + Definitions.OPEN_AT + ")";
    Instant now = insights.clock().instant();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, assetId);
      p.setString(2, TitleSql.ts(range.end()));
      p.setString(3, assetId);
      p.setString(4, TitleSql.ts(range.end()));
      p.setString(5, assetId);
      TitleBaselines.bindRange(p, range, 6);
      p.setString(8, assetId);
      p.setString(9, TitleSql.ts(now));
      p.setString(10, TitleSql.ts(now));
      try (ResultSet r = p.executeQuery()) {
        r.next();
        long raters = r.getLong(2);
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("average", SmallCells.small(raters) ? null : r.getObject(1));
        rating.put("count", SmallCells.count(raters));
        out.put("rating", rating);
        out.put("watchlist_adds", SmallCells.count(r.getLong(3)));
        out.put("concurrent_viewers", SmallCells.count(r.getLong(4)));
      }
    }
  }

  private static List<Map<String, Object>> retentionRows(Map<String, Object> report) {
    double[] curve = (double[]) report.get("retention");
    @SuppressWarnings("unchecked")
    Map<String, Object> rel = (Map<String, Object>) report.get("relative_retention");
    double[] median = (double[]) rel.get("median");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int k = 0; k < Definitions.RETENTION_POINTS; k++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("point", k);
      row.put("percent", k * 5);
      row.put("retention", curve == null ? null : curve[k]);
      row.put("median", median == null ? null : median[k]);
      row.put("difference", curve == null || median == null ? null : curve[k] - median[k]);
      rows.add(row);
    }
    return rows;
  }
}
