package io.marquee.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random model set of a chosen size, for measuring serving without a store of that size ({@code
 * marquee bench recommend --synthetic-items}): items {@code i0..}, users {@code u0..} with a few
 * views each (skewed toward popular items), random genres, series, maturity ratings and profiles,
 * random EASE weights over the 2,500 most popular items and random iALS factors. Scores mean
 * nothing; the work per request is the real one.
 */
public final class SyntheticModel {
  private static final String[] GENRES = {"drama", "comedy", "action", "thriller", "sci-fi",
    "horror", "romance", "documentary", "animation", "crime", "family", "fantasy", "pop", "rock",
    "jazz", "hip-hop", "classical", "electronic", "country", "latin"};
  private static final String[] RATINGS = {"G", "PG", "PG-13", "R", "TV-14", "TV-MA", null};
  private static final String[] COUNTRIES = {"US", "FR", "DE", "BR", "IN", "GB", "JP", "CA"};

  private SyntheticModel() {}

  /** A model set over {@code items} items and {@code users} users, {@code factors} iALS factors. */
  public static TrainedModel create(int items, int users, int factors, int historyLength,
      long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> userIds = new ArrayList<>(users);
    for (int u = 0; u < users; u++) {
      userIds.add("u" + u);
    }
    List<String> itemIds = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      itemIds.add("i" + i);
    }
    IdIndex userIndex = new IdIndex(userIds);
    IdIndex itemIndex = new IdIndex(itemIds);
    Interactions.Builder b = Interactions.builder(userIndex, itemIndex);
    for (int u = 0; u < users; u++) {
      for (int k = 0; k < historyLength; k++) {
        // the square of a uniform draw favours low indices: a popularity skew
        double x = rng.nextDouble();
        b.add(u, (int) (x * x * items), 1f, Float.NaN, 1_000_000 + rng.nextInt(1_000_000));
      }
    }
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(itemIndex);
    for (int i = 0; i < items; i++) {
      List<String> genres = List.of(GENRES[rng.nextInt(GENRES.length)],
          GENRES[rng.nextInt(GENRES.length)]);
      f.set(i, null, genres, rng.nextInt(10) < 3 ? "series " + i / 10 : null,
          RATINGS[rng.nextInt(RATINGS.length)], rng.nextInt(10) == 0 ? "audio" : "video");
    }
    UserProfile[] profiles = new UserProfile[users];
    for (int u = 0; u < users; u++) {
      profiles[u] = new UserProfile(13 + rng.nextInt(60), rng.nextBoolean() ? "female" : "male",
          COUNTRIES[rng.nextInt(COUNTRIES.length)], List.of(GENRES[rng.nextInt(GENRES.length)]));
    }
    Dataset data = new Dataset(x, f.build(), profiles, 2_000_000);
    int m = Math.min(Ease.Params.defaults().maxItems(), items);
    int[] kept = new int[m];
    Arrays.setAll(kept, k -> k);
    float[] weights = new float[m * m];
    for (int k = 0; k < weights.length; k++) {
      weights[k] = (float) (rng.nextGaussian() * 0.01);
    }
    Ease ease = new Ease();
    ease.restore(data, kept, weights);
    ImplicitAls.Params d = ImplicitAls.Params.defaults();
    ImplicitAls als = new ImplicitAls(new ImplicitAls.Params(factors, d.regularization(), d.alpha(),
        d.iterations(), d.cgSteps(), seed, d.threads()));
    als.restore(data, gaussian(users * factors, rng), gaussian(items * factors, rng));
    return TrainedModel.restore(data, ease, als, System.currentTimeMillis() / 1000);
  }

  private static float[] gaussian(int n, SplittableRandom rng) {
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = (float) (rng.nextGaussian() * 0.1);
    }
    return a;
  }
}
