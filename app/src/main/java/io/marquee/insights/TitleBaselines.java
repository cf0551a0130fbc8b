package io.marquee.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform-wide figures a title report compares one title against, which do not depend on the
 * title: the composition of all active viewers per audience dimension, each title's viewer count
 * (for co-viewing's cosine) and each title's retention curve (for the median curve of its peers).
 * Computed once per range and kept at most {@link #MAX_AGE} (the report's freshness says when),
 * so a title report reads only its own title's views.
 */
final class TitleBaselines {
  /** How long one range's baselines are reused. */
  static final Duration MAX_AGE = Duration.ofSeconds(60);
  /** Ranges kept at once (each is small: a few numbers per title and per audience cell). */
  private static final int MAX_RANGES = 16;
  /** The audience dimensions, as {@code profiles} columns. */
  static final List<String> DIMENSIONS = List.of("age_bracket", "gender", "country");

  /**
   * One title's curve and what decides whether it is a peer of another.
   *
   * @param views views with a coverage mask (the curve's denominator)
   * @param viewers distinct viewers of those views
   */
  record Curve(String assetId, String kind, Integer runtimeS, long views, long viewers, double[] points) {}

  /**
   * The baselines of one range.
   *
   * @param audience per dimension, the active viewers of each known value
   * @param known per dimension, the active viewers with that dimension known
   * @param viewers each title's distinct viewers (views only)
   * @param curves the retention curve of every title with views in the range
   * @param computedAt when they were computed
   */
  record Baseline(Map<String, Map<String, Long>> audience, Map<String, Long> known, Map<String, Long> viewers,
      List<Curve> curves, Instant computedAt) {}

  private record Key(Instant start, Instant end) {}

  private final Clock clock;
  private final Map<Key, Baseline> cache = new LinkedHashMap<>();

  TitleBaselines(Clock clock) {
    this.clock = clock;
  }

  /** The baselines of {@code range}, computed on {@code c} when none younger than {@link #MAX_AGE} is kept. */
  synchronized Baseline of(Connection c, ReportRange range) throws SQLException {
    Key key = new Key(range.start(), range.end());
    Instant now = clock.instant();
    Baseline b = cache.get(key);
    if (b != null && Duration.between(b.computedAt(), now).compareTo(MAX_AGE) <= 0) {
      return b;
    }
    for (Iterator<Baseline> it = cache.values().iterator(); it.hasNext();) {
      if (Duration.between(it.next().computedAt(), now).compareTo(MAX_AGE) > 0) {
        it.remove();
      }
    }
    if (cache.size() >= MAX_RANGES) {
      cache.remove(cache.keySet().iterator().next());
    }
    b = compute(c, range, now);
    cache.put(key, b);
    return b;
  }

  private static Baseline compute(Connection c, ReportRange range, Instant now) throws SQLException {
    Map<String, Map<String, Long>> audience = new HashMap<>();
    Map<String, Long> known = new HashMap<>();
    for (String d : DIMENSIONS) {
      audience.put(d, new HashMap<>());
      known.put(d, 0L);
    }
    try (PreparedStatement p = c.prepareStatement("WITH w AS (SELECT DISTINCT v.user_id FROM views v WHERE "
        + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW + " AND v.user_id IS NOT NULL) "
        + "SELECT p.age_bracket, p.gender, p.country, GROUPING(p.age_bracket), GROUPING(p.gender), count(*) "
        + "FROM w JOIN profiles p ON p.user_id = w.user_id "
        + "GROUP BY GROUPING SETS ((p.age_bracket), (p.gender), (p.country))")) {
      bindRange(p, range, 1);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String dim = r.getInt(4) == 0 ? "age_bracket" : r.getInt(5) == 0 ? "gender" : "country";
          String value = r.getString(dim.equals("age_bracket") ? 1 : dim.equals("gender") ? 2 : 3);
          if (value != null) {
            audience.get(dim).put(value, r.getLong(6));
            known.merge(dim, r.getLong(6), Long::sum);
          }
        }
      }
    }
    Map<String, Long> viewers = new HashMap<>();
    List<Curve> curves = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT a.*, t.kind, t.runtime_s FROM (SELECT v.asset_id, "
        + "count(DISTINCT " + Definitions.VIEWER + "), count(*) FILTER (WHERE v.coverage IS NOT NULL), "
        + "count(DISTINCT " + Definitions.VIEWER + ") FILTER (WHERE v.coverage IS NOT NULL), "
        + TitleSql.POINTS + " FROM views v WHERE " + TitleSql.IN_RANGE + " AND " + Definitions.IS_VIEW
        + " GROUP BY v.asset_id) a LEFT JOIN titles t ON t.asset_id = a.asset_id")) {
      bindRange(p, range, 1);
      try (ResultSet r = p.executeQuery()) {
        int first = 5;
        while (r.next()) {
          viewers.put(r.getString(1), r.getLong(2));
          long withMask = r.getLong(3);
          if (withMask > 0) {
            long[] watched = new long[Definitions.RETENTION_POINTS];
            for (int k = 0; k < watched.length; k++) {
              watched[k] = r.getLong(first + k);
            }
            int after = first + watched.length;
            curves.add(new Curve(r.getString(1), r.getString(after), (Integer) r.getObject(after + 1), withMask,
                r.getLong(4), RetentionCurve.of(watched, withMask)));
          }
        }
      }
    }
    return new Baseline(audience, known, viewers, curves, now);
  }

  /** Binds the range's start and end as parameters {@code at} and {@code at + 1}. */
  static void bindRange(PreparedStatement p, ReportRange range, int at) throws SQLException {
    p.setString(at, TitleSql.ts(range.start()));
    p.setString(at + 1, TitleSql.ts(range.end()));
  }
}
