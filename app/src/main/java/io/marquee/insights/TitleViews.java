package io.marquee.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One title's starts in a range (and its sessions open now), read in one statement with each
 * viewer's profile cells, and the figures of the title report computed from them: the headline
 * figures, the retention curve, the days in the request's zone and the audience cells. A title's
 * views are few (thousands at most), so one pass in Java replaces a statement per figure.
 */
final class TitleViews {
  private static final String SQL = "SELECT " + Definitions.VIEWER + ", epoch_ms(v.started_at), v.watch_seconds, "
      + "v.completed, v.runtime_s, v.coverage, v.intro, " + TitleSql.IN_RANGE + ", " + Definitions.OPEN_AT
      + ", p.age_bracket, p.gender, p.country FROM views v LEFT JOIN profiles p ON p.user_id = v.user_id "
      + "WHERE v.asset_id = ? AND ((" + TitleSql.IN_RANGE + ") OR " + Definitions.OPEN_AT + ")";

  /** One start. */
  private record Start(String viewer, Instant startedAt, double watchSeconds, boolean completed, Double runtime,
      Integer coverage, Boolean intro, String[] cells) {
    boolean isView() {
      return watchSeconds >= Definitions.VIEW_SECONDS;
    }
  }

  private final List<Start> starts = new ArrayList<>();
  private final Set<String> open = new HashSet<>();

  /** Reads the title's starts in {@code range} and its sessions open at {@code now}. */
  TitleViews(Connection c, String assetId, ReportRange range, Instant now) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SQL)) {
      String start = TitleSql.ts(range.start());
      String end = TitleSql.ts(range.end());
      String at = TitleSql.ts(now);
      String[] params = {start, end, at, at, assetId, start, end, at, at};
      for (int i = 0; i < params.length; i++) {
        p.setString(i + 1, params[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String viewer = r.getString(1);
          if (viewer == null) {
            continue;
          }
          if (r.getBoolean(9)) {
            open.add(viewer);
          }
          if (r.getBoolean(8)) {
            starts.add(new Start(viewer, Instant.ofEpochMilli(r.getLong(2)), r.getDouble(3), r.getBoolean(4),
                (Double) r.getObject(5), (Integer) r.getObject(6), (Boolean) r.getObject(7),
                new String[] {r.getString(10), r.getString(11), r.getString(12)}));
          }
        }
      }
    }
  }

  /** The distinct viewers of the title's views in the range. */
  Set<String> viewers() {
    Set<String> out = new HashSet<>();
    for (Start s : starts) {
      if (s.isView()) {
        out.add(s.viewer());
      }
    }
    return out;
  }

  /** The distinct viewers of the title's sessions open now. */
  int openNow() {
    return open.size();
  }

  /**
   * Puts the headline figures, the retention curve, drop-offs and intro into {@code out}, each
   * suppressed when built from fewer than {@link SmallCells#MIN_USERS} users.
   *
   * @param runtime the catalog's runtime in seconds, or null
   */
  void headline(Integer runtime, Map<String, Object> out) {
    Set<String> starters = new HashSet<>();
    long views = 0;
    double seconds = 0;
    long completed = 0;
    double share = 0;
    long shareOf = 0;
    long intro = 0;
    long introOf = 0;
    long masked = 0;
    long[] watched = new long[Definitions.RETENTION_POINTS];
    for (Start s : starts) {
      starters.add(s.viewer());
      if (s.intro() != null) {
        introOf++;
        intro += s.intro() ? 1 : 0;
      }
      if (!s.isView()) {
        continue;
      }
      views++;
      seconds += s.watchSeconds();
      completed += s.completed() ? 1 : 0;
      if (s.runtime() != null && s.runtime() > 0) {
        share += Math.min(1.0, s.watchSeconds() / s.runtime());
        shareOf++;
      }
      if (s.coverage() != null) {
        masked++;
        for (int k = 0; k < watched.length; k++) {
          watched[k] += (s.coverage() >> k) & 1;
        }
      }
    }
    long viewers = viewers().size();
    boolean smallStarts = SmallCells.small(starters.size());
    boolean small = SmallCells.small(viewers);
    double hours = seconds / 3600;
    out.put("starts", smallStarts ? SmallCells.SUPPRESSED : starts.size());
    out.put("views", small ? SmallCells.SUPPRESSED : views);
    out.put("unique_viewers", SmallCells.count(viewers));
    out.put("hours_watched", small ? null : hours);
    out.put("full_view_equivalents", small || runtime == null || runtime <= 0 ? null : seconds / runtime);
    out.put("completion_rate", small || views == 0 ? null : (double) completed / views);
    out.put("avg_share_watched", small || shareOf == 0 ? null : share / shareOf);
    double[] curve = small ? null : RetentionCurve.of(watched, masked);
    out.put("retention", curve);
    out.put("drop_offs", curve == null ? List.of() : RetentionCurve.dropOffs(curve));
    out.put("intro", smallStarts || introOf == 0 ? null : (double) intro / introOf);
  }

  /**
   * Each day of the range in its zone: {@code {"date","views","hours","viewers"}}, a day under
   * {@link SmallCells#MIN_USERS} viewers (and, when it is the only one, the next smallest day:
   * the days add up to the views shown beside them) as {@code "<10"} with null hours.
   */
  List<Map<String, Object>> daily(ReportRange range) {
    ZoneId zone = range.zone();
    Map<LocalDate, Set<String>> viewers = new HashMap<>();
    Map<LocalDate, long[]> views = new HashMap<>();
    Map<LocalDate, double[]> seconds = new HashMap<>();
    for (Start s : starts) {
      if (!s.isView()) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(s.startedAt(), zone);
      viewers.computeIfAbsent(day, d -> new HashSet<>()).add(s.viewer());
      views.computeIfAbsent(day, d -> new long[1])[0]++;
      seconds.computeIfAbsent(day, d -> new double[1])[0] += s.watchSeconds();
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
      days.add(d);
    }
    long[] users = new long[days.size()];
    for (int i = 0; i < users.length; i++) {
      users[i] = viewers.getOrDefault(days.get(i), Set.of()).size();
    }
    boolean[] hidden = SmallCells.suppress(users);
    List<Map<String, Object>> out = new ArrayList<>(days.size());
    for (int i = 0; i < users.length; i++) {
      LocalDate d = days.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("date", d.toString());
      row.put("views", hidden[i] ? SmallCells.SUPPRESSED : views.getOrDefault(d, new long[1])[0]);
      row.put("hours", hidden[i] ? null : seconds.getOrDefault(d, new double[1])[0] / 3600);
      row.put("viewers", hidden[i] ? SmallCells.SUPPRESSED : users[i]);
      out.add(row);
    }
    return out;
  }

  /** The title's viewers per audience dimension and known value (viewers with a profile only). */
  Map<String, Map<String, Long>> audience() {
    List<Map<String, Set<String>>> cells = new ArrayList<>();
    for (int d = 0; d < TitleBaselines.DIMENSIONS.size(); d++) {
      cells.add(new HashMap<>());
    }
    for (Start s : starts) {
      if (!s.isView()) {
        continue;
      }
      for (int d = 0; d < cells.size(); d++) {
        if (s.cells()[d] != null) {
          cells.get(d).computeIfAbsent(s.cells()[d], v -> new HashSet<>()).add(s.viewer());
        }
      }
    }
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (int d = 0; d < cells.size(); d++) {
      Map<String, Long> counts = new HashMap<>();
      cells.get(d).forEach((value, who) -> counts.put(value, (long) who.size()));
      out.put(TitleBaselines.DIMENSIONS.get(d), counts);
    }
    return out;
  }
}
