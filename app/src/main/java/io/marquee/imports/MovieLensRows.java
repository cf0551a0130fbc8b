package io.marquee.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Title;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping from MovieLens rows to Marquee: field parsing, the Segment messages for ratings and
 * users, and catalog titles with their genres in the platform's vocabulary. Shared by both
 * layouts.
 */
final class MovieLensRows {
  static final String PREFIX = "ml-";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern RATING = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  private static final Pattern EPOCH = Pattern.compile("-?[0-9]{1,12}");
  /** "Title (1995)", also "Title (2006-2007)" with a hyphen or an en dash. */
  private static final Pattern TRAILING_YEAR =
      Pattern.compile("(.*?)\\s*\\(([0-9]{4})(?:[-\u2013][0-9]{4})?\\)");

  private MovieLensRows() {}

  /** Splits on a one-character separator, keeping empty fields, trailing ones included. */
  static String[] split(String line, char separator) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == separator) {
        fields.add(line.substring(start, i));
        start = i + 1;
      }
    }
    fields.add(line.substring(start));
    return fields.toArray(new String[0]);
  }

  /** A user or movie id in canonical form (no leading zeros). */
  static String id(String text, String what) throws BadRowException {
    String trimmed = text.trim();
    if (!ID.matcher(trimmed).matches()) {
      throw new BadRowException(what + " " + BadRowException.quote(text) + " is not a whole number");
    }
    return Long.toString(Long.parseLong(trimmed));
  }

  /** A star rating, 0.5 to 5. */
  static double rating(String text) throws BadRowException {
    String trimmed = text.trim();
    if (!RATING.matcher(trimmed).matches()) {
      throw new BadRowException("rating " + BadRowException.quote(text) + " is not a number");
    }
    double rating = Double.parseDouble(trimmed);
    if (rating < 0.5 || rating > 5) {
      throw new BadRowException("rating " + trimmed + " is outside 0.5 to 5");
    }
    return rating;
  }

  /** Seconds since 1970-01-01 UTC. */
  static long epochSeconds(String text) throws BadRowException {
    String trimmed = text.trim();
    if (!EPOCH.matcher(trimmed).matches()) {
      throw new BadRowException("timestamp " + BadRowException.quote(text) + " is not a number of seconds");
    }
    return Long.parseLong(trimmed);
  }

  /** The {@code Content Rated} track message of one rating, deduplicated by user and movie. */
  static ObjectNode ratingMessage(String userId, String movieId, double rating, long epochSeconds) {
    ObjectNode message = JSON.objectNode();
    message.put("type", "track");
    message.put("event", "Content Rated");
    message.put("userId", PREFIX + userId);
    message.put("messageId", "ml:" + userId + ":" + movieId);
    message.put("timestamp", Instant.ofEpochSecond(epochSeconds).toString());
    ObjectNode properties = message.putObject("properties");
    properties.put("asset_id", PREFIX + movieId);
    if (rating == Math.rint(rating)) {
      properties.put("rating", (int) rating);
    } else {
      properties.put("rating", rating);
    }
    properties.put("source", "movielens");
    return message;
  }

  /** The identify message of one ml-100k user; a null or blank trait is left out. */
  static ObjectNode identifyMessage(
      String userId, int age, String gender, String occupation, String zip, Instant timestamp) {
    ObjectNode message = JSON.objectNode();
    message.put("type", "identify");
    message.put("userId", PREFIX + userId);
    message.put("messageId", "ml:user:" + userId);
    message.put("timestamp", timestamp.toString());
    ObjectNode traits = message.putObject("traits");
    traits.put("age", age);
    putIfPresent(traits, "gender", gender);
    putIfPresent(traits, "occupation", occupation);
    putIfPresent(traits, "postal_code", zip);
    return message;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value.trim());
    }
  }

  /**
   * A film of the catalog. A trailing "(1995)" is moved from the name into the release year; when
   * the name has none, {@code fallbackYear} (may be null) is used.
   */
  static Title film(String movieId, String rawTitle, List<String> rawGenres, Integer fallbackYear)
      throws BadRowException {
    String name = rawTitle == null ? "" : rawTitle.trim();
    Integer year = fallbackYear;
    Matcher m = TRAILING_YEAR.matcher(name);
    if (m.matches() && !m.group(1).isBlank()) {
      name = m.group(1);
      year = Integer.valueOf(m.group(2));
    }
    try {
      return new Title(PREFIX + movieId, name.isEmpty() ? null : name, "film", null, null, null,
          genres(rawGenres), null, null, "video", year, null, null);
    } catch (IllegalArgumentException e) {
      throw new BadRowException(e.getMessage()); // a field over its FieldLimits
    }
  }

  /** MovieLens genre names in the platform's vocabulary, without repeats, in the given order. */
  static List<String> genres(List<String> rawGenres) {
    Set<String> genres = new LinkedHashSet<>();
    for (String raw : rawGenres) {
      String genre = genre(raw);
      if (genre != null) {
        genres.add(genre);
      }
    }
    return List.copyOf(genres);
  }

  /** One MovieLens genre in the platform's vocabulary, or null for "no genre". */
  static String genre(String raw) {
    String name = raw.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "":
      case "unknown":
      case "(no genres listed)":
        return null;
      case "children's":
      case "children":
        return "kids";
      default:
        return name; // "sci-fi", "film-noir", "action", ...
    }
  }
}
