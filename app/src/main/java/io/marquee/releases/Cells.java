package io.marquee.releases;

import io.marquee.core.AgeBracket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed cells of each breakdown a release may ask for: every age bracket, {@code female},
 * {@code male}, {@code other}, every ISO 3166 country, and {@code unknown} in each. The cells are
 * fixed in advance, never taken from the data, because a cell that appears only when someone is in
 * it would tell that someone is, whatever the noise; every cell gets noise, empty ones too.
 */
final class Cells {
  /** The breakdowns, in the order a release lists them. */
  static final List<String> DIMENSIONS = List.of("age_bracket", "gender", "country");
  static final String UNKNOWN = "unknown";
  static final String OTHER = "other";

  private static final Map<String, List<String>> DOMAINS = Map.of(
      "age_bracket", with(AgeBracket.ALL, UNKNOWN),
      "gender", List.of("female", "male", OTHER, UNKNOWN),
      "country", with(sortedCountries(), OTHER, UNKNOWN));

  private Cells() {}

  /** Every cell of {@code dimension}, in a fixed order. */
  static List<String> domain(String dimension) {
    return DOMAINS.get(dimension);
  }

  /** The cell of a profile's value of {@code dimension} (null: unknown). */
  static String cellOf(String dimension, String value) {
    if (value == null || value.isBlank()) {
      return UNKNOWN;
    }
    String v = dimension.equals("country") ? value.strip().toUpperCase(Locale.ROOT) : value.strip();
    if (dimension.equals("gender")) {
      v = v.toLowerCase(Locale.ROOT);
    }
    return DOMAINS.get(dimension).contains(v) && !v.equals(UNKNOWN) && !v.equals(OTHER) ? v : OTHER;
  }

  private static List<String> sortedCountries() {
    String[] codes = Locale.getISOCountries();
    Arrays.sort(codes);
    return List.of(codes);
  }

  private static List<String> with(List<String> values, String... more) {
    List<String> out = new ArrayList<>(values);
    out.addAll(List.of(more));
    return List.copyOf(out);
  }
}
