package io.marquee.core;

import java.util.List;

/**
 * A catalog entry: a film, an episode of a series, or a music track, keyed by the asset id that
 * playback events carry as {@code asset_id} / {@code content_asset_id}.
 *
 * <p>Fields other than {@code assetId} may be null when unknown (titles first seen in events carry
 * only what the player sent). No field is longer than {@link FieldLimits} allows.
 *
 * @param kind one of {@code film}, {@code episode}, {@code series}, {@code track}
 * @param series series or album name for episodes and tracks
 * @param seriesId for an episode, the asset id of its series' own row (kind {@code series}); null
 *     otherwise or when unknown
 * @param maturityRating MPA (G, PG, PG-13, R, NC-17) or TV (TV-Y, TV-Y7, TV-G, TV-PG, TV-14, TV-MA) rating, or null
 * @param mediaType {@code video} or {@code audio}
 * @param artist the performing artist of a track, or null
 */
public record Title(
    String assetId,
    String title,
    String kind,
    String series,
    Integer season,
    Integer episode,
    List<String> genres,
    String maturityRating,
    Integer runtimeSeconds,
    String mediaType,
    Integer releaseYear,
    String seriesId,
    String artist) {

  /**
   * Checks the fields against {@link FieldLimits}.
   *
   * @throws IllegalArgumentException without an asset id, or naming the field over its limit
   */
  public Title {
    if (assetId == null || assetId.isBlank()) {
      throw new IllegalArgumentException("a title needs an asset id");
    }
    FieldLimits.id("asset_id", assetId);
    FieldLimits.check("title", title, FieldLimits.MAX_TITLE);
    FieldLimits.check("kind", kind, FieldLimits.MAX_CODE);
    FieldLimits.check("series", series, FieldLimits.MAX_NAME);
    FieldLimits.check("series_id", seriesId, FieldLimits.MAX_ID);
    FieldLimits.check("artist", artist, FieldLimits.MAX_NAME);
    FieldLimits.check("maturity_rating", maturityRating, FieldLimits.MAX_CODE);
    FieldLimits.check("media_type", mediaType, FieldLimits.MAX_CODE);
    genres = FieldLimits.genres(genres == null ? List.of() : List.copyOf(genres));
  }

  /**
   * The key that groups a series with its episodes: the series row's own asset id for a series,
   * {@code seriesId} for an episode that names it, else null.
   */
  public String seriesKey() {
    return "series".equals(kind) ? assetId : seriesId;
  }
}
