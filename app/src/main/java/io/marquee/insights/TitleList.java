package io.marquee.insights;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The titles list, {@code GET /v1/insights/titles}: one row per title with views in the range,
 * with its headline figures and growth against the previous period of the same length.
 *
 * <p>Parameters: {@code from}, {@code to}, {@code tz} ({@link ReportRange}); {@code sort} = {@code
 * views} (default), {@code hours}, {@code full_view_equivalents}, {@code completion_rate} or {@code
 * growth}, always highest first, ties by asset id; {@code media_type} = {@code all} (default), {@code
 * video} (titles with a video view) or {@code audio} (tracks, whose views are streams); {@code kind}
 * (exact), {@code genre} (one of the title's genres, case-insensitive), {@code q} (case-insensitive
 * substring of the title); {@code limit} 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}) and {@code offset} for paging
 * ({@code total} is the count of matching rows); {@code format=csv} answers the page's rows.
 *
 * <p>A title with fewer than {@link SmallCells#MIN_USERS} viewers shows {@code "<10"} for its counts
 * and null for every other figure, and sorts after every shown row (by asset id), so its rank says
 * nothing about its figures. Growth is null when the previous period had no views or fewer than
 * {@link SmallCells#MIN_USERS} viewers.
 *
 * <p>The rows of a range (every title, before filters) are computed in one statement and kept up to
 * {@link TitleCache#MAX_AGE} ({@code freshness.computed_at}), so sorting, filtering and paging cost
 * no scan.
 *
 * <p>Status codes: 200; 400 naming a bad parameter (an unknown sort, a limit out of range); 401; 403.
 */
final class TitleList {
  static final String PATH = "/v1/insights/titles";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final List<String> COLUMNS = List.of("asset_id", "title", "kind", "views", "unique_viewers", "hours_watched",
      "full_view_equivalents", "completion_rate", "growth");
  static final List<String> MEDIA = List.of("video", "audio", "all");
  static final List<String> SORTS = List.of("views", "hours", "full_view_equivalents", "completion_rate", "growth");

  private final Insights insights;
  private final TitleCache<Rows> cache;

  TitleList(Insights insights) {
    this.insights = insights;
    this.cache = new TitleCache<>(insights.clock(), insights::read, (c, range) -> new Rows(rows(c, insights.views(), range)));
    insights.onErasure(cache::clear);
  }

  void register(RoutesConfig routes) {
    routes.get(PATH, this::handle);
  }

  private void handle(Context ctx) throws Exception {
    insights.authorize(ctx);
    ReportRange range = insights.range(ctx);
    String sort = param(ctx, "sort");
    sort = sort == null ? "views" : sort;
    if (!SORTS.contains(sort)) {
      throw new BadRequestResponse("sort: '" + sort + "' is not one of views, hours, full_view_equivalents, "
          + "completion_rate, growth");
    }
    int limit = integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    Insights.wantsCsv(ctx);
    String media = param(ctx, "media_type");
    media = media == null ? "all" : media;
    if (!MEDIA.contains(media)) {
      throw new BadRequestResponse("media_type: '" + media + "' is not one of video, audio, all");
    }
    Map<String, Object> report = report(range, sort, media, param(ctx, "kind"), param(ctx, "genre"), param(ctx, "q"),
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

  /**
   * One title's figures in a range and the period before it.
   *
   * @param mediaType {@code video}, or {@code audio} when every view was of audio
   * @param genres lower-cased
   */
  record Row(String assetId, String title, String kind, String mediaType, List<String> genres, Integer runtimeS, long views,
      long viewers, double seconds, long completed, long prevViews, long prevViewers) {
    boolean small() {
      return SmallCells.small(viewers);
    }

    /** The figure {@code sort} names, null when undefined (no runtime, no previous views). */
    Double key(String sort) {
      return switch (sort) {
        case "hours" -> seconds;
        case "full_view_equivalents" -> runtimeS == null || runtimeS <= 0 ? null : seconds / runtimeS;
        case "completion_rate" -> views == 0 ? null : (double) completed / views;
        case "growth" -> prevViews == 0 || SmallCells.small(prevViewers) ? null : (double) views / prevViews - 1;
        default -> (double) views;
      };
    }
  }

  Map<String, Object> report(ReportRange range, String sort, String media, String kind, String genre, String q,
      int limit, int offset) throws SQLException {
    TitleCache.Entry<Rows> all = cache.get(range);
    String g = genre == null ? null : genre.toLowerCase(Locale.ROOT);
    String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
    List<Row> rows = new ArrayList<>();
    for (Row r : all.value().sorted(sort)) {
      if ((media.equals("all") || media.equals(r.mediaType())) && (kind == null || kind.equals(r.kind()))
          && (g == null || r.genres().contains(g))
          && (needle == null || (r.title() != null && r.title().toLowerCase(Locale.ROOT).contains(needle)))) {
        rows.add(r);
      }
    }
    List<Map<String, Object>> page = new ArrayList<>();
    for (int i = offset; i < rows.size() && i < (long) offset + limit; i++) {
      page.add(json(rows.get(i)));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("range", TitleReport.range(range));
    out.put("sort", sort);
    out.put("media_type", media);
    out.put("total", rows.size());
    out.put("limit", limit);
    out.put("offset", offset);
    out.put("titles", page);
    Map<String, Object> fresh = insights.freshness();
    fresh.put("computed_at", all.computedAt().toString());
    fresh.put("max_age_s", TitleCache.MAX_AGE.toSeconds());
    out.put("freshness", fresh);
    return out;
  }

  private static Map<String, Object> json(Row r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("asset_id", r.assetId());
    row.put("title", r.title());
    row.put("kind", r.kind());
    boolean small = r.small();
    row.put("views", small ? SmallCells.SUPPRESSED : r.views());
    row.put("unique_viewers", SmallCells.count(r.viewers()));
    row.put("hours_watched", small ? null : r.seconds() / 3600);
    row.put("full_view_equivalents", small ? null : r.key("full_view_equivalents"));
    row.put("completion_rate", small ? null : r.key("completion_rate"));
    row.put("growth", small ? null : r.key("growth"));
    return row;
  }

  /** Every title with views in {@code range}: one statement over the range and the period before it. */
  /** A range's rows, and their order by each sort, computed once per sort and kept with the rows. */
  static final class Rows {
    private final List<Row> rows;
    private final Map<String, List<Row>> sorted = new java.util.concurrent.ConcurrentHashMap<>();

    Rows(List<Row> rows) {
      this.rows = List.copyOf(rows);
    }

    /**
     * The rows in the order of {@code sort}: shown rows by the figure, highest first (undefined
     * ones last), ties by asset id; rows under the threshold after them by asset id only.
     */
    List<Row> sorted(String sort) {
      return sorted.computeIfAbsent(sort, k -> {
        List<Row> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(Row::small)
            .thenComparing((Row r) -> r.small() ? null : r.key(k), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Row::assetId));
        return List.copyOf(out);
      });
    }
  }

  static List<Row> rows(Connection c, String views, ReportRange range) throws SQLException {
    String current = "v.started_at >= CAST(? AS TIMESTAMP)";
    String sql = "SELECT a.*, t.title, t.kind, t.runtime_s, list_transform(t.genres, g -> lower(g)) FROM (SELECT "
        + "v.asset_id, count(*) FILTER (WHERE " + current + "), "
        + "count(DISTINCT " + Definitions.VIEWER + ") FILTER (WHERE " + current + "), "
        + "coalesce(sum(v.watch_seconds) FILTER (WHERE " + current + "), 0), "
        + "count(*) FILTER (WHERE " + current + " AND v.completed), "
        + "count(*) FILTER (WHERE NOT (" + current + ")), "
        + "count(DISTINCT " + Definitions.VIEWER + ") FILTER (WHERE NOT (" + current + ")), "
        + "CASE WHEN bool_or(" + Definitions.IS_VIDEO + ") THEN 'video' ELSE 'audio' END "
        + "FROM " + views + " v WHERE " + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW + " GROUP BY v.asset_id) a "
        + "LEFT JOIN titles t ON t.asset_id = a.asset_id";
    List<Row> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      String start = TitleSql.ts(range.start());
      for (int i = 1; i <= 6; i++) {
        p.setString(i, start);
      }
      p.setString(7, TitleSql.ts(range.previous().start()));
      p.setString(8, TitleSql.ts(range.end()));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          if (r.getLong(2) == 0) {
            continue; // views only in the previous period
          }
          List<String> genres = new ArrayList<>();
          Array a = r.getArray(12);
          if (a != null) {
            for (Object g : (Object[]) a.getArray()) {
              genres.add(String.valueOf(g));
            }
          }
          out.add(new Row(r.getString(1), r.getString(9), r.getString(10), r.getString(8), genres,
              (Integer) r.getObject(11), r.getLong(2), r.getLong(3), r.getDouble(4), r.getLong(5), r.getLong(6),
              r.getLong(7)));
        }
      }
    }
    return out;
  }
}
