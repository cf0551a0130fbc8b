package io.marquee.insights;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One week of the viewers' lifecycle: {@code new} (first view ever that week), {@code returning}
 * (active this week and last), {@code resurrecting} (active this week, not last, but before) and
 * {@code dormant} (active last week, not this), with {@code active} = new + returning + resurrecting.
 *
 * <p>Two breakdowns hold here, and a suppressed count must not be recoverable from either: this
 * week's active viewers are new + returning + resurrecting, and last week's are returning + dormant.
 * {@link #json} applies {@link SmallCells#suppress} to both until neither asks for more.
 *
 * @param week the Monday that starts the week (in the report's zone)
 */
record LifecycleWeek(LocalDate week, long newViewers, long returning, long resurrecting, long dormant) {
  /** Viewers active in the week. */
  long active() {
    return newViewers + returning + resurrecting;
  }


  /** Whether each of new, returning, resurrecting, dormant is suppressed. */
  boolean[] suppressed() {
    boolean[] out = new boolean[4];
    boolean[] thisWeek = SmallCells.suppress(new long[] {newViewers, returning, resurrecting});
    boolean[] lastWeek = SmallCells.suppress(new long[] {returning, dormant});
    out[0] = thisWeek[0];
    out[1] = thisWeek[1] || lastWeek[0];
    out[2] = thisWeek[2];
    out[3] = lastWeek[1];
    boolean changed = true;
    while (changed) {
      changed = false;
      changed |= spread(out, new int[] {0, 1, 2}, new long[] {newViewers, returning, resurrecting});
      changed |= spread(out, new int[] {1, 3}, new long[] {returning, dormant});
    }
    return out;
  }

  /** Suppresses one more cell of a breakdown that has exactly one suppressed; whether it did. */
  private static boolean spread(boolean[] out, int[] cells, long[] users) {
    int hidden = 0;
    int smallest = -1;
    for (int i = 0; i < cells.length; i++) {
      if (out[cells[i]]) {
        hidden++;
      } else if (smallest < 0 || users[i] < users[smallest]) {
        smallest = i;
      }
    }
    if (hidden == 1 && smallest >= 0) {
      out[cells[smallest]] = true;
      return true;
    }
    return false;
  }

  /** The week as the overview answers it, counts under 10 (or recoverable) as {@value SmallCells#SUPPRESSED}. */
  Map<String, Object> json() {
    boolean[] s = suppressed();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("week", week.toString());
    m.put("active", SmallCells.count(active()));
    m.put("new", s[0] ? SmallCells.SUPPRESSED : newViewers);
    m.put("returning", s[1] ? SmallCells.SUPPRESSED : returning);
    m.put("resurrecting", s[2] ? SmallCells.SUPPRESSED : resurrecting);
    m.put("dormant", s[3] ? SmallCells.SUPPRESSED : dormant);
    return m;
  }
}
