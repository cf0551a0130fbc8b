package io.marquee.core;

import java.util.List;

/**
 * The age brackets of the whole project, the ad platforms' ones: {@code <13}, {@code 13-17}, {@code
 * 18-24}, {@code 25-34}, {@code 35-44}, {@code 45-54}, {@code 55-64}, {@code 65+}. Profiles, the
 * {@code profiles} table, recommendation cells and explanations all use these names.
 */
public final class AgeBracket {
  /** Every bracket, youngest first. */
  public static final List<String> ALL = List.of("<13", "13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+");
  private static final int[] LOWER_BOUNDS = {0, 13, 18, 25, 35, 45, 55, 65};

  private AgeBracket() {}

  /** The bracket of an age in years, or null for a negative (unknown) age. */
  public static String of(int age) {
    if (age < 0) {
      return null;
    }
    int k = LOWER_BOUNDS.length - 1;
    while (age < LOWER_BOUNDS[k]) {
      k--;
    }
    return ALL.get(k);
  }
}
