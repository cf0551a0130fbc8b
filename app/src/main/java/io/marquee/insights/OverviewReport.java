package io.marquee.insights;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The platform overview, {@code GET /v1/insights/overview}: concurrent viewers now and over the last
 * 24 hours ({@link ConcurrencySeries}); daily active viewers per day of the range; WAU, MAU, mean
 * DAU and stickiness (mean DAU / MAU) over the 7 and 28 days ending at {@code to}, overall and by
 * age bracket; the lifecycle of each week ({@link LifecycleWeek}); weekly cohorts of new viewers
 * with their retention ({@link CohortTable}). Active = at least one view ({@link Definitions#IS_VIEW}).
 *
 * <p>Parameters: {@code from}, {@code to}, {@code tz} ({@link ReportRange}); {@code format=csv} with
 * {@code list=daily} (the default), {@code age_brackets}, {@code lifecycle}, {@code cohorts} or
 * {@code concurrency}. Status codes: 200; 400 naming a bad parameter; 401 without a key; 403 below
 * {@code analyst}. Weeks are ISO weeks (Monday first, in {@code tz}) from the one holding {@code
 * from} to the one holding {@code to}, counted whole.
 *
 * <p>Cost: five statements, three when the cached figures serve: the table's version, concurrency
 * (two), activity and weeks. The activity, lifecycle and cohort figures are kept for at most
 * {@value OverviewCache#MAX_AGE_SECONDS} s per range and zone, and only while the {@code views}
 * table is unchanged ({@link OverviewCache}); the freshness block says when they were computed
 * ({@code computed_at}). Concurrency is computed on every request.
 */
final class OverviewReport {
  private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9/_+\\-]+");
  private static final List<String> LISTS = List.of("daily", "age_brackets", "lifecycle", "cohorts", "concurrency");

  private final Insights insights;
  private final OverviewCache<Computed> cache = new OverviewCache<>();

  OverviewReport(Insights insights) {
    this.insights = insights;
  }

  void register(RoutesConfig routes) {
    routes.get("/v1/insights/overview", this::handle);
  }

  /** The figures that depend on the range and the data, not on the instant of the request. */
  private record Computed(Map<String, Object> activity, List<Map<String, Object>> lifecycle,
      List<Map<String, Object>> cohorts) {}

  private void handle(Context ctx) throws Exception {
    insights.authorize(ctx);
    ReportRange range = insights.range(ctx);
    String list = ctx.queryParam("list") == null ? "daily" : ctx.queryParam("list");
    if (!LISTS.contains(list)) {
      throw new BadRequestResponse("list: '" + list + "' is not one of " + String.join(", ", LISTS));
    }
    Instant now = insights.clock().instant();
    Map<String, Object> concurrency;
    OverviewCache.Entry<Computed> cached;
    try (Connection c = insights.read(); Statement s = c.createStatement()) {
      concurrency = ConcurrencySeries.query(s, now);
      cached = cache.get(s, OverviewCache.key(range), now, st -> compute(st, range));
    }
    Computed figures = cached.value();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("range", GenreReport.rangeJson(range));
    out.put("freshness", OverviewCache.freshness(insights, cached));
    out.put("concurrent_viewers", concurrency);
    out.putAll(figures.activity());
    out.put("lifecycle", figures.lifecycle());
    out.put("cohorts", figures.cohorts());
    switch (list) {
      case "age_brackets" -> insights.answer(ctx, out, List.of("age_bracket", "dau", "mau", "stickiness"),
          cast(figures.activity().get("by_age_bracket")));
      case "lifecycle" -> insights.answer(ctx, out, List.of("week", "active", "new", "returning", "resurrecting",
          "dormant"), figures.lifecycle());
      case "cohorts" -> insights.answer(ctx, out, List.of("week", "size", "n", "active", "share",
          "unbounded_active", "unbounded_share"), cohortRows(figures.cohorts()));
      case "concurrency" -> insights.answer(ctx, out, List.of("at", "viewers"), cast(concurrency.get("last_24h")));
      default -> insights.answer(ctx, out, List.of("date", "dau"), cast(figures.activity().get("daily")));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cast(Object rows) {
    return (List<Map<String, Object>>) rows;
  }

  private static Computed compute(Statement s, ReportRange range) throws SQLException {
    Map<String, Object> activity = activity(s, range);
    List<Map<String, Object>> lifecycle = new ArrayList<>();
    List<Map<String, Object>> cohorts = new ArrayList<>();
    weeks(s, range, lifecycle, cohorts);
    return new Computed(activity, lifecycle, cohorts);
  }

  /** The local date (in {@code zone}) of a view's start, as SQL over {@code v.started_at}. */
  static String localDate(ZoneId zone) {
    return localDate(zone, "v.started_at");
  }

  /** The local date (in {@code zone}) of a UTC TIMESTAMP column, as SQL. */
  static String localDate(ZoneId zone, String column) {
    ZoneId z = zone.normalized();
    if (z instanceof ZoneOffset offset) {
      // no time zone database needed for a fixed offset (UTC included): the cheap path
      return offset.getTotalSeconds() == 0 ? "CAST(" + column + " AS DATE)"
          : "CAST(" + column + " + to_seconds(" + offset.getTotalSeconds() + ") AS DATE)";
    }
    String id = zone.getId();
    if (!ZONE_ID.matcher(id).matches()) {
      throw new BadRequestResponse("tz: '" + id + "' is not a zone these reports can use");
    }
    return "CAST(timezone('" + id + "', " + column + " AT TIME ZONE 'UTC') AS DATE)";
  }

  private static String date(LocalDate d) {
    return "DATE '" + d + "'";
  }

  /** DAU per day, WAU, MAU, mean DAU and stickiness, overall and by age bracket: one statement. */
  private static Map<String, Object> activity(Statement s, ReportRange range) throws SQLException {
    LocalDate monthStart = range.to().minusDays(ReportRange.DEFAULT_DAYS - 1);
    Instant lo = range.start().isBefore(monthStart.atStartOfDay(range.zone()).toInstant()) ? range.start()
        : monthStart.atStartOfDay(range.zone()).toInstant();
    // a: one row per viewer and active day; m: per viewer of the month, its active days
    String sql = "WITH a AS (SELECT " + Definitions.VIEWER + " AS u, " + localDate(range.zone()) + " AS d FROM views v"
        + " WHERE " + Definitions.IS_VIEW + " AND v.started_at >= " + GenreReport.ts(lo) + " AND v.started_at < "
        + GenreReport.ts(range.end()) + " GROUP BY ALL), "
        + "m AS (SELECT u, count(*) AS days FROM a WHERE d >= " + date(monthStart) + " GROUP BY u) "
        + "SELECT 'day' AS k, d, NULL::VARCHAR AS bracket, count(*) AS n, 0::BIGINT AS days FROM a WHERE d >= "
        + date(range.from()) + " GROUP BY d "
        + "UNION ALL SELECT 'wau', NULL::DATE, NULL::VARCHAR, count(DISTINCT u), 0 FROM a WHERE d >= "
        + date(range.to().minusDays(6)) + " "
        + "UNION ALL SELECT 'mau', NULL::DATE, coalesce(p.age_bracket, '" + OverviewActivity.UNKNOWN + "'), count(*), "
        + "sum(m.days) FROM m LEFT JOIN profiles p ON p.user_id = m.u GROUP BY 3";
    Map<LocalDate, Long> days = new TreeMap<>();
    long wau = 0;
    Map<String, long[]> brackets = new TreeMap<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        switch (r.getString(1)) {
          case "day" -> days.put(r.getObject(2, LocalDate.class), r.getLong(4));
          case "wau" -> wau = r.getLong(4);
          default -> brackets.put(r.getString(3), new long[] {r.getLong(4), r.getLong(5)});
        }
      }
    }
    return OverviewActivity.json(range, days, wau, brackets);
  }

  /**
   * The lifecycle of every week and the cohorts of the range's weeks: one statement. Only the
   * first view ever of each viewer needs the whole history; the rest reads the range's weeks and
   * the one before.
   */
  private static void weeks(Statement s, ReportRange range, List<Map<String, Object>> lifecycle,
      List<Map<String, Object>> cohorts) throws SQLException {
    LocalDate first = range.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate last = range.to().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant begin = first.minusWeeks(1).atStartOfDay(range.zone()).toInstant();
    Instant end = last.plusWeeks(1).atStartOfDay(range.zone()).toInstant();
    String w0 = date(first);
    String w1 = date(last);
    String week = "CAST(date_trunc('week', %s) AS DATE)";
    String sql = "WITH uw AS (SELECT DISTINCT " + Definitions.VIEWER + " AS u, " + week.formatted(localDate(range.zone()))
        + " AS w FROM views v WHERE " + Definitions.IS_VIEW + " AND v.started_at >= " + GenreReport.ts(begin)
        + " AND v.started_at < " + GenreReport.ts(end) + "), "
        + "f AS (SELECT " + Definitions.VIEWER + " AS u, min(v.started_at) AS first_at FROM views v WHERE "
        + Definitions.IS_VIEW + " AND v.started_at < " + GenreReport.ts(end) + " AND " + Definitions.VIEWER
        + " IN (SELECT u FROM uw) GROUP BY 1), "
        + "s AS (SELECT uw.w, " + week.formatted(localDate(range.zone(), "f.first_at")) + " AS fw, "
        + "lag(uw.w) OVER (PARTITION BY uw.u ORDER BY uw.w) AS pw, lead(uw.w) OVER (PARTITION BY uw.u ORDER BY uw.w) "
        + "AS nw, max(uw.w) OVER (PARTITION BY uw.u) AS lw FROM uw JOIN f ON f.u = uw.u) "
        + "SELECT 'new' AS k, w, 0 AS n, count(*) FROM s WHERE w BETWEEN " + w0 + " AND " + w1 + " AND fw = w "
        + "GROUP BY w "
        + "UNION ALL SELECT 'returning', w, 0, count(*) FROM s WHERE w BETWEEN " + w0 + " AND " + w1
        + " AND pw = w - 7 GROUP BY w "
        + "UNION ALL SELECT 'resurrecting', w, 0, count(*) FROM s WHERE w BETWEEN " + w0 + " AND " + w1
        + " AND fw < w AND (pw IS NULL OR pw < w - 7) GROUP BY w "
        + "UNION ALL SELECT 'dormant', w + 7, 0, count(*) FROM s WHERE w + 7 BETWEEN " + w0 + " AND " + w1
        + " AND (nw IS NULL OR nw > w + 7) GROUP BY w "
        + "UNION ALL SELECT 'active', fw, (w - fw) // 7, count(*) FROM s WHERE fw BETWEEN " + w0 + " AND " + w1
        + " GROUP BY fw, w "
        + "UNION ALL SELECT 'last', fw, (lw - fw) // 7, count(*) FROM s WHERE fw BETWEEN " + w0 + " AND " + w1
        + " AND w = fw GROUP BY fw, lw";
    Map<LocalDate, long[]> life = new TreeMap<>();
    CohortTable table = new CohortTable();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        LocalDate w = r.getObject(2, LocalDate.class);
        long n = r.getLong(4);
        switch (r.getString(1)) {
          case "new" -> life.computeIfAbsent(w, x -> new long[4])[0] = n;
          case "returning" -> life.computeIfAbsent(w, x -> new long[4])[1] = n;
          case "resurrecting" -> life.computeIfAbsent(w, x -> new long[4])[2] = n;
          case "dormant" -> life.computeIfAbsent(w, x -> new long[4])[3] = n;
          case "active" -> table.active(w, r.getInt(3), n);
          default -> table.lastActive(w, r.getInt(3), n);
        }
      }
    }
    for (LocalDate w = first; !w.isAfter(last); w = w.plusWeeks(1)) {
      long[] c = life.getOrDefault(w, new long[4]);
      lifecycle.add(new LifecycleWeek(w, c[0], c[1], c[2], c[3]).json());
    }
    cohorts.addAll(table.json(first, last));
  }

  /** The cohorts as CSV rows: one per cohort and week N. */
  private static List<Map<String, Object>> cohortRows(List<Map<String, Object>> cohorts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> c : cohorts) {
      List<Map<String, Object>> retention = cast(c.get("retention"));
      List<Map<String, Object>> unbounded = cast(c.get("unbounded"));
      for (int n = 0; n < retention.size(); n++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("week", c.get("week"));
        row.put("size", c.get("size"));
        row.put("n", n);
        row.put("active", retention.get(n).get("active"));
        row.put("share", retention.get(n).get("share"));
        row.put("unbounded_active", unbounded.get(n).get("active"));
        row.put("unbounded_share", unbounded.get(n).get("share"));
        out.add(row);
      }
    }
    return out;
  }
}
