package io.marquee.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The maximum lengths of catalog and identity fields, one rule for every path that brings them in:
 * the catalog CSV, MovieLens, Segment NDJSON and partner imports, and the titles the store derives
 * from playback events. {@link Title} applies them when it is made, so no title beyond them exists.
 *
 * <p>Ids get 256 characters (as the collector's ids), titles and series or artist names 1,000, a
 * genre 64 and a title at most 32 genres, short codes (kind, maturity rating, media type) 32; a
 * partner attribute's name 64 and its value 1,000.
 */
public final class FieldLimits {
  /** User, anonymous, asset and message ids. */
  public static final int MAX_ID = 256;
  /** A title's name. */
  public static final int MAX_TITLE = 1_000;
  /** A series, album or artist name. */
  public static final int MAX_NAME = 1_000;
  /** One genre. */
  public static final int MAX_GENRE = 64;
  /** How many genres one title may have. */
  public static final int MAX_GENRES = 32;
  /** Kind, maturity rating, media type. */
  public static final int MAX_CODE = 32;
  /** A partner attribute's name (a partner CSV column). */
  public static final int MAX_ATTRIBUTE = 64;
  /** A partner attribute's value. */
  public static final int MAX_VALUE = 1_000;

  private FieldLimits() {}

  /**
   * Returns {@code value} (null allowed) when it is at most {@code max} characters long.
   *
   * @throws IllegalArgumentException naming the field, its length and the limit
   */
  public static String check(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(String.format("%s is %,d characters long; the limit is %,d",
          field, value.length(), max));
    }
    return value;
  }

  /**
   * The first catalog field of a playback event's properties over its limit, as an error, or null:
   * {@code asset_id}/{@code content_asset_id}, {@code title}, {@code program} (the series) and {@code
   * genre}, the properties the store derives a {@link Title} from.
   */
  public static String problemInProperties(JsonNode properties) {
    if (properties == null || !properties.isObject()) {
      return null;
    }
    for (Map.Entry<String, Integer> f : PROPERTY_LIMITS.entrySet()) {
      JsonNode v = properties.get(f.getKey());
      if (v != null && v.isTextual() && v.textValue().length() > f.getValue()) {
        try {
          check("properties." + f.getKey(), v.textValue(), f.getValue());
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      }
    }
    return null;
  }

  private static final Map<String, Integer> PROPERTY_LIMITS = Map.of("asset_id", MAX_ID, "content_asset_id", MAX_ID,
      "title", MAX_TITLE, "program", MAX_NAME, "genre", MAX_GENRE, "artist", MAX_NAME);

  /** {@link #check} for an id. */
  public static String id(String field, String value) {
    return check(field, value, MAX_ID);
  }

  /**
   * Returns the genres when there are at most {@link #MAX_GENRES}, each at most {@link #MAX_GENRE}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static List<String> genres(List<String> genres) {
    if (genres.size() > MAX_GENRES) {
      throw new IllegalArgumentException(String.format("%,d genres; the limit is %d", genres.size(), MAX_GENRES));
    }
    for (String g : genres) {
      check("genre", g, MAX_GENRE);
    }
    return genres;
  }
}
