package io.marquee.insights;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weekly cohorts of new viewers (a cohort: the viewers whose first view ever fell in that week) and
 * their retention: {@code N}-week retention, the share of the cohort active in week N after its
 * first, and unbounded retention, the share active in week N or any later week (up to the last week
 * of the report). A count under 10 viewers is {@value SmallCells#SUPPRESSED} and its share null.
 */
final class CohortTable {
  private final Map<LocalDate, Map<Integer, Long>> active = new TreeMap<>();
  private final Map<LocalDate, Map<Integer, Long>> lastActive = new TreeMap<>();

  /** Records that {@code users} viewers of {@code cohort} were active in its week {@code n}. */
  void active(LocalDate cohort, int n, long users) {
    active.computeIfAbsent(cohort, c -> new TreeMap<>()).merge(n, users, Long::sum);
  }

  /** Records that {@code users} viewers of {@code cohort} were last active (so far) in its week {@code n}. */
  void lastActive(LocalDate cohort, int n, long users) {
    lastActive.computeIfAbsent(cohort, c -> new TreeMap<>()).merge(n, users, Long::sum);
  }

  /**
   * The cohorts starting in {@code firstWeek} .. {@code lastWeek} (Mondays), each with weeks 0 up to
   * {@code lastWeek}.
   */
  List<Map<String, Object>> json(LocalDate firstWeek, LocalDate lastWeek) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LocalDate c = firstWeek; !c.isAfter(lastWeek); c = c.plusWeeks(1)) {
      Map<Integer, Long> act = active.getOrDefault(c, Map.of());
      Map<Integer, Long> last = lastActive.getOrDefault(c, Map.of());
      long size = act.getOrDefault(0, 0L);
      int weeks = (int) ChronoUnit.WEEKS.between(c, lastWeek);
      long[] unbounded = new long[weeks + 1];
      for (Map.Entry<Integer, Long> e : last.entrySet()) {
        for (int n = 0; n <= Math.min(e.getKey(), weeks); n++) {
          unbounded[n] += e.getValue();
        }
      }
      List<Map<String, Object>> retention = new ArrayList<>();
      List<Map<String, Object>> ever = new ArrayList<>();
      for (int n = 0; n <= weeks; n++) {
        retention.add(cell(n, act.getOrDefault(n, 0L), size));
        ever.add(cell(n, unbounded[n], size));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("week", c.toString());
      row.put("size", SmallCells.count(size));
      row.put("retention", retention);
      row.put("unbounded", ever);
      out.add(row);
    }
    return out;
  }

  private static Map<String, Object> cell(int n, long users, long size) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("active", SmallCells.count(users));
    m.put("share", SmallCells.small(users) || SmallCells.small(size) ? null : (double) users / size);
    return m;
  }
}
