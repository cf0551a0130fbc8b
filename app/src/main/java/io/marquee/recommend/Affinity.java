package io.marquee.recommend;

import java.util.Map;

/**
 * The predicted affinity of every user a model knows for one title: a score per user id, higher
 * is stronger, comparable across users of this one result only.
 *
 * @param assetId the title scored
 * @param basis {@code collaborative} (the iALS factors: the title has feedback in the model) or
 *     {@code content} (genres, series and maturity against each user's history and interests: the
 *     title has none, or the model set has no collaborative part)
 * @param trainedAt when the model set was trained, epoch seconds
 * @param scores user id to score, one entry per user of the model
 */
public record Affinity(String assetId, String basis, long trainedAt, Map<String, Float> scores) {
  /** The basis of a title with feedback in a model set with factors. */
  public static final String COLLABORATIVE = "collaborative";
  /** The basis of a title without feedback, or of a model set without factors. */
  public static final String CONTENT = "content";
}
