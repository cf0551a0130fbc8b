package io.marquee.recommend;

import java.util.Arrays;
import java.util.List;

/**
 * A fixed-weight blend of models: each part's scores are standardised over the catalog (zero
 * mean, unit variance, see {@link Standardisation#add}) and summed with its weight. Explanations
 * come from the heaviest part that has one.
 */
public final class Blend implements Recommender {
  private final String name;
  private final List<Recommender> parts;
  private final float[] weights;

  public Blend(String name, List<Recommender> parts, float... weights) {
    if (parts.size() != weights.length || parts.isEmpty()) {
      throw new IllegalArgumentException("one weight per part, at least one part");
    }
    this.name = name;
    this.parts = List.copyOf(parts);
    this.weights = weights.clone();
  }

  /** EASE and implicit ALS, equally weighted: the collaborative part of {@link Hybrid#standard}. */
  public static Blend collaborative(long seed) {
    return new Blend("collaborative",
        List.of(new Ease(), new ImplicitAls(ImplicitAls.Params.defaults().withSeed(seed))), 1, 1);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Fits the parts one after the other: fitting them concurrently was slower on two cores, the
   * parts being multi-threaded or memory-bound themselves.
   */
  @Override
  public void fit(Dataset data) {
    for (Recommender part : parts) {
      part.fit(data);
    }
  }

  @Override
  public void score(UserContext user, Candidates candidates, float[] scores) {
    Arrays.fill(scores, 0, candidates.size(), 0);
    float[] part = new float[candidates.size()];
    for (int k = 0; k < weights.length; k++) {
      parts.get(k).score(user, candidates, part);
      Standardisation.add(part, candidates, parts.get(k).moments(user), weights[k], scores);
    }
  }

  @Override
  public void similar(int item, Candidates candidates, float[] scores) {
    Arrays.fill(scores, 0, candidates.size(), 0);
    float[] part = new float[candidates.size()];
    for (int k = 0; k < weights.length; k++) {
      parts.get(k).similar(item, candidates, part);
      Standardisation.add(part, candidates, parts.get(k).similarMoments(item), weights[k],
          scores);
    }
  }

  @Override
  public void index() {
    parts.forEach(Recommender::index);
  }

  /** What every part proposes, each with the whole budget. */
  @Override
  public void propose(UserContext user, int budget, Candidates.Builder out) {
    for (Recommender part : parts) {
      part.propose(user, budget, out);
    }
  }

  @Override
  public void proposeSimilar(int item, int budget, Candidates.Builder out) {
    for (Recommender part : parts) {
      part.proposeSimilar(item, budget, out);
    }
  }

  @Override
  public Explanation explain(UserContext user, int item) {
    Integer[] order = new Integer[weights.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Float.compare(weights[b], weights[a]));
    for (int k : order) {
      Explanation e = parts.get(k).explain(user, item);
      if (e != null) {
        return e;
      }
    }
    return null;
  }
}
