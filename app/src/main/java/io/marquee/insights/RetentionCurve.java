package io.marquee.insights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retention curve: {@value Definitions#RETENTION_POINTS} shares, point k the share of views in
 * which the content second at k x 5 % of the runtime was watched (k = 20: the final second); and
 * what the reports derive from curves: the largest drop-offs and the median of a peer group.
 * Curves are not forced to be non-increasing (a skip-ahead makes a later point higher).
 */
final class RetentionCurve {
  /** How many drop-offs a report lists. */
  static final int DROP_OFFS = 3;

  private RetentionCurve() {}

  /** The curve of {@code views} views whose point k was watched in {@code watched[k]} of them; null without views. */
  static double[] of(long[] watched, long views) {
    if (views <= 0) {
      return null;
    }
    double[] out = new double[watched.length];
    for (int k = 0; k < watched.length; k++) {
      out[k] = (double) watched[k] / views;
    }
    return out;
  }

  /**
   * The {@value #DROP_OFFS} largest falls between neighbouring points, largest first (the earlier
   * point first on a tie), each {@code {"from_point", "to_point", "from_percent", "to_percent",
   * "fall"}}; only falls (a rise is not a drop-off), so fewer when the curve falls less often.
   */
  static List<Map<String, Object>> dropOffs(double[] curve) {
    List<Integer> falls = new ArrayList<>();
    for (int k = 0; k + 1 < curve.length; k++) {
      if (curve[k] - curve[k + 1] > 0) {
        falls.add(k);
      }
    }
    falls.sort(Comparator.comparingDouble((Integer k) -> curve[k + 1] - curve[k]).thenComparing(k -> k));
    List<Map<String, Object>> out = new ArrayList<>();
    for (int k : falls.subList(0, Math.min(DROP_OFFS, falls.size()))) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("from_point", k);
      d.put("to_point", k + 1);
      d.put("from_percent", k * 5);
      d.put("to_percent", (k + 1) * 5);
      d.put("fall", curve[k] - curve[k + 1]);
      out.add(d);
    }
    return out;
  }

  /** The point-by-point median of curves of one length (mean of the middle two for an even count); null for none. */
  static double[] median(List<double[]> curves) {
    if (curves.isEmpty()) {
      return null;
    }
    int points = curves.get(0).length;
    double[] out = new double[points];
    double[] column = new double[curves.size()];
    for (int k = 0; k < points; k++) {
      for (int i = 0; i < curves.size(); i++) {
        column[i] = curves.get(i)[k];
      }
      Arrays.sort(column);
      int n = column.length;
      out[k] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
    }
    return out;
  }
}
