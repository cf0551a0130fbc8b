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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The title report, {@code GET /v1/insights/titles/{assetId}}: how one title did in a range, with
 * whom, and what it resembles. Parameters {@code from}, {@code to}, {@code tz} ({@link ReportRange});
 * {@code format=csv} answers one of its lists, chosen by {@code list=daily|audience|similar|retention}
 * (default daily). Definitions in {@code docs/insights.md}; the JSON shape in {@code docs/api.md}.
 *
 * <p>Statements: the catalog row; one over the title's views in the range and its sessions open now,
 * with its viewers' profile cells ({@link TitleViews}: headline figures, curve, days, audience); one
 * over its ratings and watchlist adds. Platform baselines (active viewers' composition, every title's
 * curve, who viewed what for co-viewing) come from {@link TitleBaselines}, kept up to 60 s.
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

  /** The cells {@code assetId} resonates with over the default range ({@link TitleResonance}); empty when unknown. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> resonatesWith(String assetId) throws SQLException {
    try {
      return (List<Map<String, Object>>) report(assetId, ReportRange.parse(null, null, null, insights.clock()))
          .get("resonates_with");
    } catch (NotFoundResponse e) {
      return List.of();
    }
  }

  /** The report of one title in one range; 404 for an unknown asset. */
  Map<String, Object> report(String assetId, ReportRange range) throws SQLException {
    Optional<Title> title = insights.store().title(assetId);
    try (Connection c = insights.read()) {
      if (title.isEmpty() && !anyView(c, insights.views(), assetId)) {
        throw new NotFoundResponse("no title with asset id '" + assetId + "' in the catalog or in views");
      }
      TitleCache.Entry<TitleBaselines.Baseline> baseline = baselines.of(range);
      TitleBaselines.Baseline platform = baseline.value();
      TitleViews views = new TitleViews(c, insights.views(), assetId, range, insights.clock().instant());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("asset_id", assetId);
      out.put("title", title.map(Title::title).orElse(null));
      out.put("kind", title.map(Title::kind).orElse(null));
      out.put("genres", title.map(Title::genres).orElse(List.of()));
      out.put("series", title.map(Title::series).orElse(null));
      out.put("series_id", title.map(Title::seriesId).orElse(null));
      out.put("runtime_s", title.map(Title::runtimeSeconds).orElse(null));
      out.put("range", range(range));
      views.headline(title.map(Title::runtimeSeconds).orElse(null), out);
      out.put("daily", views.daily(range));
      Set<String> viewers = views.viewers();
      AudienceComposition audience = new AudienceComposition(SmallCells.small(viewers.size()) ? Map.of()
          : views.audience(), platform);
      out.put("audience", audience.cells);
      out.put("resonates_with", audience.resonates);
      TitleBaselines.Asset own = platform.assets().get(assetId);
      String media = own != null ? own.mediaType()
          : "audio".equals(title.map(Title::mediaType).orElse(null)) ? "audio" : "video";
      out.put("similar", CoViewing.similar(assetId, media, viewers, platform));
      out.put("relative_retention", relative(assetId, title.orElse(null), (double[]) out.get("retention"), platform));
      actions(c, assetId, range, out);
      out.put("concurrent_viewers", SmallCells.count(views.openNow()));
      Map<String, Object> fresh = insights.freshness();
      fresh.put("baselines_as_of", baseline.computedAt().toString());
      fresh.put("baselines_max_age_s", TitleCache.MAX_AGE.toSeconds());
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

  private static boolean anyView(Connection c, String views, String assetId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + views + " v WHERE v.asset_id = ? LIMIT 1")) {
      p.setString(1, assetId);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
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
      TitleBaselines.Asset[] ofKind = platform.peers().getOrDefault(title.kind(), new TitleBaselines.Asset[0]);
      double lowest = runtime - PEER_RUNTIME_TOLERANCE * runtime;
      int lo = 0;
      int hi = ofKind.length;
      while (lo < hi) { // the first title of the kind whose runtime is at least the lowest a peer may have
        int mid = (lo + hi) >>> 1;
        if (ofKind[mid].runtimeS() < lowest) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int i = lo; i < ofKind.length && ofKind[i].runtimeS() <= runtime + PEER_RUNTIME_TOLERANCE * runtime; i++) {
        TitleBaselines.Asset p = ofKind[i];
        if (!p.assetId().equals(assetId) && Math.abs(p.runtimeS() - runtime) <= PEER_RUNTIME_TOLERANCE * runtime) {
          peers.add(p.curve());
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

  /** Puts {@code rating} and {@code watchlist_adds}, from {@code title_actions}. */
  private static void actions(Connection c, String assetId, ReportRange range, Map<String, Object> out)
      throws SQLException {
    String sql = "WITH r AS (SELECT arg_max(rating, (timestamp, log_pos)) AS rating FROM title_actions "
        + "WHERE asset_id = ? AND action = 'rated' AND timestamp < CAST(? AS TIMESTAMP) "
        + "GROUP BY coalesce(user_id, anonymous_id)) "
        + "SELECT (SELECT avg(rating) FROM r), (SELECT count(*) FROM r), "
        + "(SELECT count(DISTINCT coalesce(user_id, anonymous_id)) FROM title_actions WHERE asset_id = ? "
        + "AND action = 'watchlisted' AND timestamp >= CAST(? AS TIMESTAMP) AND timestamp < CAST(? AS TIMESTAMP))";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, assetId);
      p.setString(2, TitleSql.ts(range.end()));
      p.setString(3, assetId);
      TitleBaselines.bindRange(p, range, 4);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        long raters = r.getLong(2);
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("average", SmallCells.small(raters) ? null : r.getObject(1));
        rating.put("count", SmallCells.count(raters));
        out.put("rating", rating);
        out.put("watchlist_adds", SmallCells.count(r.getLong(3)));
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
