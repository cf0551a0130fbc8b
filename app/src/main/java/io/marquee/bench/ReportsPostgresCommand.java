package io.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code marquee bench reports-postgres} command: a running node's title reports and titles
 * list beside the same figures computed by PostgreSQL from the same {@code views}, {@code titles},
 * {@code profiles} and {@code title_actions} rows (loaded by {@code
 * bench/compare-postgres-reports.sh}, with the indexes a careful user would add).
 *
 * <p>For {@code --titles} titles drawn with a seeded random from those with views in the range, it
 * asks the node's report and runs PostgreSQL's statements for the same figures (headline figures
 * and retention; days; audience cells; co-viewing counts; rating and watchlist adds), one title at
 * a time, after one unmeasured pass of each. Every figure the node shows must equal PostgreSQL's
 * (floats within 1e-9 relative); a figure the node suppresses must come from fewer than 10 users
 * in PostgreSQL (or be a complementary suppression). Prints each report's median and p95 on both,
 * the ratio of the medians (PostgreSQL / Marquee), and every mismatch; exits 1 on any mismatch.
 * The range must be given in days of UTC (the statements here use UTC days).
 */
@Command(name = "reports-postgres",
    description = "Title reports and the titles list beside PostgreSQL: identical figures, times, ratios.")
final class ReportsPostgresCommand implements Callable<Integer> {
  private static final double TOLERANCE = 1e-9;
  private static final int MIN_USERS = 10;

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--url", required = true, description = "The node's base URL, e.g. http://127.0.0.1:8080.")
  String url;

  @Option(names = "--api-key", required = true, description = "API key of role analyst or above.")
  String apiKey;

  @Option(names = "--postgres", required = true,
      description = "JDBC URL of the loaded PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres.")
  String postgres;

  @Option(names = "--from", required = true, description = "First day of the range (ISO date, UTC).")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Last day of the range (ISO date, UTC).")
  LocalDate to;

  @Option(names = "--titles", defaultValue = "200", description = "Titles drawn (default: ${DEFAULT-VALUE}).")
  int titles;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the draw (default: ${DEFAULT-VALUE}).")
  long seed;

  private final List<String> mismatches = new ArrayList<>();
  private Timestamp start;
  private Timestamp end;
  private Timestamp previousStart;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    start = Timestamp.valueOf(from.atStartOfDay());
    end = Timestamp.valueOf(to.plusDays(1).atStartOfDay());
    long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    previousStart = Timestamp.valueOf(from.minusDays(days).atStartOfDay());
    ReportsClient client = new ReportsClient(url, apiKey, from.toString(), to.toString(), spec.commandLine().getErr());
    List<String> assets = client.titlesWithViews();
    Collections.shuffle(assets, new Random(seed));
    List<String> drawn = assets.subList(0, Math.min(titles, assets.size()));
    out.printf(Locale.ROOT, "%d titles with views in %s..%s; %d drawn (seed %d)%n", assets.size(), from, to,
        drawn.size(), seed);
    List<Long> marqueeTimes = new ArrayList<>();
    List<Long> postgresTimes = new ArrayList<>();
    List<Long> marqueeList = new ArrayList<>();
    List<Long> postgresList = new ArrayList<>();
    try (Connection pg = DriverManager.getConnection(postgres)) {
      long t = System.nanoTime();
      platformComposition(pg);
      out.printf(Locale.ROOT, "postgres platform composition (once per range, cached by both): %.1f ms%n",
          (System.nanoTime() - t) / 1e6);
      for (String a : drawn) { // warm both
        client.get(ReportsClient.titlePath(a), null);
        title(pg, a);
      }
      for (String a : drawn) {
        long m0 = System.nanoTime();
        JsonNode m = client.get(ReportsClient.titlePath(a), null);
        marqueeTimes.add(System.nanoTime() - m0);
        long p0 = System.nanoTime();
        PgTitle p = title(pg, a);
        postgresTimes.add(System.nanoTime() - p0);
        if (m != null) {
          compare(a, m, p);
        }
      }
      for (int i = 0; i < 20; i++) {
        long m0 = System.nanoTime();
        JsonNode m = client.get("/v1/insights/titles", "sort=views&limit=50");
        marqueeList.add(System.nanoTime() - m0);
        long p0 = System.nanoTime();
        List<Object[]> p = titlesList(pg);
        postgresList.add(System.nanoTime() - p0);
        if (i == 0 && m != null) {
          compareList(m, p);
        }
      }
    }
    print(out, "title", marqueeTimes, postgresTimes);
    print(out, "titles-list", marqueeList, postgresList);
    mismatches.stream().limit(50).forEach(s -> out.println("MISMATCH " + s));
    out.printf(Locale.ROOT, "%d mismatches, %d answers not 200%n", mismatches.size(), client.failures());
    return mismatches.isEmpty() && client.failures() == 0 ? 0 : 1;
  }

  private static void print(PrintWriter out, String report, List<Long> marquee, List<Long> postgres) {
    Percentiles m = new Percentiles(marquee.stream().mapToLong(Long::longValue).toArray());
    Percentiles p = new Percentiles(postgres.stream().mapToLong(Long::longValue).toArray());
    out.printf(Locale.ROOT, "%-12s n=%-4d marquee p50 %7.2f ms p95 %7.2f ms | postgres p50 %7.2f ms p95 %7.2f ms"
        + " | postgres/marquee (medians) %.2f%n", report, m.count(), m.at(1, 2) / 1e6, m.at(95, 100) / 1e6,
        p.at(1, 2) / 1e6, p.at(95, 100) / 1e6, (double) p.at(1, 2) / Math.max(1, m.at(1, 2)));
  }

  /** What PostgreSQL computes of one title's report. */
  private static final class PgTitle {
    long starts;
    long starters;
    long views;
    long viewers;
    double seconds;
    long completed;
    Double share;
    long intro;
    long introOf;
    long masked;
    final long[] points = new long[21];
    final Map<String, long[]> daily = new HashMap<>();
    final Map<String, Double> dailySeconds = new HashMap<>();
    final Map<String, Long> audience = new HashMap<>();
    final Map<String, Long> coViewers = new HashMap<>();
    Double rating;
    long raters;
    long watchlisted;
  }

  private PgTitle title(Connection pg, String asset) throws SQLException {
    PgTitle t = new PgTitle();
    StringBuilder points = new StringBuilder();
    for (int k = 0; k < 21; k++) {
      points.append(", count(*) FILTER (WHERE watch_seconds >= 30 AND (coverage >> ").append(k).append(") & 1 = 1)");
    }
    query(pg, "SELECT count(*), count(DISTINCT viewer), count(*) FILTER (WHERE watch_seconds >= 30), "
        + "count(DISTINCT viewer) FILTER (WHERE watch_seconds >= 30), "
        + "coalesce(sum(watch_seconds) FILTER (WHERE watch_seconds >= 30), 0), "
        + "count(*) FILTER (WHERE watch_seconds >= 30 AND completed), "
        + "avg(least(1.0, watch_seconds / runtime_s)) FILTER (WHERE watch_seconds >= 30 AND runtime_s > 0), "
        + "count(*) FILTER (WHERE intro), count(*) FILTER (WHERE intro IS NOT NULL), "
        + "count(*) FILTER (WHERE watch_seconds >= 30 AND coverage IS NOT NULL)" + points
        + " FROM views WHERE asset_id = ? AND started_at >= ? AND started_at < ?", r -> {
          t.starts = r.getLong(1);
          t.starters = r.getLong(2);
          t.views = r.getLong(3);
          t.viewers = r.getLong(4);
          t.seconds = r.getDouble(5);
          t.completed = r.getLong(6);
          t.share = (Double) r.getObject(7);
          t.intro = r.getLong(8);
          t.introOf = r.getLong(9);
          t.masked = r.getLong(10);
          for (int k = 0; k < 21; k++) {
            t.points[k] = r.getLong(11 + k);
          }
        }, asset, start, end);
    query(pg, "SELECT CAST(date_trunc('day', started_at) AS date), count(*), sum(watch_seconds), count(DISTINCT viewer) "
        + "FROM views WHERE asset_id = ? AND started_at >= ? AND started_at < ? AND watch_seconds >= 30 GROUP BY 1",
        r -> {
          t.daily.put(r.getString(1), new long[] {r.getLong(2), r.getLong(4)});
          t.dailySeconds.put(r.getString(1), r.getDouble(3));
        }, asset, start, end);
    query(pg, "WITH w AS (SELECT DISTINCT user_id FROM views WHERE asset_id = ? AND started_at >= ? AND started_at < ? "
        + "AND watch_seconds >= 30 AND user_id IS NOT NULL) "
        + "SELECT p.age_bracket, p.gender, p.country, GROUPING(p.age_bracket), GROUPING(p.gender), count(*) "
        + "FROM w JOIN profiles p ON p.user_id = w.user_id GROUP BY GROUPING SETS ((p.age_bracket), (p.gender), "
        + "(p.country))", r -> {
          int col = r.getInt(4) == 0 ? 1 : r.getInt(5) == 0 ? 2 : 3;
          String value = r.getString(col);
          if (value != null) {
            t.audience.put(List.of("age_bracket", "gender", "country").get(col - 1) + "=" + value, r.getLong(6));
          }
        }, asset, start, end);
    query(pg, "WITH w AS (SELECT DISTINCT viewer FROM views WHERE asset_id = ? AND started_at >= ? AND started_at < ? "
        + "AND watch_seconds >= 30) SELECT v.asset_id, count(DISTINCT w.viewer) FROM views v JOIN w ON w.viewer = v.viewer "
        + "WHERE v.asset_id <> ? AND v.started_at >= ? AND v.started_at < ? AND v.watch_seconds >= 30 "
        + "GROUP BY v.asset_id HAVING count(DISTINCT w.viewer) >= 10",
        r -> t.coViewers.put(r.getString(1), r.getLong(2)), asset, start, end, asset, start, end);
    query(pg, "SELECT (SELECT avg(rating) FROM (SELECT DISTINCT ON (coalesce(user_id, anonymous_id)) rating "
        + "FROM title_actions WHERE asset_id = ? AND action = 'rated' AND timestamp < ? "
        + "ORDER BY coalesce(user_id, anonymous_id), timestamp DESC, log_pos DESC) x), "
        + "(SELECT count(DISTINCT coalesce(user_id, anonymous_id)) FROM title_actions WHERE asset_id = ? "
        + "AND action = 'rated' AND timestamp < ?), "
        + "(SELECT count(DISTINCT coalesce(user_id, anonymous_id)) FROM title_actions WHERE asset_id = ? "
        + "AND action = 'watchlisted' AND timestamp >= ? AND timestamp < ?)", r -> {
          t.rating = (Double) r.getObject(1);
          t.raters = r.getLong(2);
          t.watchlisted = r.getLong(3);
        }, asset, end, asset, end, asset, start, end);
    return t;
  }

  /** The platform's active viewers per dimension value: what both cache once per range. */
  private void platformComposition(Connection pg) throws SQLException {
    query(pg, "WITH w AS (SELECT DISTINCT user_id FROM views WHERE started_at >= ? AND started_at < ? "
        + "AND watch_seconds >= 30 AND user_id IS NOT NULL) "
        + "SELECT p.age_bracket, p.gender, p.country, count(*) FROM w JOIN profiles p ON p.user_id = w.user_id "
        + "GROUP BY GROUPING SETS ((p.age_bracket), (p.gender), (p.country))", r -> { }, start, end);
  }

  /** The first page of the titles list by views: asset id, views, viewers, seconds. */
  private List<Object[]> titlesList(Connection pg) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    query(pg, "WITH a AS (SELECT asset_id, count(*) FILTER (WHERE started_at >= ?) AS views, "
        + "count(DISTINCT viewer) FILTER (WHERE started_at >= ?) AS viewers, "
        + "coalesce(sum(watch_seconds) FILTER (WHERE started_at >= ?), 0) AS secs FROM views "
        + "WHERE started_at >= ? AND started_at < ? AND watch_seconds >= 30 GROUP BY asset_id) "
        + "SELECT asset_id, views, viewers, secs FROM a WHERE views > 0 ORDER BY viewers < 10, "
        + "CASE WHEN viewers < 10 THEN NULL ELSE views END DESC NULLS LAST, asset_id LIMIT 50",
        r -> rows.add(new Object[] {r.getString(1), r.getLong(2), r.getLong(3), r.getDouble(4)}),
        start, start, start, previousStart, end);
    return rows;
  }

  private void compare(String asset, JsonNode m, PgTitle p) {
    boolean small = p.viewers < MIN_USERS;
    count(asset, "starts", m.path("starts"), p.starts, p.starters);
    count(asset, "views", m.path("views"), p.views, p.viewers);
    count(asset, "unique_viewers", m.path("unique_viewers"), p.viewers, p.viewers);
    if (!small) {
      number(asset, "hours_watched", m.path("hours_watched"), p.seconds / 3600);
      number(asset, "completion_rate", m.path("completion_rate"), p.views == 0 ? null : (double) p.completed / p.views);
      number(asset, "avg_share_watched", m.path("avg_share_watched"), p.share);
      for (int k = 0; k < 21; k++) {
        number(asset, "retention[" + k + "]", m.path("retention").path(k),
            p.masked == 0 ? null : (double) p.points[k] / p.masked);
      }
    }
    if (p.starters >= MIN_USERS) {
      number(asset, "intro", m.path("intro"), p.introOf == 0 ? null : (double) p.intro / p.introOf);
    }
    for (JsonNode d : m.path("daily")) {
      long[] pd = p.daily.getOrDefault(d.path("date").asText(), new long[2]);
      if (d.path("viewers").isNumber()) {
        count(asset, "daily " + d.path("date").asText() + " views", d.path("views"), pd[0], pd[1]);
        count(asset, "daily " + d.path("date").asText() + " viewers", d.path("viewers"), pd[1], pd[1]);
        number(asset, "daily " + d.path("date").asText() + " hours", d.path("hours"),
            p.dailySeconds.getOrDefault(d.path("date").asText(), 0.0) / 3600);
      }
    }
    for (JsonNode cell : m.path("audience")) {
      String key = cell.path("dimension").asText() + "=" + cell.path("value").asText();
      if (cell.path("viewers").isNumber()) {
        count(asset, "audience " + key, cell.path("viewers"), p.audience.getOrDefault(key, 0L),
            p.audience.getOrDefault(key, 0L));
      }
    }
    for (JsonNode s : m.path("similar")) {
      String other = s.path("asset_id").asText();
      count(asset, "similar " + other + " co_viewers", s.path("co_viewers"), p.coViewers.getOrDefault(other, 0L),
          p.coViewers.getOrDefault(other, 0L));
    }
    count(asset, "rating.count", m.path("rating").path("count"), p.raters, p.raters);
    if (p.raters >= MIN_USERS) {
      number(asset, "rating.average", m.path("rating").path("average"), p.rating);
    }
    count(asset, "watchlist_adds", m.path("watchlist_adds"), p.watchlisted, p.watchlisted);
  }

  private void compareList(JsonNode m, List<Object[]> p) {
    JsonNode rows = m.path("titles");
    if (rows.size() != p.size()) {
      mismatches.add("titles-list: " + rows.size() + " rows, postgres " + p.size());
    }
    for (int i = 0; i < Math.min(rows.size(), p.size()); i++) {
      JsonNode row = rows.get(i);
      Object[] q = p.get(i);
      if (!row.path("asset_id").asText().equals(q[0])) {
        mismatches.add("titles-list row " + i + ": " + row.path("asset_id").asText() + ", postgres " + q[0]);
        continue;
      }
      count("titles-list " + q[0], "views", row.path("views"), (Long) q[1], (Long) q[2]);
      count("titles-list " + q[0], "unique_viewers", row.path("unique_viewers"), (Long) q[2], (Long) q[2]);
      if ((Long) q[2] >= MIN_USERS) {
        number("titles-list " + q[0], "hours_watched", row.path("hours_watched"), (Double) q[3] / 3600);
      }
    }
  }

  /** A count: equal when shown; when suppressed, PostgreSQL's users must be fewer than 10 (or it is a complement). */
  private void count(String asset, String figure, JsonNode shown, long expected, long users) {
    if (shown.isNumber()) {
      if (shown.asLong() != expected) {
        mismatches.add(asset + " " + figure + ": marquee " + shown.asLong() + ", postgres " + expected);
      }
    } else if (!"<10".equals(shown.asText()) || (users >= MIN_USERS && !figure.startsWith("daily")
        && !figure.startsWith("audience"))) {
      mismatches.add(asset + " " + figure + ": marquee " + shown + ", postgres " + expected + " (" + users + " users)");
    }
  }

  private void number(String asset, String figure, JsonNode shown, Double expected) {
    if (expected == null || shown.isNull() || shown.isMissingNode()) {
      if (!(expected == null && (shown.isNull() || shown.isMissingNode()))) {
        mismatches.add(asset + " " + figure + ": marquee " + shown + ", postgres " + expected);
      }
      return;
    }
    double m = shown.asDouble();
    if (Math.abs(m - expected) > TOLERANCE * Math.max(1e-12, Math.max(Math.abs(m), Math.abs(expected)))) {
      mismatches.add(asset + " " + figure + ": marquee " + m + ", postgres " + expected);
    }
  }

  @FunctionalInterface
  private interface Row {
    void accept(ResultSet r) throws SQLException;
  }

  private static void query(Connection c, String sql, Row row, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        p.setObject(i + 1, params[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          row.accept(r);
        }
      }
    }
  }
}
