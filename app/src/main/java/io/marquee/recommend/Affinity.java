package io.marquee.recommend;

import java.util.List;
import java.util.Map;

/**
 * The predicted affinity of every user a model knows for one title: a score per user id, higher
 * is stronger, comparable across users of this one result only.
 *
 * @param assetId the title scored
 * @param basis {@link #COLLABORATIVE} (the iALS factors: the title has feedback in the model), {@link
 *     #CONTENT_AND_SIMILAR} (no feedback: content blended with the users' affinity for the most similar
 *     titles that have some, {@link ColdStart}) or {@link #CONTENT} (no feedback and no similar title
 *     with feedback, or no collaborative part: genres, series and maturity against each user's history
 *     and interests)
 * @param trainedAt when the model set was trained, epoch seconds
 * @param scores user id to score, one entry per user of the model
 * @param similarTitles for {@link #CONTENT_AND_SIMILAR}, the similar titles that drove the scores, most
 *     similar first; empty otherwise
 */
public record Affinity(String assetId, String basis, long trainedAt, Map<String, Float> scores,
    List<SimilarTitle> similarTitles) {
  /** The basis of a title with feedback in a model set with factors. */
  public static final String COLLABORATIVE = "collaborative";
  /** The basis of a title without feedback scored from its content and its similar titles' viewers. */
  public static final String CONTENT_AND_SIMILAR = "content+similar_titles";
  /** The basis of a title without feedback nor similar titles with some, or of a set without factors. */
  public static final String CONTENT = "content";

  public Affinity {
    similarTitles = List.copyOf(similarTitles);
  }

  /** Without similar titles. */
  public Affinity(String assetId, String basis, long trainedAt, Map<String, Float> scores) {
    this(assetId, basis, trainedAt, scores, List.of());
  }

  /**
   * A title whose viewers carried over to the scored one.
   *
   * @param similarity its catalog similarity to the scored title (genres, series, year, maturity)
   * @param viewers how many users of the model have feedback on it
   */
  public record SimilarTitle(String assetId, String title, double similarity, int viewers) {}
}
