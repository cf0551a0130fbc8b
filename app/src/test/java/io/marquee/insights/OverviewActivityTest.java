package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OverviewActivityTest {
  private static final ReportRange NOVEMBER = ReportRange.parse("2026-11-01", "2026-11-28", null, Clock.systemUTC());

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> brackets(Map<String, Object> out) {
    return (List<Map<String, Object>>) out.get("by_age_bracket");
  }

  @Test
  void stickiness_isMeanDauOverMau_andEveryDayOfTheRangeIsListed() {
    Map<String, long[]> b = new TreeMap<>();
    b.put("25-34", new long[] {40, 560}); // 40 viewers, 20 active a day
    Map<String, Object> out = OverviewActivity.json(NOVEMBER, Map.of(LocalDate.parse("2026-11-02"), 25L), 30, b);
    assertThat(out).containsEntry("wau", 30L).containsEntry("mau", 40L).containsEntry("dau", 20.0)
        .containsEntry("stickiness", 0.5);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> daily = (List<Map<String, Object>>) out.get("daily");
    assertThat(daily).hasSize(28);
    assertThat(daily.get(0)).containsEntry("date", "2026-11-01").containsEntry("dau", "<10");
    assertThat(daily.get(1)).containsEntry("dau", 25L);
  }

  @Test
  void brackets_comeInAgeOrder_unknownLast_andASmallOneHidesTheNextSmallest() {
    Map<String, long[]> b = new TreeMap<>();
    b.put("unknown", new long[] {50, 50 * 28});
    b.put("65+", new long[] {5, 28});
    b.put("18-24", new long[] {20, 20 * 28});
    Map<String, Object> out = OverviewActivity.json(NOVEMBER, Map.of(), 0, b);
    List<Map<String, Object>> rows = brackets(out);
    assertThat(rows).extracting(r -> r.get("age_bracket")).containsExactly("18-24", "65+", "unknown");
    assertThat(rows.get(1)).containsEntry("mau", "<10").containsEntry("dau", "<10").containsEntry("stickiness", null);
    // 65+ is under 10, so 18-24, the next smallest, is hidden too: neither follows from the total
    assertThat(rows.get(0)).containsEntry("mau", "<10").containsEntry("dau", "<10");
    assertThat(rows.get(2)).containsEntry("mau", 50L).containsEntry("dau", 50.0).containsEntry("stickiness", 1.0);
    assertThat(out).containsEntry("mau", 75L);
  }
}
