package io.marquee.insights;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules behind the genre report's signals, apart from the SQL that feeds them: the median of a
 * baseline, {@code promote} (a release whose first-7-day views are at least {@value #PROMOTE_FACTOR}
 * x its genre's median release and whose first-7-day completion is at least the genre's median) and
 * {@code make_more} (a genre or series whose hours grew at least {@value #MAKE_MORE_GROWTH} against
 * the previous period, with completion above the platform's median). Each rule answers the figures
 * it compared, so a person can check it.
 */
final class GenreSignals {
  /** A release is promoted at this multiple of its genre's median first-7-day views. */
  static final double PROMOTE_FACTOR = 1.2;
  /** Growth of hours watched (a share: 0.2 = 20 %) at which a genre or series gets {@code make_more}. */
  static final double MAKE_MORE_GROWTH = 0.2;
  /** Fewest releases a genre baseline needs before a release is compared with it. */
  static final int MIN_BASELINE = 3;

  private GenreSignals() {}

  /** The median of {@code values} (the mean of the two middle ones for an even count); NaN for none. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  /**
   * The figures of {@code promote} for a release, or null when the release does not qualify or its
   * genre's baseline has fewer than {@link #MIN_BASELINE} releases.
   *
   * @param views7 the release's views in its first 7 days
   * @param completion7 the release's completion rate in its first 7 days
   * @param medianViews7 the genre's median release's first-7-day views
   * @param medianCompletion7 the genre's median first-7-day completion rate
   * @param baseline how many releases the genre's medians are taken over
   */
  static Map<String, Object> promote(long views7, double completion7, double medianViews7, double medianCompletion7,
      int baseline) {
    if (baseline < MIN_BASELINE) {
      return null;
    }
    double threshold = PROMOTE_FACTOR * medianViews7;
    // in integers (a median of counts is a whole or a half number): 1.2 x 10 is 12.000000000000002 in doubles
    boolean enough = views7 * 10 >= Math.round(medianViews7 * 2) * 6;
    if (!enough || completion7 < medianCompletion7) {
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("views_7d", views7);
    f.put("genre_median_views_7d", medianViews7);
    f.put("factor", PROMOTE_FACTOR);
    f.put("views_threshold", threshold);
    f.put("completion_7d", completion7);
    f.put("genre_median_completion_7d", medianCompletion7);
    f.put("baseline_releases", baseline);
    return f;
  }

  /**
   * The figures of {@code make_more} for a genre or series, or null when it does not qualify (no
   * hours in the previous period cannot make a growth).
   */
  static Map<String, Object> makeMore(double hours, double previousHours, double completion, double platformMedian) {
    if (!(previousHours > 0) || Double.isNaN(platformMedian)) {
      return null;
    }
    double growth = (hours - previousHours) / previousHours;
    // hours >= 1.2 x previous, without the rounding of the division
    boolean grew = hours * 5 >= previousHours * 6;
    if (!grew || !(completion > platformMedian)) {
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("hours_watched", hours);
    f.put("previous_hours_watched", previousHours);
    f.put("growth", growth);
    f.put("growth_threshold", MAKE_MORE_GROWTH);
    f.put("completion_rate", completion);
    f.put("platform_median_completion", platformMedian);
    return f;
  }
}
