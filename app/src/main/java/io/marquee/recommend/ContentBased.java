package io.marquee.recommend;

import java.util.Arrays;

/**
 * Content-based scoring from item features: the cosine between a user's genre profile and each
 * item's genres (idf-weighted, so a shared niche genre counts more than a shared "drama"), plus a
 * bonus for the series the user follows, a smaller one for items of the maturity level they
 * usually watch, and a faint popularity prior to order items the features cannot tell apart.
 *
 * <p>The genre profile mixes the history's genres (weighted by feedback) with the declared
 * interests, so it also serves users with interests and no history.
 */
public final class ContentBased implements Recommender {
  static final float SERIES = 0.5f;
  static final float MATURITY = 0.1f;
  static final float PRIOR = 0.05f;
  /** Share of declared interests in the genre profile of a user who also has history. */
  static final float INTERESTS_SHARE = 0.3f;

  private ItemFeatures features;
  private float[] idf;
  private float[] itemNorm;
  private float[] prior;
  private int[][] genreItems; // per genre, its items by descending popularity
  private int[][] seriesItems; // per series, likewise
  /**
   * Per item, what scoring reads, in one place (a scored item costs one or two cache lines, not one
   * per feature array): item i's record is packed[start[i] .. start[i + 1]) = series, maturity
   * level, itemNorm and prior as float bits, then its genres.
   */
  private int[] start;
  private int[] packed;

  @Override
  public String name() {
    return "content";
  }

  @Override
  public void fit(Dataset data) {
    features = data.items();
    int items = features.size();
    int[] df = new int[features.genreCount()];
    for (int i = 0; i < items; i++) {
      for (int g : features.genres[i]) {
        df[g]++;
      }
    }
    idf = new float[df.length];
    for (int g = 0; g < df.length; g++) {
      idf[g] = (float) Math.log(1 + (double) items / (1 + df[g]));
    }
    itemNorm = new float[items];
    for (int i = 0; i < items; i++) {
      double sum = 0;
      for (int g : features.genres[i]) {
        sum += idf[g] * idf[g];
      }
      itemNorm[i] = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0;
    }
    Interactions x = data.interactions();
    prior = new float[items];
    double max = Math.log1p(maxUsers(x));
    for (int i = 0; i < items; i++) {
      prior[i] = max > 0 ? (float) (Math.log1p(x.userCountOf(i)) / max) : 0;
    }
    pack(items);
    int[] byPopularity = Postings.descending(prior);
    genreItems = Postings.byGenre(features, byPopularity);
    seriesItems = Postings.bySeries(features, byPopularity);
  }

  private static final int HEADER = 4;

  private void pack(int items) {
    start = new int[items + 1];
    for (int i = 0; i < items; i++) {
      start[i + 1] = start[i] + HEADER + features.genres[i].length;
    }
    packed = new int[start[items]];
    for (int i = 0; i < items; i++) {
      int at = start[i];
      packed[at] = features.series[i];
      packed[at + 1] = features.level[i];
      packed[at + 2] = Float.floatToRawIntBits(itemNorm[i]);
      packed[at + 3] = Float.floatToRawIntBits(prior[i]);
      System.arraycopy(features.genres[i], 0, packed, at + HEADER, features.genres[i].length);
    }
  }

  private static int maxUsers(Interactions x) {
    int max = 0;
    for (int i = 0; i < x.itemCount(); i++) {
      max = Math.max(max, x.userCountOf(i));
    }
    return max;
  }

  /** The user's unit-length genre profile: history genres and declared interests, mixed. */
  float[] profile(UserContext user) {
    float[] history = new float[idf.length];
    int[] items = user.items();
    float[] weights = user.weights();
    for (int k = 0; k < items.length; k++) {
      for (int g : features.genres[items[k]]) {
        history[g] += weights[k] * idf[g] * itemNorm[items[k]];
      }
    }
    float[] interests = new float[idf.length];
    for (String name : user.profile().interests()) {
      int g = features.genreIndex(name);
      if (g >= 0) {
        interests[g] = 1;
      }
    }
    boolean hasHistory = normalize(history);
    boolean hasInterests = normalize(interests);
    float share = hasHistory && hasInterests ? INTERESTS_SHARE : hasInterests ? 1 : 0;
    for (int g = 0; g < history.length; g++) {
      history[g] = (1 - share) * history[g] + share * interests[g];
    }
    return history;
  }

  private static boolean normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    if (sum == 0) {
      return false;
    }
    float scale = (float) (1 / Math.sqrt(sum));
    for (int g = 0; g < v.length; g++) {
      v[g] *= scale;
    }
    return true;
  }

  /** Share of the history's weight per series followed: ascending series numbers, their shares. */
  private record SeriesShares(int[] series, float[] shares) {
    boolean isEmpty() {
      return series.length == 0;
    }

    float of(int s) {
      int k = Arrays.binarySearch(series, s);
      return k < 0 ? 0 : shares[k];
    }
  }

  private SeriesShares series(UserContext user) {
    int[] items = user.items();
    float[] weights = user.weights();
    int[] ids = Arrays.stream(items).map(i -> features.series[i]).filter(s -> s >= 0)
        .sorted().distinct().toArray();
    float[] sums = new float[ids.length];
    float total = 0;
    for (int k = 0; k < items.length; k++) {
      total += weights[k];
      int s = features.series[items[k]];
      if (s >= 0) {
        sums[Arrays.binarySearch(ids, s)] += weights[k];
      }
    }
    for (int k = 0; k < sums.length; k++) {
      sums[k] = total > 0 ? sums[k] / total : 0;
    }
    return new SeriesShares(ids, sums);
  }

  /** The weighted mean maturity level of the history, NaN when unknown. */
  private float maturity(UserContext user) {
    double sum = 0;
    double weight = 0;
    for (int k = 0; k < user.items().length; k++) {
      int level = features.level[user.items()[k]];
      if (level >= 0) {
        sum += level * user.weights()[k];
        weight += user.weights()[k];
      }
    }
    return weight > 0 ? (float) (sum / weight) : Float.NaN;
  }

  @Override
  public void score(UserContext user, Candidates candidates, float[] scores) {
    float[] profile = profile(user);
    SeriesShares series = series(user);
    float maturity = maturity(user);
    for (int k = 0; k < candidates.size(); k++) {
      int i = candidates.item(k);
      int at = start[i];
      float s = 0;
      for (int g = at + HEADER; g < start[i + 1]; g++) {
        s += profile[packed[g]] * idf[packed[g]];
      }
      s *= Float.intBitsToFloat(packed[at + 2]);
      int si = packed[at];
      if (si >= 0 && !series.isEmpty()) {
        s += SERIES * series.of(si);
      }
      int level = packed[at + 1];
      if (level >= 0 && !Float.isNaN(maturity)) {
        s += MATURITY * (1 - Math.abs(level - maturity) / 3);
      }
      scores[k] = s + PRIOR * Float.intBitsToFloat(packed[at + 3]);
    }
  }

  /** The inverse document frequency of genre {@code g} over the fitted items. */
  float idf(int g) {
    return idf[g];
  }

  @Override
  public void similar(int item, Candidates candidates, float[] scores) {
    float[] genres = new float[idf.length];
    for (int g : features.genres[item]) {
      genres[g] = idf[g] * itemNorm[item];
    }
    int series = features.series[item];
    for (int k = 0; k < candidates.size(); k++) {
      int i = candidates.item(k);
      float s = 0;
      for (int g : features.genres[i]) {
        s += genres[g] * idf[g];
      }
      s *= itemNorm[i];
      if (series >= 0 && features.series[i] == series) {
        s += SERIES;
      }
      scores[k] = s + PRIOR * prior[i];
    }
  }

  /** How many of the profile's genres propose their most popular items. */
  static final int PROPOSING_GENRES = 3;

  /**
   * The items of the series in the history, then the most popular items of the {@value
   * #PROPOSING_GENRES} genres that weigh most in the user's profile.
   */
  @Override
  public void propose(UserContext user, int budget, Candidates.Builder out) {
    int limit = out.size() + budget;
    for (int h : user.items()) {
      addHead(seriesItems, features.series[h], budget / 4, out, limit);
    }
    float[] profile = profile(user);
    float[] weight = new float[profile.length];
    for (int g = 0; g < profile.length; g++) {
      weight[g] = profile[g] * idf[g];
    }
    int[] best = TopN.select(weight, PROPOSING_GENRES, g -> weight[g] > 0);
    int room = Math.max(0, limit - out.size());
    for (int g : best) {
      addHead(genreItems, g, room / best.length, out, limit);
    }
  }

  /** The item's series, then the most popular items of its genres. */
  @Override
  public void proposeSimilar(int item, int budget, Candidates.Builder out) {
    int limit = out.size() + budget;
    addHead(seriesItems, features.series[item], budget / 4, out, limit);
    int[] genres = features.genres[item];
    int room = Math.max(0, limit - out.size());
    for (int g : genres) {
      addHead(genreItems, g, room / genres.length, out, limit);
    }
  }

  /** Adds the first {@code n} items of list {@code index} (none for -1), stopping at the limit. */
  private static void addHead(int[][] lists, int index, int n, Candidates.Builder out, int limit) {
    if (index < 0) {
      return;
    }
    int[] list = lists[index];
    for (int k = 0; k < Math.min(n, list.length) && out.size() < limit; k++) {
      out.add(list[k]);
    }
  }

  /**
   * "more from The Expanse" when the item continues a series in the history; else "you like
   * sci-fi", naming the item's genre that weighs most in the user's profile.
   */
  @Override
  public Explanation explain(UserContext user, int item) {
    int series = features.series[item];
    if (series >= 0) {
      for (int h : user.items()) {
        if (features.series[h] == series && h != item) {
          return new Explanation("series", "more from " + features.seriesName(series), h);
        }
      }
    }
    float[] profile = profile(user);
    int best = -1;
    for (int g : features.genres[item]) {
      if (profile[g] > 0 && (best < 0 || profile[g] * idf[g] > profile[best] * idf[best])) {
        best = g;
      }
    }
    if (best < 0) {
      return null;
    }
    return new Explanation("interest", "you like " + features.genreName(best), -1);
  }
}
