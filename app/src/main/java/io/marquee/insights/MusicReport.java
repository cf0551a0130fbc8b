package io.marquee.insights;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The music report, {@code GET /v1/insights/music}, over plays of audio ({@code views} rows with
 * {@code media_type = 'audio'}): a play is a stream after {@value Definitions#STREAM_SECONDS} s of
 * listening ({@link Definitions#IS_STREAM}, Spotify's rule) and a skip when stopped before; the
 * range's plays, streams, listeners (distinct viewers with a stream), skip rate (skips / plays),
 * hours listened, the active listeners of the 28 days ending at {@code to}, and the top tracks and
 * artists ({@code titles.artist}) by streams, with their listeners and skip rates.
 *
 * <p>Parameters: {@code from}, {@code to}, {@code tz} ({@link ReportRange}); {@code limit} (rows of
 * each top list, default 50, at most 1000); {@code format=csv} with {@code list=tracks} (the
 * default) or {@code artists}. Status codes: 200; 400 naming a bad parameter; 401 without a key;
 * 403 below {@code analyst}.
 *
 * <p>Small cells: the totals are shown only when at least 10 viewers played and 10 listened; a track
 * or artist with fewer than 10 listeners is left out of its top list (its rank would bound its
 * figures), and the number left out is given ({@code tracks_not_shown}, {@code artists_not_shown}).
 * The figures of a range are reused for at most 60 s while the views are unchanged ({@link
 * OverviewCache}); {@code freshness.computed_at} says when they were computed.
 */
final class MusicReport {
  static final int DEFAULT_LIMIT = 50;
  private static final List<String> TRACK_COLUMNS = List.of("asset_id", "title", "artist", "streams", "listeners",
      "plays", "skip_rate");
  private static final List<String> ARTIST_COLUMNS = List.of("artist", "tracks", "streams", "listeners", "plays",
      "skip_rate");
  private static final String AUDIO = "v.media_type = 'audio'";
  private static final String SKIP = "coalesce(v.watch_seconds, 0) < " + Definitions.STREAM_SECONDS;

  private final Insights insights;
  private final OverviewCache<Map<String, Object>> cache = new OverviewCache<>();

  MusicReport(Insights insights) {
    this.insights = insights;
  }

  void register(RoutesConfig routes) {
    routes.get("/v1/insights/music", this::handle);
  }

  private void handle(Context ctx) throws Exception {
    insights.authorize(ctx);
    ReportRange range = insights.range(ctx);
    int limit = ctx.queryParam("limit") == null || ctx.queryParam("limit").isBlank() ? DEFAULT_LIMIT
        : GenreReport.limit(ctx.queryParam("limit"));
    String list = ctx.queryParam("list") == null ? "tracks" : ctx.queryParam("list");
    if (!List.of("tracks", "artists").contains(list)) {
      throw new BadRequestResponse("list: '" + list + "' is not tracks or artists");
    }
    OverviewCache.Entry<Map<String, Object>> cached;
    try (Connection c = insights.read(); Statement s = c.createStatement()) {
      cached = cache.get(s, OverviewCache.key(range) + "/" + limit, insights.clock().instant(),
          st -> figures(st, range, limit));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("range", GenreReport.rangeJson(range));
    out.put("freshness", OverviewCache.freshness(insights, cached));
    out.putAll(cached.value());
    List<Map<String, Object>> tracks = cast(out.get("top_tracks"));
    List<Map<String, Object>> artists = cast(out.get("top_artists"));
    if (list.equals("artists")) {
      insights.answer(ctx, out, ARTIST_COLUMNS, artists);
    } else {
      insights.answer(ctx, out, TRACK_COLUMNS, tracks);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cast(Object rows) {
    return (List<Map<String, Object>>) rows;
  }

  /** Every figure of the report for one range and list length. */
  private static Map<String, Object> figures(Statement s, ReportRange range, int limit) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>(totals(s, range));
    List<Map<String, Object>> tracks = new ArrayList<>();
    List<Map<String, Object>> artists = new ArrayList<>();
    out.put("tracks_not_shown", top(s, range, "v.asset_id", "any_value(t.title), any_value(t.artist)", limit,
        tracks, true));
    out.put("artists_not_shown", top(s, range, "t.artist", "count(DISTINCT v.asset_id)", limit, artists, false));
    out.put("top_tracks", tracks);
    out.put("top_artists", artists);
    return out;
  }

  private static String between(Instant from, Instant to) {
    return "v.started_at >= " + GenreReport.ts(from) + " AND v.started_at < " + GenreReport.ts(to);
  }

  private static Map<String, Object> totals(Statement s, ReportRange range) throws SQLException {
    Instant month = range.to().minusDays(ReportRange.DEFAULT_DAYS - 1).atStartOfDay(range.zone()).toInstant();
    Instant lo = month.isBefore(range.start()) ? month : range.start();
    String in = between(range.start(), range.end());
    String sql = "SELECT count(*) FILTER (" + in + "), count(*) FILTER (" + in + " AND " + Definitions.IS_STREAM
        + "), count(*) FILTER (" + in + " AND " + SKIP + "), count(DISTINCT " + Definitions.VIEWER + ") FILTER ("
        + in + "), count(DISTINCT " + Definitions.VIEWER + ") FILTER (" + in + " AND " + Definitions.IS_STREAM
        + "), coalesce(sum(v.watch_seconds) FILTER (" + in + "), 0) / 3600.0, count(DISTINCT " + Definitions.VIEWER
        + ") FILTER (" + between(month, range.end()) + " AND " + Definitions.IS_STREAM + ") FROM views v WHERE "
        + AUDIO + " AND " + between(lo, range.end());
    Map<String, Object> m = new LinkedHashMap<>();
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      long plays = r.getLong(1);
      long streams = r.getLong(2);
      long skips = r.getLong(3);
      long players = r.getLong(4);
      long listeners = r.getLong(5);
      boolean hide = SmallCells.small(players) || SmallCells.small(listeners);
      m.put("plays", hide ? null : plays);
      m.put("streams", hide ? null : streams);
      m.put("skips", hide ? null : skips);
      m.put("skip_rate", hide || plays == 0 ? null : (double) skips / plays);
      m.put("listeners", SmallCells.count(listeners));
      m.put("hours_listened", hide ? null : r.getDouble(6));
      m.put("active_listeners_28d", SmallCells.count(r.getLong(7)));
    }
    return m;
  }

  /**
   * Fills {@code rows} with the top of one grouping by streams and answers how many groups were left
   * out for having fewer than 10 listeners.
   */
  private static long top(Statement s, ReportRange range, String key, String extra, int limit,
      List<Map<String, Object>> rows, boolean tracks) throws SQLException {
    String sql = "WITH g AS (SELECT " + key + " AS id, " + extra + ", count(*) FILTER (" + Definitions.IS_STREAM
        + ") AS streams, count(DISTINCT " + Definitions.VIEWER + ") FILTER (" + Definitions.IS_STREAM
        + ") AS listeners, count(*) AS plays, count(*) FILTER (" + SKIP + ") AS skips FROM views v "
        + (tracks ? "LEFT " : "") + "JOIN titles t ON t.asset_id = v.asset_id WHERE " + AUDIO + " AND "
        + between(range.start(), range.end()) + (tracks ? "" : " AND t.artist IS NOT NULL") + " GROUP BY " + key
        + ") SELECT *, (SELECT count(*) FROM g WHERE listeners < " + SmallCells.MIN_USERS + ") FROM g WHERE listeners >= "
        + SmallCells.MIN_USERS + " ORDER BY streams DESC, id LIMIT " + limit;
    long notShown = 0;
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        int k = tracks ? 4 : 3;
        Map<String, Object> m = new LinkedHashMap<>();
        if (tracks) {
          m.put("asset_id", r.getString(1));
          m.put("title", r.getString(2));
          m.put("artist", r.getString(3));
        } else {
          m.put("artist", r.getString(1));
          m.put("tracks", r.getLong(2));
        }
        m.put("streams", r.getLong(k));
        m.put("listeners", r.getLong(k + 1));
        m.put("plays", r.getLong(k + 2));
        m.put("skip_rate", r.getLong(k + 2) == 0 ? null : (double) r.getLong(k + 3) / r.getLong(k + 2));
        rows.add(m);
        notShown = r.getLong(k + 4);
      }
    }
    if (rows.isEmpty()) {
      try (ResultSet r = s.executeQuery("SELECT count(DISTINCT " + key + ") FROM views v " + (tracks ? "LEFT " : "")
          + "JOIN titles t ON t.asset_id = v.asset_id WHERE " + AUDIO + " AND " + between(range.start(), range.end())
          + (tracks ? "" : " AND t.artist IS NOT NULL"))) {
        r.next();
        notShown = r.getLong(1);
      }
    }
    return notShown;
  }
}
