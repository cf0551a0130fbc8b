package io.marquee.recommend;

import java.util.Locale;

/**
 * Maturity ratings (MPA and US TV): which are adult, and an ordinal level for content similarity.
 * Adult titles (R, NC-17, TV-MA, X) are never recommended to a viewer under {@link #ADULT_AGE}, nor
 * to one whose age is unknown.
 */
public final class Maturity {
  /** The age from which adult titles may be recommended. */
  public static final int ADULT_AGE = 17;
  /** The level of a rating that is missing or not recognised. */
  public static final int UNKNOWN = -1;

  private Maturity() {}

  /** Whether a rating restricts the title to adults; false for null and unknown ratings. */
  public static boolean isAdult(String rating) {
    return level(rating) == 3;
  }

  /**
   * The ordinal level: 0 for all ages (G, TV-Y, TV-Y7, TV-G), 1 for parental guidance (PG, TV-PG),
   * 2 for teens (PG-13, TV-14), 3 for adults (R, NC-17, TV-MA, X), {@link #UNKNOWN} otherwise.
   */
  public static int level(String rating) {
    if (rating == null) {
      return UNKNOWN;
    }
    return switch (rating.trim().toUpperCase(Locale.ROOT)) {
      case "G", "TV-Y", "TV-Y7", "TV-Y7-FV", "TV-G" -> 0;
      case "PG", "TV-PG" -> 1;
      case "PG-13", "TV-14" -> 2;
      case "R", "NC-17", "TV-MA", "X" -> 3;
      default -> UNKNOWN;
    };
  }

  /**
   * Whether a viewer of this age may be recommended a title of this level; an unknown age (negative)
   * is treated as a minor's, because recommending an adult title to a child is the costly mistake.
   */
  public static boolean allowed(int level, int age) {
    return level != 3 || age >= ADULT_AGE;
  }
}
