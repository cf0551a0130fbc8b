package io.marquee.insights;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series report, {@code GET /v1/insights/series/{seriesId}}: a series' episodes (the titles whose
 * {@code series_id} is the series row's asset id, by season and episode) with their starts, views
 * and viewers, the drop-off funnel (the share of each episode's viewers who start the next one) and
 * each season's completion (the share of the viewers of its first episode who completed its last).
 * Parameters {@code from}, {@code to}, {@code tz}; {@code format=csv} answers the episode list.
 *
 * <p>A share is published only when both the users it counts and the users it leaves out number at
 * least {@link SmallCells#MIN_USERS} (the two cells of one breakdown, {@link SmallCells#suppress}).
 *
 * <p>Status codes: 200; 400 naming a bad parameter; 401; 403 below analyst; 404 for a series id that
 * is neither a title of the catalog nor the series of any episode.
 */
final class SeriesReport {
  static final String PATH = "/v1/insights/series/{seriesId}";
  static final List<String> COLUMNS = List.of("asset_id", "title", "season", "episode", "starts", "views", "viewers",
      "next_starters", "to_next", "completed_views");

  private final Insights insights;

  SeriesReport(Insights insights) {
    this.insights = insights;
  }

  void register(RoutesConfig routes) {
    routes.get(PATH, this::handle);
  }

  private record Episode(String assetId, String title, Integer season, Integer episode) {}

  /** One episode's viewers in the range: who started it, who viewed it, who completed a view. */
  private static final class Audience {
    long starts;
    long views;
    long completedViews;
    final Set<String> starters = new HashSet<>();
    final Set<String> viewers = new HashSet<>();
    final Set<String> completers = new HashSet<>();
  }

  private void handle(Context ctx) throws Exception {
    insights.authorize(ctx);
    ReportRange range = insights.range(ctx);
    Insights.wantsCsv(ctx);
    String seriesId = ctx.pathParam("seriesId");
    Map<String, Object> report = report(seriesId, range);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("episodes");
    insights.answer(ctx, report, COLUMNS, rows);
  }

  Map<String, Object> report(String seriesId, ReportRange range) throws SQLException {
    try (Connection c = insights.read()) {
      String name = null;
      boolean known = false;
      try (PreparedStatement p = c.prepareStatement("SELECT title FROM titles WHERE asset_id = ?")) {
        p.setString(1, seriesId);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            known = true;
            name = r.getString(1);
          }
        }
      }
      List<Episode> episodes = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT asset_id, title, season, episode FROM titles "
          + "WHERE series_id = ? ORDER BY season NULLS LAST, episode NULLS LAST, asset_id")) {
        p.setString(1, seriesId);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            episodes.add(new Episode(r.getString(1), r.getString(2), (Integer) r.getObject(3), (Integer) r.getObject(4)));
          }
        }
      }
      if (!known && episodes.isEmpty()) {
        throw new NotFoundResponse("no series with id '" + seriesId + "' in the catalog");
      }
      Map<String, Audience> audiences = audiences(c, seriesId, range);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < episodes.size(); i++) {
        Episode e = episodes.get(i);
        Audience a = audiences.getOrDefault(e.assetId(), new Audience());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("asset_id", e.assetId());
        row.put("title", e.title());
        row.put("season", e.season());
        row.put("episode", e.episode());
        boolean smallStarts = SmallCells.small(a.starters.size());
        boolean small = SmallCells.small(a.viewers.size());
        row.put("starts", smallStarts ? SmallCells.SUPPRESSED : a.starts);
        row.put("views", small ? SmallCells.SUPPRESSED : a.views);
        row.put("viewers", SmallCells.count(a.viewers.size()));
        row.put("completed_views", small || SmallCells.small(a.completers.size()) ? SmallCells.SUPPRESSED
            : a.completedViews);
        if (i + 1 < episodes.size()) {
          Audience next = audiences.getOrDefault(episodes.get(i + 1).assetId(), new Audience());
          share(row, "next_starters", "to_next", a.viewers, next.starters);
        } else {
          row.put("next_starters", null);
          row.put("to_next", null);
        }
        rows.add(row);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("series_id", seriesId);
      out.put("title", name);
      out.put("range", TitleReport.range(range));
      out.put("episodes", rows);
      out.put("seasons", seasons(episodes, audiences));
      out.put("freshness", insights.freshness());
      return out;
    }
  }

  /** Each season's completion: viewers of its first episode who completed its last. */
  private static List<Map<String, Object>> seasons(List<Episode> episodes, Map<String, Audience> audiences) {
    Map<Integer, List<Episode>> bySeason = new LinkedHashMap<>();
    for (Episode e : episodes) {
      bySeason.computeIfAbsent(e.season(), s -> new ArrayList<>()).add(e);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<Integer, List<Episode>> s : bySeason.entrySet()) {
      List<Episode> eps = s.getValue();
      Audience first = audiences.getOrDefault(eps.get(0).assetId(), new Audience());
      Audience last = audiences.getOrDefault(eps.get(eps.size() - 1).assetId(), new Audience());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("season", s.getKey());
      row.put("episodes", eps.size());
      row.put("first_episode", eps.get(0).assetId());
      row.put("last_episode", eps.get(eps.size() - 1).assetId());
      row.put("first_episode_viewers", SmallCells.count(first.viewers.size()));
      share(row, "completed_last", "completion", first.viewers, last.completers);
      out.add(row);
    }
    return out;
  }

  /** Puts how many of {@code base} are in {@code reached}, and that share, unless either part is a small cell. */
  private static void share(Map<String, Object> row, String countKey, String shareKey, Set<String> base,
      Set<String> reached) {
    long in = 0;
    for (String v : base) {
      if (reached.contains(v)) {
        in++;
      }
    }
    boolean[] hidden = SmallCells.suppress(new long[] {in, base.size() - in});
    row.put(countKey, hidden[0] ? SmallCells.SUPPRESSED : in);
    row.put(shareKey, hidden[0] || hidden[1] ? null : (double) in / base.size());
  }

  private static Map<String, Audience> audiences(Connection c, String seriesId, ReportRange range)
      throws SQLException {
    Map<String, Audience> out = new HashMap<>();
    String sql = "SELECT v.asset_id, " + Definitions.VIEWER + ", count(*), count(*) FILTER (WHERE "
        + Definitions.IS_VIEW + "), count(*) FILTER (WHERE " + Definitions.IS_VIEW + " AND v.completed) "
        + "FROM views v WHERE v.asset_id IN (SELECT asset_id FROM titles WHERE series_id = ?) AND "
        + TitleSql.IN_RANGE + " GROUP BY ALL";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, seriesId);
      TitleBaselines.bindRange(p, range, 2);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String viewer = r.getString(2);
          if (viewer == null) {
            continue;
          }
          Audience a = out.computeIfAbsent(r.getString(1), k -> new Audience());
          a.starts += r.getLong(3);
          a.views += r.getLong(4);
          a.completedViews += r.getLong(5);
          a.starters.add(viewer);
          if (r.getLong(4) > 0) {
            a.viewers.add(viewer);
          }
          if (r.getLong(5) > 0) {
            a.completers.add(viewer);
          }
        }
      }
    }
    return out;
  }
}
