package io.marquee.store;

/**
 * Which of the 21 retention points of a title a view watched: point k (k = 0..20) is the content
 * second at k x 5 % of the runtime, {@code floor(k * runtime / 20)} for k &lt; 20 and the final
 * second, {@code ceil(runtime) - 1}, for k = 20; it was watched when the view's played stretches
 * meet {@code [s, s + 1)}. Kept as a bit mask in {@code views.coverage}, so a title's retention
 * curve is 21 sums over its views, and {@code views.intro} says whether second 30 was watched
 * (YouTube's "still watching at 30 s").
 */
final class Coverage {
  /** Points of the curve. */
  static final int POINTS = 21;
  /** The second whose viewing makes a view pass the intro. */
  static final int INTRO_SECOND = 30;

  private Coverage() {}

  /** The bit mask of the points {@code watched} covers, or null when the runtime is unknown. */
  static Integer mask(double[] watched, Double runtime) {
    if (runtime == null || !(runtime > 0)) {
      return null;
    }
    int mask = 0;
    for (int k = 0; k < POINTS; k++) {
      double second = k < POINTS - 1 ? Math.floor(k * runtime / (POINTS - 1)) : Math.ceil(runtime) - 1;
      if (meets(watched, second, second + 1)) {
        mask |= 1 << k;
      }
    }
    return mask;
  }

  /** Whether the view watched second {@value #INTRO_SECOND}. */
  static boolean intro(double[] watched) {
    return meets(watched, INTRO_SECOND, INTRO_SECOND + 1);
  }

  /** Whether the sorted intervals {@code [s0, e0, s1, e1, ...]} meet {@code [from, to)}. */
  static boolean meets(double[] watched, double from, double to) {
    for (int i = 0; i + 1 < watched.length; i += 2) {
      if (watched[i] < to && watched[i + 1] > from) {
        return true;
      }
      if (watched[i] >= to) {
        return false;
      }
    }
    return false;
  }
}
