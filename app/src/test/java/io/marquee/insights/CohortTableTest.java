package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CohortTableTest {
  private static final LocalDate W1 = LocalDate.parse("2026-10-05");
  private static final LocalDate W3 = LocalDate.parse("2026-10-19");

  @SuppressWarnings("unchecked")
  private static List<Object> column(Map<String, Object> cohort, String list, String key) {
    return ((List<Map<String, Object>>) cohort.get(list)).stream().map(c -> c.get(key)).toList();
  }

  @Test
  void unboundedRetention_countsViewersActiveInWeekNOrAnyLaterWeek() {
    CohortTable t = new CohortTable();
    // 40 new viewers: 40 in week 0, 20 in week 1, 30 in week 2; last seen in week 0 (10), 1 (0), 2 (30)
    t.active(W1, 0, 40);
    t.active(W1, 1, 20);
    t.active(W1, 2, 30);
    t.lastActive(W1, 0, 10);
    t.lastActive(W1, 2, 30);
    Map<String, Object> c = t.json(W1, W3).get(0);
    assertThat(c).containsEntry("week", "2026-10-05").containsEntry("size", 40L);
    assertThat(column(c, "retention", "share")).containsExactly(1.0, 0.5, 0.75);
    assertThat(column(c, "unbounded", "active")).containsExactly(40L, 30L, 30L);
    assertThat(column(c, "unbounded", "share")).containsExactly(1.0, 0.75, 0.75);
  }

  @Test
  void everyWeekOfTheRange_isACohort_withWeeksUpToTheLastOne_andSmallCellsSuppressed() {
    CohortTable t = new CohortTable();
    t.active(W1, 0, 12);
    t.active(W1, 1, 9);
    t.lastActive(W1, 1, 12);
    List<Map<String, Object>> cohorts = t.json(W1, W3);
    assertThat(cohorts).extracting(c -> c.get("week")).containsExactly("2026-10-05", "2026-10-12", "2026-10-19");
    assertThat(column(cohorts.get(0), "retention", "active")).containsExactly(12L, "<10", "<10");
    assertThat(column(cohorts.get(0), "retention", "share")).containsExactly(1.0, null, null);
    assertThat(column(cohorts.get(0), "unbounded", "active")).containsExactly(12L, 12L, "<10");
    assertThat(cohorts.get(1)).containsEntry("size", "<10");
    assertThat(column(cohorts.get(2), "retention", "n")).containsExactly(0);
  }
}
