package io.marquee.recommend;

import io.marquee.core.AgeBracket;
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

  /** The age bracket ({@link AgeBracket}: {@code <13}, {@code 13-17}, ... {@code 65+}), null when unknown. */
  public String ageBracket() {
    return AgeBracket.of(age);
  }

  /** The first letter of the declared gender ({@code f}, {@code m}, ...), null when unknown. */
  String genderKey() {
    return gender == null ? null : gender.substring(0, 1);
  }
}
