package io.marquee.recommend;

import java.util.Arrays;

/**
 * A blend of a collaborative model, content-based scoring and demographic popularity whose weights
 * follow the length n of the user's history: the collaborative share is n / (n + {@link
 * #HALF_AT}), so a new user is served by their cell and declared interests, and a regular almost
 * entirely by what people with similar histories watched. The rest is split evenly between content
 * and demographics when the user has history or interests, and goes to demographics alone when
 * they have neither.
 *
 * <p>Each part's scores are standardised over the catalog (zero mean, unit variance) before
 * mixing, so no model dominates by scale.
 */
public final class Hybrid implements Recommender {
  /** The history length at which the collaborative part gets half the weight. */
  public static final float HALF_AT = 3;

  private final Recommender collaborative;
  private final Recommender content;
  private final Recommender demographic;

  public Hybrid(Recommender collaborative, Recommender content, Recommender demographic) {
    this.collaborative = collaborative;
    this.content = content;
    this.demographic = demographic;
  }

  /**
   * The blend of EASE and implicit ALS ({@link Blend#collaborative}), content-based scoring and
   * demographic cells, with their defaults.
   */
  public static Hybrid standard(long seed) {
    return new Hybrid(Blend.collaborative(seed), new ContentBased(), new CellPopularity());
  }

  @Override
  public String name() {
    return "hybrid";
  }

  @Override
  public void fit(Dataset data) {
    collaborative.fit(data);
    content.fit(data);
    demographic.fit(data);
  }

  /** The weights of the collaborative, content and demographic parts, summing to 1. */
  static float[] weights(int historyLength, boolean hasInterests) {
    float cf = historyLength / (historyLength + HALF_AT);
    float rest = 1 - cf;
    float content = historyLength > 0 || hasInterests ? rest / 2 : 0;
    return new float[] {cf, content, rest - content};
  }

  static float[] weights(UserContext user) {
    return weights(user.historyLength(), !user.profile().interests().isEmpty());
  }

  @Override
  public void score(UserContext user, Candidates candidates, float[] scores) {
    float[] w = weights(user);
    Arrays.fill(scores, 0, candidates.size(), 0);
    float[] part = new float[candidates.size()];
    Recommender[] parts = {collaborative, content, demographic};
    for (int k = 0; k < parts.length; k++) {
      if (w[k] > 0) {
        parts[k].score(user, candidates, part);
        Standardisation.add(part, candidates, parts[k].moments(user), w[k], scores);
      }
    }
  }

  @Override
  public void index() {
    collaborative.index();
    content.index();
    demographic.index();
  }

  /** A blend of the parts' similar-item scores: collaborative 0.7, content 0.3. */
  @Override
  public void similar(int item, Candidates candidates, float[] scores) {
    Arrays.fill(scores, 0, candidates.size(), 0);
    float[] part = new float[candidates.size()];
    collaborative.similar(item, candidates, part);
    Standardisation.add(part, candidates, collaborative.similarMoments(item), 0.7f, scores);
    content.similar(item, candidates, part);
    Standardisation.add(part, candidates, content.similarMoments(item), 0.3f, scores);
  }

  /**
   * What the parts with a weight propose: the collaborative part with the whole budget, content and
   * demographics with {@value #MINOR_SHARE} of it each (their lists are narrow: a few genres, one
   * cell).
   */
  @Override
  public void propose(UserContext user, int budget, Candidates.Builder out) {
    float[] w = weights(user);
    Recommender[] parts = {collaborative, content, demographic};
    for (int k = 0; k < parts.length; k++) {
      if (w[k] > 0) {
        parts[k].propose(user, k == 0 ? budget : (int) (budget * MINOR_SHARE), out);
      }
    }
  }

  /** The share of the retrieval budget that content and demographics each propose. */
  static final float MINOR_SHARE = 0.125f;

  @Override
  public void proposeSimilar(int item, int budget, Candidates.Builder out) {
    collaborative.proposeSimilar(item, budget, out);
    content.proposeSimilar(item, (int) (budget * MINOR_SHARE), out);
  }

  /**
   * The explanation of the heaviest part that has one: "because you watched X" for a regular,
   * "you like sci-fi" or "popular with 25-34 viewers in FR" for a newcomer.
   */
  @Override
  public Explanation explain(UserContext user, int item) {
    float[] w = weights(user);
    Recommender[] parts = {collaborative, content, demographic};
    boolean[] tried = new boolean[parts.length];
    for (int round = 0; round < parts.length; round++) {
      int best = -1;
      for (int k = 0; k < parts.length; k++) {
        if (!tried[k] && w[k] > 0 && (best < 0 || w[k] > w[best])) {
          best = k;
        }
      }
      if (best < 0) {
        break;
      }
      tried[best] = true;
      Explanation e = parts[best].explain(user, item);
      if (e != null) {
        return e;
      }
    }
    return Explanation.popular();
  }
}
