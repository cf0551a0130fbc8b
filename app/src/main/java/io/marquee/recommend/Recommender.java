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
  default void score(UserContext user, float[] scores) {
    score(user, Candidates.all(scores.length), scores);
  }

  /**
   * Writes the score of each candidate: {@code scores[k]} for {@code candidates.item(k)}, the same
   * value the whole-catalog {@link #score(UserContext, float[])} gives that item (models that
   * standardise, {@link Hybrid} and {@link Blend}, do so with the candidates' sample statistics).
   */
  void score(UserContext user, Candidates candidates, float[] scores);

  /** Writes, for every item, how similar it is to {@code item}. */
  default void similar(int item, float[] scores) {
    similar(item, Candidates.all(scores.length), scores);
  }

  /** Writes, for each candidate, how similar it is to {@code item}. */
  void similar(int item, Candidates candidates, float[] scores);

  /**
   * Builds what {@link #propose} needs to serve a large catalog (an index over the model's
   * factors); called once after {@link #fit} by who serves with {@link Retrieval}. Default: nothing.
   */
  default void index() {}

  /**
   * The exact mean and variance of this model's whole-catalog scores for {@code user}, when the
   * model can tell them without scoring the catalog; null otherwise (the blend then estimates them
   * on the candidates' sample).
   */
  default Moments moments(UserContext user) {
    return null;
  }

  /** The same for {@link #similar} scores of {@code item}. */
  default Moments similarMoments(int item) {
    return null;
  }

  /**
   * Adds the items this model would rank highest for {@code user}, about {@code budget} of them, to
   * {@code out}: the candidates of a large catalog ({@link Retrieval}). A model that cannot tell
   * them cheaply adds nothing (the default).
   */
  default void propose(UserContext user, int budget, Candidates.Builder out) {}

  /** Adds the items this model would find most similar to {@code item}; see {@link #propose}. */
  default void proposeSimilar(int item, int budget, Candidates.Builder out) {}

  /** Why the model would recommend {@code item} to {@code user}; null when it has no reason. */
  default Explanation explain(UserContext user, int item) {
    return null;
  }
}
