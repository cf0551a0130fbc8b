package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleWeekTest {
  private static final LocalDate MONDAY = LocalDate.parse("2026-10-05");

  @Test
  void aWeekWithEveryCountOfTenOrMore_showsThemAll_andActiveIsTheirSum() {
    Map<String, Object> w = new LifecycleWeek(MONDAY, 20, 11, 10, 12).json();
    assertThat(w).containsEntry("week", "2026-10-05").containsEntry("active", 41L).containsEntry("new", 20L)
        .containsEntry("returning", 11L).containsEntry("resurrecting", 10L).containsEntry("dormant", 12L);
  }

  @Test
  void oneSmallCountOfThisWeek_hidesTheSmallestOther_soItCannotBeRecoveredFromActive() {
    boolean[] s = new LifecycleWeek(MONDAY, 30, 40, 4, 25).suppressed();
    // resurrecting 4 is small; the smallest other is new 30 (returning is 40); dormant stays
    assertThat(s).containsExactly(true, false, true, false);
  }

  @Test
  void hidingReturningForThisWeek_alsoHidesDormant_whichWithItMakesLastWeeksActive() {
    // new 3 is small, so returning (10, the smallest other); returning + dormant = last week's active
    boolean[] s = new LifecycleWeek(MONDAY, 3, 10, 20, 27).suppressed();
    assertThat(s).containsExactly(true, true, false, true);
  }

  @Test
  void aSmallDormantCount_hidesReturning_andThenTheSmallestOfNewAndResurrecting() {
    boolean[] s = new LifecycleWeek(MONDAY, 15, 20, 12, 0).suppressed();
    assertThat(s).containsExactly(false, true, true, true);
  }

  @Test
  void aWeekUnderTenActive_hidesEverything() {
    Map<String, Object> w = new LifecycleWeek(MONDAY, 4, 3, 2, 50).json();
    assertThat(w).containsEntry("active", "<10").containsEntry("new", "<10").containsEntry("returning", "<10")
        .containsEntry("resurrecting", "<10").containsEntry("dormant", "<10");
  }
}
