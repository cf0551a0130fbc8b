package io.marquee.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The new releases of a range against their genres' baselines, for {@link GenreReport}: every
 * title's first 7 and 28 days since its first view ever, the releases of the range among them, each
 * primary genre's median release, and the {@code promote} signals ({@link GenreSignals#promote}).
 */
final class GenreReleases {
  /**
   * Every title's first 7 and 28 days since its first view ever, for the titles first viewed before
   * the range ends: those inside the range are its new releases, those whose window is over (by now)
   * and who had at least 10 viewers in it make their primary genre's baseline.
   */
  static GenreReleases query(Statement s, ReportRange range, Instant now) throws SQLException {
    // per title and viewer first (cheaper than distinct counts), then per title; titles joined last
    String in7 = "v.started_at < f.first_at + INTERVAL 7 DAY";
    String sql = "WITH f AS (SELECT v.asset_id, min(v.started_at) AS first_at FROM views v WHERE "
        + Definitions.IS_VIEW + " AND " + Definitions.IS_VIDEO + " GROUP BY v.asset_id HAVING min(v.started_at) < "
        + GenreReport.ts(range.end()) + "), pv AS (SELECT v.asset_id, any_value(f.first_at) AS first_at, "
        + "count(*) FILTER (" + in7 + ") AS views_7, count(*) FILTER (" + in7 + " AND v.completed) AS completed_7, "
        + "count(*) AS views_28, count(*) FILTER (v.completed) AS completed_28 FROM f JOIN views v "
        + "ON v.asset_id = f.asset_id AND " + Definitions.IS_VIEW + " AND v.started_at < f.first_at + INTERVAL 28 DAY "
        + "GROUP BY v.asset_id, " + Definitions.VIEWER + "), "
        + "a AS (SELECT asset_id, any_value(first_at) AS first_at, sum(views_7) AS views_7, "
        + "count(*) FILTER (views_7 > 0) AS viewers_7, sum(completed_7) AS completed_7, sum(views_28) AS views_28, "
        + "count(*) AS viewers_28, sum(completed_28) AS completed_28 FROM pv GROUP BY asset_id) "
        + "SELECT a.asset_id, t.title, t.kind, t.genres[1], a.first_at, a.views_7, a.viewers_7, a.completed_7, "
        + "a.views_28, a.viewers_28, a.completed_28 FROM a LEFT JOIN titles t ON t.asset_id = a.asset_id";
    List<Release> all = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        Instant first = r.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC);
        all.add(new Release(r.getString(1), r.getString(2), r.getString(3), r.getString(4), first,
            new long[] {r.getLong(6), r.getLong(7), r.getLong(8)}, new long[] {r.getLong(9), r.getLong(10),
                r.getLong(11)}));
      }
    }
    return new GenreReleases(all, range, now);
  }

  private final List<Release> inRange = new ArrayList<>();
  private final Map<String, Baseline> baselines = new TreeMap<>();

  private GenreReleases(List<Release> all, ReportRange range, Instant now) {
    Map<String, List<Release>> byGenre = new TreeMap<>();
    for (Release r : all) {
      if (r.genre != null) {
        byGenre.computeIfAbsent(r.genre, g -> new ArrayList<>()).add(r);
      }
      if (!r.first.isBefore(range.start()) && r.first.isBefore(range.end())) {
        inRange.add(r);
      }
    }
    byGenre.forEach((g, rs) -> baselines.put(g, new Baseline(rs, now)));
    // releases that can be shown first, busiest first; then the small ones, whose rank among the
    // others would bound their suppressed figures, by when they were first viewed
    inRange.sort(Comparator.comparing((Release r) -> SmallCells.small(r.w7[1]))
        .thenComparingLong(r -> SmallCells.small(r.w7[1]) ? r.first.toEpochMilli() : -r.w7[0])
        .thenComparing(r -> r.assetId));
  }

  List<Map<String, Object>> shown(int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Release r : inRange.subList(0, Math.min(limit, inRange.size()))) {
      out.add(r.json(baselines.get(r.genre)));
    }
    return out;
  }

  List<Map<String, Object>> promotions() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Release r : inRange) {
      Baseline b = baselines.get(r.genre);
      if (b == null || SmallCells.small(r.w7[1])) {
        continue;
      }
      Map<String, Object> figures = GenreSignals.promote(r.w7[0], r.completion7(), b.medianViews7,
          b.medianCompletion7, b.releases7);
      if (figures != null) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("signal", "promote");
        s.put("kind", "title");
        s.put("id", r.assetId);
        s.put("name", r.title);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("genre", r.genre);
        f.putAll(figures);
        s.put("figures", f);
        out.add(s);
      }
    }
    return out;
  }

  /** A genre's median release over the first 7 and 28 days, over releases whose window is over. */
  private static final class Baseline {
    final int releases7;
    final int releases28;
    final double medianViews7;
    final double medianCompletion7;
    final double medianViews28;

    Baseline(List<Release> releases, Instant now) {
      List<Release> done7 = new ArrayList<>();
      List<Release> done28 = new ArrayList<>();
      for (Release r : releases) {
        if (!r.first.plus(7, ChronoUnit.DAYS).isAfter(now) && !SmallCells.small(r.w7[1])) {
          done7.add(r);
        }
        if (!r.first.plus(28, ChronoUnit.DAYS).isAfter(now) && !SmallCells.small(r.w28[1])) {
          done28.add(r);
        }
      }
      releases7 = done7.size();
      releases28 = done28.size();
      medianViews7 = GenreSignals.median(done7.stream().mapToDouble(r -> r.w7[0]).toArray());
      medianCompletion7 = GenreSignals.median(done7.stream().mapToDouble(Release::completion7).toArray());
      medianViews28 = GenreSignals.median(done28.stream().mapToDouble(r -> r.w28[0]).toArray());
    }
  }

  /** One title's first days: {@code w7} and {@code w28} hold views, viewers and completed views. */
  private record Release(String assetId, String title, String kind, String genre, Instant first, long[] w7,
      long[] w28) {
    double completion7() {
      return w7[0] == 0 ? 0 : (double) w7[2] / w7[0];
    }

    Map<String, Object> json(Baseline b) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("asset_id", assetId);
      m.put("title", title);
      m.put("kind", kind);
      m.put("genre", genre);
      m.put("first_view_at", first.toString());
      boolean small7 = SmallCells.small(w7[1]);
      boolean small28 = SmallCells.small(w28[1]);
      m.put("viewers_7d", SmallCells.count(w7[1]));
      m.put("views_7d", small7 ? null : w7[0]);
      m.put("completion_7d", small7 ? null : completion7());
      m.put("viewers_28d", SmallCells.count(w28[1]));
      m.put("views_28d", small28 ? null : w28[0]);
      Map<String, Object> base = new LinkedHashMap<>();
      base.put("releases_7d", b == null ? 0 : b.releases7);
      base.put("median_views_7d", b == null || b.releases7 == 0 ? null : b.medianViews7);
      base.put("median_completion_7d", b == null || b.releases7 == 0 ? null : b.medianCompletion7);
      base.put("releases_28d", b == null ? 0 : b.releases28);
      base.put("median_views_28d", b == null || b.releases28 == 0 ? null : b.medianViews28);
      m.put("baseline", base);
      return m;
    }
  }

  /** The release rows as CSV cells (the baseline's figures beside the release's). */
  static List<Map<String, Object>> flatten(List<Map<String, Object>> releases) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : releases) {
      Map<String, Object> row = new LinkedHashMap<>(r);
      @SuppressWarnings("unchecked")
      Map<String, Object> base = (Map<String, Object>) row.remove("baseline");
      row.put("genre_median_views_7d", base.get("median_views_7d"));
      row.put("genre_median_views_28d", base.get("median_views_28d"));
      row.put("baseline_releases_7d", base.get("releases_7d"));
      row.put("baseline_releases_28d", base.get("releases_28d"));
      out.add(row);
    }
    return out;
  }
}
