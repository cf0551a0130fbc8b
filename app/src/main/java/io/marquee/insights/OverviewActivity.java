package io.marquee.insights;

import io.marquee.core.AgeBracket;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active-viewer figures of the overview from their counts: DAU per day of the range; over the
 * 28 days ending at {@code to}, MAU (distinct viewers), mean DAU (viewer-days / 28) and stickiness
 * (mean DAU / MAU); WAU over the 7 days ending at {@code to}; and the same by age bracket ({@code
 * unknown} for viewers without one), whose cells add up to the totals and so get complementary
 * suppression ({@link SmallCells#suppress}) on both MAU and mean DAU. Brackets without a viewer are left out.
 */
final class OverviewActivity {
  /** Days of the month that MAU and stickiness cover. */
  static final int MONTH_DAYS = ReportRange.DEFAULT_DAYS;
  static final String UNKNOWN = "unknown";

  private OverviewActivity() {}

  /**
   * The figures as the overview answers them.
   *
   * @param days distinct active viewers per day (days missing had none)
   * @param wau distinct active viewers in the 7 days ending at {@code to}
   * @param brackets per age bracket: {distinct viewers, viewer-days} over the 28 days ending at {@code to}
   */
  static Map<String, Object> json(ReportRange range, Map<LocalDate, Long> days, long wau, Map<String, long[]> brackets) {
    List<Map<String, Object>> daily = new ArrayList<>();
    for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
      Map<String, Object> day = new LinkedHashMap<>();
      day.put("date", d.toString());
      day.put("dau", SmallCells.count(days.getOrDefault(d, 0L)));
      daily.add(day);
    }
    List<String> order = new ArrayList<>(AgeBracket.ALL);
    order.add(UNKNOWN);
    brackets.keySet().stream().filter(b -> !order.contains(b)).sorted().forEach(order::add);
    order.removeIf(b -> !brackets.containsKey(b)); // a bracket nobody is in is no cell
    long[] mau = new long[order.size()];
    long[] dauFloor = new long[order.size()];
    long totalMau = 0;
    long totalDays = 0;
    for (int i = 0; i < order.size(); i++) {
      long[] b = brackets.getOrDefault(order.get(i), new long[2]);
      mau[i] = b[0];
      dauFloor[i] = b[1] / MONTH_DAYS;
      totalMau += b[0];
      totalDays += b[1];
    }
    boolean[] hideMau = SmallCells.suppress(mau);
    boolean[] hideDau = SmallCells.suppress(dauFloor);
    List<Map<String, Object>> byBracket = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      long[] b = brackets.getOrDefault(order.get(i), new long[2]);
      byBracket.add(figures("age_bracket", order.get(i), b[0], b[1], hideMau[i], hideDau[i]));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("daily", daily);
    out.put("wau", SmallCells.count(wau));
    Map<String, Object> total = figures(null, null, totalMau, totalDays, SmallCells.small(totalMau),
        SmallCells.small(totalDays / MONTH_DAYS));
    out.putAll(total);
    out.put("by_age_bracket", byBracket);
    return out;
  }

  private static Map<String, Object> figures(String name, String value, long mau, long viewerDays, boolean hideMau,
      boolean hideDau) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (name != null) {
      m.put(name, value);
    }
    double dau = (double) viewerDays / MONTH_DAYS;
    m.put("dau", hideDau ? SmallCells.SUPPRESSED : dau);
    m.put("mau", hideMau ? SmallCells.SUPPRESSED : mau);
    m.put("stickiness", hideMau || hideDau || mau == 0 ? null : dau / mau);
    return m;
  }
}
