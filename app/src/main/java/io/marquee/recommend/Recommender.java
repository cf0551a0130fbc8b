package io.marquee.recommend;

/**
 * A recommendation model: trained on a {@link Dataset}, it scores every item of the catalog for a
 * user, or for its similarity to another item. Higher scores are better; scores are comparable
 * within one call only.
 *
 * <p>{@link #fit} is called once, before any other method; after it returns, {@link #score},
 * {@link #similar} and {@link #explain} may be called from many threads. A retrained model is a new
 * instance, swapped in whole.
 */
public interface Recommender {

  /** The model's name as given to {@code marquee evaluate --algorithm}. */
  String name();

  /** Trains the model. */
  void fit(Dataset data);

  /**
   * Writes a score for every item into {@code scores}, whose length is the training data's item
   * count. Does not filter anything: watched and unsuitable items are the rules' business ({@link
   * RecommendationRules}).
   */
  void score(UserContext user, float[] scores);

  /** Writes, for every item, how similar it is to {@code item}. */
  void similar(int item, float[] scores);

  /** Why the model would recommend {@code item} to {@code user}; null when it has no reason. */
  default Explanation explain(UserContext user, int item) {
    return null;
  }
}
