package io.marquee.insights;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The platform-wide figures a title report compares one title against, which do not depend on the
 * title: the composition of all active viewers per audience dimension, each title's viewers and
 * retention curve (for the median curve of its peers), and which titles each viewer viewed (for
 * co-viewing). Computed in three statements once per range and kept at most {@link TitleCache#MAX_AGE}
 * (the report's freshness says when), so a title report reads only its own title's views.
 */
final class TitleBaselines {
  /** The audience dimensions, as {@code profiles} columns. */
  static final List<String> DIMENSIONS = List.of("age_bracket", "gender", "country");

  /**
   * One title's figures in the range.
   *
   * @param mediaType {@code video}, or {@code audio} when every view was of audio
   * @param viewers distinct viewers of its views
   * @param maskedViews views with a coverage mask (the curve's denominator)
   * @param maskedViewers distinct viewers of those views
   * @param curve its retention curve, null without masked views
   */
  record Asset(String assetId, String title, String kind, String mediaType, Integer runtimeS, long viewers,
      long maskedViews, long maskedViewers, double[] curve) {}

  /**
   * The baselines of one range.
   *
   * @param audience per dimension, the active viewers of each known value
   * @param known per dimension, the active viewers with that dimension known
   * @param assets every title with views in the range, by asset id
   * @param viewed per viewer, the titles they viewed (indexes into {@code assetIds})
   * @param assetIds the asset id of each index
   */
  record Baseline(Map<String, Map<String, Long>> audience, Map<String, Long> known, Map<String, Asset> assets,
      Map<String, int[]> viewed, List<String> assetIds, Map<String, Asset[]> peers) {

    Baseline(Map<String, Map<String, Long>> audience, Map<String, Long> known, Map<String, Asset> assets,
        Map<String, int[]> viewed, List<String> assetIds) {
      this(audience, known, assets, viewed, assetIds, peers(assets));
    }

    /**
     * The titles that may be a peer in a median retention curve ({@link TitleReport#relative}),
     * per kind, by runtime: so a report finds its peers by a binary search, not a pass over
     * every title.
     */
    private static Map<String, Asset[]> peers(Map<String, Asset> assets) {
      Map<String, List<Asset>> byKind = new HashMap<>();
      for (Asset a : assets.values()) {
        if (a.kind() != null && a.runtimeS() != null && a.curve() != null
            && a.maskedViews() >= TitleReport.PEER_MIN_VIEWS && !SmallCells.small(a.maskedViewers())) {
          byKind.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a);
        }
      }
      Map<String, Asset[]> out = new HashMap<>();
      byKind.forEach((kind, list) -> out.put(kind, list.stream()
          .sorted(java.util.Comparator.comparingInt(Asset::runtimeS).thenComparing(Asset::assetId))
          .toArray(Asset[]::new)));
      return out;
    }
  }

  private final TitleCache<Baseline> cache;

  /**
   * Baselines computed on connections from {@code source}, reading the views from the SQL {@code
   * views} gives at each computation ({@link Insights#views}).
   */
  TitleBaselines(Clock clock, TitleCache.Source source, Supplier<String> views) {
    this.cache = new TitleCache<>(clock, source, (c, range) -> compute(c, views.get(), range));
  }

  /** Forgets the kept baselines ({@link TitleCache#clear}), after an erasure. */
  void clear() {
    cache.clear();
  }

  /** The baselines of {@code range} ({@link TitleCache#get}). */
  TitleCache.Entry<Baseline> of(ReportRange range) throws SQLException {
    return cache.get(range);
  }

  static Baseline compute(Connection c, String views, ReportRange range) throws SQLException {
    Map<String, Map<String, Long>> audience = new HashMap<>();
    Map<String, Long> known = new HashMap<>();
    for (String d : DIMENSIONS) {
      audience.put(d, new HashMap<>());
      known.put(d, 0L);
    }
    try (PreparedStatement p = c.prepareStatement("WITH w AS (SELECT DISTINCT v.user_id FROM " + views + " v WHERE "
        + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW + " AND v.user_id IS NOT NULL) "
        + "SELECT p.age_bracket, p.gender, p.country, GROUPING(p.age_bracket), GROUPING(p.gender), count(*) "
        + "FROM w JOIN profiles p ON p.user_id = w.user_id "
        + "GROUP BY GROUPING SETS ((p.age_bracket), (p.gender), (p.country))")) {
      bindRange(p, range, 1);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          int col = r.getInt(4) == 0 ? 1 : r.getInt(5) == 0 ? 2 : 3;
          String value = r.getString(col);
          if (value != null) {
            String dim = DIMENSIONS.get(col - 1);
            audience.get(dim).put(value, r.getLong(6));
            known.merge(dim, r.getLong(6), Long::sum);
          }
        }
      }
    }
    Map<String, Asset> assets = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT a.*, t.title, t.kind, t.runtime_s FROM (SELECT v.asset_id, "
        + "count(DISTINCT " + Definitions.VIEWER + "), count(*) FILTER (WHERE v.coverage IS NOT NULL), "
        + "count(DISTINCT " + Definitions.VIEWER + ") FILTER (WHERE v.coverage IS NOT NULL), "
        + TitleSql.POINTS + ", CASE WHEN bool_or(" + Definitions.IS_VIDEO + ") THEN 'video' ELSE 'audio' END "
        + "FROM " + views + " v WHERE " + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW
        + " GROUP BY v.asset_id) a LEFT JOIN titles t ON t.asset_id = a.asset_id")) {
      bindRange(p, range, 1);
      try (ResultSet r = p.executeQuery()) {
        int first = 5;
        int after = first + Definitions.RETENTION_POINTS + 1;
        while (r.next()) {
          long masked = r.getLong(3);
          long[] watched = new long[Definitions.RETENTION_POINTS];
          for (int k = 0; k < watched.length; k++) {
            watched[k] = r.getLong(first + k);
          }
          assets.put(r.getString(1), new Asset(r.getString(1), r.getString(after), r.getString(after + 1),
              r.getString(after - 1), (Integer) r.getObject(after + 2), r.getLong(2), masked, r.getLong(4),
              RetentionCurve.of(watched, masked)));
        }
      }
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> ids = new ArrayList<>();
    Map<String, int[]> viewed = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT " + Definitions.VIEWER + ", list(DISTINCT v.asset_id) "
        + "FROM " + views + " v WHERE " + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW + " GROUP BY 1")) {
      bindRange(p, range, 1);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String viewer = r.getString(1);
          Array list = r.getArray(2);
          if (viewer == null || list == null) {
            continue;
          }
          Object[] titles = (Object[]) list.getArray();
          int[] out = new int[titles.length];
          for (int i = 0; i < titles.length; i++) {
            String id = (String) titles[i];
            out[i] = index.computeIfAbsent(id, k -> {
              ids.add(k);
              return ids.size() - 1;
            });
          }
          viewed.put(viewer, out);
        }
      }
    }
    return new Baseline(audience, known, assets, viewed, ids);
  }

  /** Binds the range's start and end as parameters {@code at} and {@code at + 1}. */
  static void bindRange(PreparedStatement p, ReportRange range, int at) throws SQLException {
    p.setString(at, TitleSql.ts(range.start()));
    p.setString(at + 1, TitleSql.ts(range.end()));
  }
}
