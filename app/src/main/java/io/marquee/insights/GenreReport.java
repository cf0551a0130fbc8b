package io.marquee.insights;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The genre report, {@code GET /v1/insights/genres}: a league table of video genres with growth
 * against the previous period of the same length, the new releases of the range against their
 * genre's baseline, and the {@code promote} and {@code make_more} signals ({@link GenreSignals}),
 * each with the figures that triggered it. The releases and their baselines are {@link GenreReleases}.
 *
 * <p>Parameters: {@code from}, {@code to}, {@code tz} ({@link ReportRange}); {@code limit} (new
 * releases shown, default 100, at most 1000); {@code format=csv} with {@code list=genres} (the
 * default), {@code new_releases} or {@code signals}. Status codes: 200; 400 naming a bad parameter;
 * 401 without a key; 403 below {@code analyst}.
 *
 * <p>A title counts in every genre it lists; a release (a title whose first view ever falls in the
 * range) is compared with releases of its primary genre (the first it lists). New releases come
 * busiest first (first-7-day views), those seen by fewer than 10 viewers in their first 7 days after
 * all the others, by first view. Music has its own
 * report ({@link MusicReport}) and is left out here. Figures built from fewer than 10 viewers are
 * suppressed ({@link SmallCells}). The figures of a range are reused for at most 60 s while the
 * views are unchanged ({@link OverviewCache}); {@code freshness.computed_at} says when they were
 * computed.
 */
final class GenreReport {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final List<String> GENRE_COLUMNS = List.of("genre", "titles", "views", "unique_viewers",
      "hours_watched", "completion_rate", "previous_views", "previous_hours_watched", "growth", "hours_growth");
  private static final List<String> RELEASE_COLUMNS = List.of("asset_id", "title", "kind", "genre", "first_view_at",
      "views_7d", "views_28d", "completion_7d", "genre_median_views_7d", "genre_median_views_28d",
      "baseline_releases_7d", "baseline_releases_28d");
  private static final List<String> SIGNAL_COLUMNS = List.of("signal", "kind", "id", "name", "figures");

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private final Insights insights;
  private final OverviewCache<Figures> cache = new OverviewCache<>();

  /** What the SQL of one range gives; the JSON is built from it per request. */
  private record Figures(List<GenreRow> table, GenreReleases releases, List<GenreRow> series,
      double platformMedian) {}

  GenreReport(Insights insights) {
    this.insights = insights;
  }

  void register(RoutesConfig routes) {
    routes.get("/v1/insights/genres", this::handle);
  }

  private void handle(Context ctx) throws Exception {
    insights.authorize(ctx);
    ReportRange range = insights.range(ctx);
    int limit = limit(ctx.queryParam("limit"));
    String list = ctx.queryParam("list") == null ? "genres" : ctx.queryParam("list");
    if (!List.of("genres", "new_releases", "signals").contains(list)) {
      throw new BadRequestResponse("list: '" + list + "' is not genres, new_releases or signals");
    }
    Instant now = insights.clock().instant();
    OverviewCache.Entry<Figures> cached;
    try (Connection c = insights.read(); Statement s = c.createStatement()) {
      cached = cache.get(s, OverviewCache.key(range), now, st -> new Figures(league(st, range),
          GenreReleases.query(st, range, now), series(st, range), platformMedianCompletion(st, range)));
    }
    Figures fig = cached.value();
    List<Map<String, Object>> genres = new ArrayList<>();
    for (GenreRow g : fig.table()) {
      genres.add(g.json());
    }
    List<Map<String, Object>> releases = fig.releases().shown(limit);
    List<Map<String, Object>> signals = new ArrayList<>(fig.releases().promotions());
    for (GenreRow g : fig.table()) {
      if (g.publishable()) {
        add(signals, "genre", g.genre, g.genre,
            GenreSignals.makeMore(g.hours, g.previousHours, g.completionRate(), fig.platformMedian()));
      }
    }
    for (GenreRow series : fig.series()) {
      if (series.publishable()) {
        add(signals, "series", series.id, series.genre,
            GenreSignals.makeMore(series.hours, series.previousHours, series.completionRate(), fig.platformMedian()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("range", rangeJson(range));
    out.put("freshness", OverviewCache.freshness(insights, cached));
    out.put("genres", genres);
    out.put("new_releases", releases);
    out.put("signals", signals);
    switch (list) {
      case "new_releases" -> insights.answer(ctx, out, RELEASE_COLUMNS, GenreReleases.flatten(releases));
      case "signals" -> insights.answer(ctx, out, SIGNAL_COLUMNS, signals);
      default -> insights.answer(ctx, out, GENRE_COLUMNS, genres);
    }
  }

  static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequestResponse("limit: '" + value + "' is not a whole number from 1 to " + MAX_LIMIT);
  }

  static Map<String, Object> rangeJson(ReportRange range) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("from", range.from().toString());
    r.put("to", range.to().toString());
    r.put("tz", range.zone().getId());
    return r;
  }

  /** A TIMESTAMP literal of an instant in UTC (the store's clock); never from request text. */
  static String ts(Instant at) {
    return "TIMESTAMP '" + LocalDateTime.ofInstant(at, ZoneOffset.UTC).format(TIMESTAMP) + "'";
  }

  private static void add(List<Map<String, Object>> signals, String kind, String id, String name,
      Map<String, Object> figures) {
    if (figures == null) {
      return;
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("signal", "make_more");
    s.put("kind", kind);
    s.put("id", id);
    s.put("name", name);
    s.put("figures", figures);
    signals.add(s);
  }

  private static final String FIGURES = """
      count(DISTINCT v.asset_id) FILTER (cur AND %1$s) AS titles,
      count(*) FILTER (cur AND %1$s) AS views,
      count(DISTINCT %2$s) FILTER (cur AND %1$s) AS viewers,
      coalesce(sum(v.watch_seconds) FILTER (cur AND %1$s), 0) / 3600.0 AS hours,
      count(*) FILTER (cur AND %1$s AND v.completed) AS completed,
      count(*) FILTER (NOT cur AND %1$s) AS p_views,
      count(DISTINCT %2$s) FILTER (NOT cur AND %1$s) AS p_viewers,
      coalesce(sum(v.watch_seconds) FILTER (NOT cur AND %1$s), 0) / 3600.0 AS p_hours
      """.formatted(Definitions.IS_VIEW, Definitions.VIEWER);

  /** The views of the range and of the one before, with {@code cur} telling them apart. */
  private static String periods(ReportRange range) {
    return "(SELECT *, started_at >= " + ts(range.start()) + " AS cur FROM views WHERE started_at >= "
        + ts(range.previous().start()) + " AND started_at < " + ts(range.end()) + ") v";
  }

  private static List<GenreRow> league(Statement s, ReportRange range) throws SQLException {
    String sql = "SELECT g.genre, " + FIGURES + " FROM " + periods(range)
        + " JOIN (SELECT asset_id, unnest(genres) AS genre FROM titles) g ON g.asset_id = v.asset_id"
        + " WHERE " + Definitions.IS_VIDEO + " GROUP BY g.genre";
    List<GenreRow> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(GenreRow.of(r.getString(1), r.getString(1), r));
      }
    }
    out.removeIf(g -> g.views == 0 && g.previousViews == 0);
    // most hours first; genres under 10 viewers after all the others, by name (a rank would bound them)
    out.sort(Comparator.comparing((GenreRow g) -> SmallCells.small(g.viewers))
        .thenComparingDouble(g -> SmallCells.small(g.viewers) ? 0 : -g.hours).thenComparing(g -> g.genre));
    return out;
  }

  private static List<GenreRow> series(Statement s, ReportRange range) throws SQLException {
    String sql = "SELECT t.series_id, max(t.series), " + FIGURES + " FROM " + periods(range)
        + " JOIN titles t ON t.asset_id = v.asset_id WHERE t.series_id IS NOT NULL AND " + Definitions.IS_VIDEO
        + " GROUP BY t.series_id ORDER BY t.series_id";
    List<GenreRow> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(GenreRow.of(r.getString(1), r.getString(2) == null ? r.getString(1) : r.getString(2), r));
      }
    }
    return out;
  }

  /**
   * The median completion rate of the platform's video titles in the range: over titles seen by at
   * least {@value SmallCells#MIN_USERS} viewers, so that it is built from no smaller cell.
   */
  private static double platformMedianCompletion(Statement s, ReportRange range) throws SQLException {
    String sql = "SELECT count(*) FILTER (v.completed) / count(*) FROM views v WHERE " + Definitions.IS_VIEW
        + " AND " + Definitions.IS_VIDEO + " AND v.started_at >= " + ts(range.start()) + " AND v.started_at < "
        + ts(range.end()) + " GROUP BY v.asset_id HAVING count(DISTINCT " + Definitions.VIEWER + ") >= "
        + SmallCells.MIN_USERS;
    List<Double> rates = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rates.add(r.getDouble(1));
      }
    }
    return GenreSignals.median(rates.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** One genre's (or series') figures in the range and in the previous period. */
  private static final class GenreRow {
    String id;
    String genre;
    long titles;
    long views;
    long viewers;
    double hours;
    long completed;
    long previousViews;
    long previousViewers;
    double previousHours;

    static GenreRow of(String id, String name, ResultSet r) throws SQLException {
      GenreRow g = new GenreRow();
      int k = r.findColumn("titles");
      g.id = id;
      g.genre = name;
      g.titles = r.getLong(k);
      g.views = r.getLong(k + 1);
      g.viewers = r.getLong(k + 2);
      g.hours = r.getDouble(k + 3);
      g.completed = r.getLong(k + 4);
      g.previousViews = r.getLong(k + 5);
      g.previousViewers = r.getLong(k + 6);
      g.previousHours = r.getDouble(k + 7);
      return g;
    }

    boolean publishable() {
      return !SmallCells.small(viewers) && !SmallCells.small(previousViewers);
    }

    double completionRate() {
      return views == 0 ? 0 : (double) completed / views;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      boolean small = SmallCells.small(viewers);
      boolean previousSmall = SmallCells.small(previousViewers);
      m.put("genre", genre);
      m.put("titles", small ? null : titles);
      m.put("views", small ? null : views);
      m.put("unique_viewers", SmallCells.count(viewers));
      m.put("hours_watched", small ? null : hours);
      m.put("completion_rate", small || views == 0 ? null : completionRate());
      m.put("previous_views", previousSmall ? null : previousViews);
      m.put("previous_unique_viewers", SmallCells.count(previousViewers));
      m.put("previous_hours_watched", previousSmall ? null : previousHours);
      m.put("growth", small || previousSmall || previousViews == 0 ? null
          : (double) (views - previousViews) / previousViews);
      m.put("hours_growth", small || previousSmall || previousHours == 0 ? null
          : (hours - previousHours) / previousHours);
      return m;
    }
  }
}
