package io.marquee.recommend;

import java.util.List;
import java.util.Locale;

/**
 * What a user declared about themselves: age, gender, country and favourite genres. Any part may be
 * missing: age is -1 when unknown, gender and country null.
 *
 * @param gender free text as sent in identify traits; only its first letter is used for cells
 * @param country ISO 3166 alpha-2 code
 * @param interests declared interests or favourite genres, by genre name
 */
public record UserProfile(int age, String gender, String country, List<String> interests) {
  /** A user who declared nothing. */
  public static final UserProfile UNKNOWN = new UserProfile(-1, null, null, List.of());

  public UserProfile {
    country = country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT);
    gender = gender == null || gender.isBlank() ? null : gender.trim().toLowerCase(Locale.ROOT);
    interests = interests == null ? List.of() : List.copyOf(interests);
  }

  /**
   * The age bracket as shown in explanations ({@code under 18}, {@code 18-24}, {@code 25-34},
   * {@code 35-44}, {@code 45-54}, {@code 55+}), null when the age is unknown.
   */
  public String ageBracket() {
    if (age < 0) {
      return null;
    }
    int[] upTo = {18, 25, 35, 45, 55};
    String[] names = {"under 18", "18-24", "25-34", "35-44", "45-54"};
    for (int k = 0; k < upTo.length; k++) {
      if (age < upTo[k]) {
        return names[k];
      }
    }
    return "55+";
  }

  /** The first letter of the declared gender ({@code f}, {@code m}, ...), null when unknown. */
  String genderKey() {
    return gender == null ? null : gender.substring(0, 1);
  }
}
