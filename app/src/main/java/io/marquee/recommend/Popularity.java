package io.marquee.recommend;

import java.util.Arrays;

/**
 * Non-personal popularity: global (how many users have feedback on the item) or trending (the same
 * count with each interaction's contribution halved every {@code halfLife} seconds before the
 * training's "now"). The fallback for users without history and without a demographic cell.
 */
public final class Popularity implements Recommender {
  private final String name;
  private final double halfLifeSeconds;
  private float[] popularity;
  private int[] order;
  private Moments moments;

  private Popularity(String name, double halfLifeSeconds) {
    this.name = name;
    this.halfLifeSeconds = halfLifeSeconds;
  }

  /** All-time popularity: distinct users per item. */
  public static Popularity global() {
    return new Popularity("popularity", Double.POSITIVE_INFINITY);
  }

  /** Time-decayed popularity with the given half-life in days. */
  public static Popularity trending(double halfLifeDays) {
    return new Popularity("trending", halfLifeDays * 86_400);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void fit(Dataset data) {
    popularity = counts(data.interactions(), data.now(), halfLifeSeconds);
    order = Postings.descending(popularity);
    moments = Moments.of(popularity, popularity.length, 0);
  }

  @Override
  public Moments moments(UserContext user) {
    return moments;
  }

  @Override
  public Moments similarMoments(int item) {
    return moments;
  }

  /**
   * Per item, the number of users with feedback on it, each counted 0.5^(age / half-life) where age
   * is how long before {@code now} their latest interaction with the item was; scaled so the most
   * popular item scores 1.
   */
  static float[] counts(Interactions x, long now, double halfLifeSeconds) {
    float[] p = new float[x.itemCount()];
    boolean decay = Double.isFinite(halfLifeSeconds);
    for (int i = 0; i < p.length; i++) {
      double sum = 0;
      for (int k = x.colStart[i]; k < x.colStart[i + 1]; k++) {
        sum += decay ? Math.pow(0.5, Math.max(0, now - x.colTime[k]) / halfLifeSeconds) : 1;
      }
      p[i] = (float) sum;
    }
    float max = 0;
    for (float v : p) {
      max = Math.max(max, v);
    }
    if (max > 0) {
      for (int i = 0; i < p.length; i++) {
        p[i] /= max;
      }
    }
    return p;
  }

  @Override
  public void score(UserContext user, Candidates candidates, float[] scores) {
    copy(candidates, scores);
  }

  /** Non-personal: the items most popular overall, whatever the item. */
  @Override
  public void similar(int item, Candidates candidates, float[] scores) {
    copy(candidates, scores);
  }

  private void copy(Candidates candidates, float[] scores) {
    if (candidates.isAll()) {
      System.arraycopy(popularity, 0, scores, 0, popularity.length);
      return;
    }
    for (int k = 0; k < candidates.size(); k++) {
      scores[k] = popularity[candidates.item(k)];
    }
  }

  /** The {@code budget} most popular items. */
  @Override
  public void propose(UserContext user, int budget, Candidates.Builder out) {
    addTop(budget, out);
  }

  @Override
  public void proposeSimilar(int item, int budget, Candidates.Builder out) {
    addTop(budget, out);
  }

  private void addTop(int budget, Candidates.Builder out) {
    for (int k = 0; k < Math.min(budget, order.length); k++) {
      out.add(order[k]);
    }
  }

  @Override
  public Explanation explain(UserContext user, int item) {
    return Double.isFinite(halfLifeSeconds)
        ? new Explanation("trending", "trending now", -1)
        : Explanation.popular();
  }

  /** A copy of the scaled popularity, for tests and for other models' tie-breaks. */
  float[] values() {
    return Arrays.copyOf(popularity, popularity.length);
  }
}
