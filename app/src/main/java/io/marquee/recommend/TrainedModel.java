package io.marquee.recommend;

import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One trained model set as serving uses it: the {@link Dataset} it was trained on (users' rows are
 * their histories and profiles at training time), the {@link Hybrid} of EASE, implicit ALS,
 * content and demographics for users who consented, trending popularity for the others, and the
 * {@link Recommendations} around them. Immutable once built, so a new one can be swapped in whole.
 *
 * <p>A popularity-only set ({@link #popularity}) is what a node serves before its first training
 * finishes: every list is non-personal.
 */
public final class TrainedModel {
  /** The seed of the models that draw random numbers. */
  public static final long SEED = 42;

  private final Dataset data;
  private final Ease ease;
  private final ImplicitAls als;
  private final Recommender personal;
  private final Recommendations recommendations;
  private final long trainedAt;
  private ColdStart coldStart; // for affinity(), built on first use

  private TrainedModel(Dataset data, Ease ease, ImplicitAls als, Recommender personal,
      long trainedAt, Retrieval.Settings retrievalSettings) {
    this.data = data;
    this.ease = ease;
    this.als = als;
    this.personal = personal;
    Popularity trending = Popularity.trending(Recommenders.TRENDING_HALF_LIFE_DAYS);
    trending.fit(data);
    Retrieval retrieval = new Retrieval(data.items(), trending.values(), retrievalSettings);
    if (personal != null && !retrieval.fullScan()) {
      personal.index();
    }
    this.recommendations = new Recommendations(personal == null ? trending : personal, trending,
        data.items(), RecommendationRules.Settings.defaults(), retrieval);
    this.trainedAt = trainedAt;
  }

  private TrainedModel(Dataset data, Ease ease, ImplicitAls als, Recommender personal,
      long trainedAt) {
    this(data, ease, als, personal, trainedAt, Retrieval.Settings.defaults());
  }

  /** The same models served with other retrieval settings (e.g. {@link Retrieval.Settings#exact}). */
  public TrainedModel withRetrieval(Retrieval.Settings settings) {
    return new TrainedModel(data, ease, als, personal, trainedAt, settings);
  }

  /** Trains the standard hybrid ({@link Hybrid#standard}) on {@code data}. */
  public static TrainedModel train(Dataset data) {
    Ease ease = new Ease();
    ImplicitAls als = new ImplicitAls(ImplicitAls.Params.defaults().withSeed(SEED));
    Hybrid hybrid = hybrid(ease, als);
    hybrid.fit(data);
    return new TrainedModel(data, ease, als, hybrid, System.currentTimeMillis() / 1000);
  }

  /** Non-personal lists only, from {@code data}'s popularity: no training needed. */
  public static TrainedModel popularity(Dataset data) {
    return new TrainedModel(data, null, null, null, System.currentTimeMillis() / 1000);
  }

  /**
   * A model set from saved state: EASE and iALS take theirs, the cheap parts (content,
   * demographics, popularity) are refitted from {@code data}.
   */
  static TrainedModel restore(Dataset data, Ease ease, ImplicitAls als, long trainedAt) {
    ContentBased content = new ContentBased();
    CellPopularity demographic = new CellPopularity();
    content.fit(data);
    demographic.fit(data);
    return new TrainedModel(data, ease, als,
        new Hybrid(new Blend("collaborative", List.of(ease, als), 1, 1), content, demographic),
        trainedAt);
  }

  private static Hybrid hybrid(Ease ease, ImplicitAls als) {
    return new Hybrid(new Blend("collaborative", List.of(ease, als), 1, 1), new ContentBased(),
        new CellPopularity());
  }

  public Dataset data() {
    return data;
  }

  /** Whether the set has personal models; false for {@link #popularity}. */
  public boolean personal() {
    return ease != null;
  }

  Ease ease() {
    return ease;
  }

  ImplicitAls als() {
    return als;
  }

  public Recommendations recommendations() {
    return recommendations;
  }

  /** When the set was trained, epoch seconds. */
  public long trainedAt() {
    return trainedAt;
  }

  /**
   * The trained iALS factor row of {@code userId} (a copy, {@code factors} floats), the taste the
   * lookalike audiences compare; null for a user without one: never seen, or seen without any
   * feedback (a profile only, no view or rating), or a set without factors ({@link #popularity}).
   */
  public float[] userFactors(String userId) {
    Interactions x = data.interactions();
    int row = x.users().indexOf(userId);
    if (als == null || row < 0 || x.rowStart[row + 1] == x.rowStart[row]) {
      return null;
    }
    return als.userRow(row);
  }

  /** The user as of training: their row's history and profile; null for a user never seen. */
  public UserContext user(String userId) {
    int row = data.interactions().users().indexOf(userId);
    return row < 0 ? null : UserContext.of(data, row);
  }

  /**
   * {@code user} (null for a user the model never saw) with {@code assetIds} they started since the
   * training added to their history, each weighing a started view ({@link Feedback#view} of nothing
   * watched yet): left out of their lists, and used by the models that score from the history. Null
   * when neither the user nor any of the titles is known to the model.
   */
  public UserContext withRecent(UserContext user, Collection<String> assetIds) {
    int[] items = user == null ? new int[0] : user.items();
    float[] weights = user == null ? new float[0] : user.weights();
    TreeMap<Integer, Float> merged = new TreeMap<>();
    for (int k = 0; k < items.length; k++) {
      merged.put(items[k], weights[k]);
    }
    float started = Feedback.view(0, 0);
    for (String id : assetIds) {
      int item = data.interactions().items().indexOf(id);
      if (item >= 0) {
        merged.putIfAbsent(item, started);
      }
    }
    if (merged.size() == items.length) {
      return user;
    }
    int[] newItems = merged.keySet().stream().mapToInt(Integer::intValue).toArray();
    float[] newWeights = new float[newItems.length];
    int k = 0;
    for (float w : merged.values()) {
      newWeights[k++] = w;
    }
    return new UserContext(user == null ? -1 : user.user(), newItems, newWeights,
        user == null ? UserProfile.UNKNOWN : user.profile());
  }

  /** {@link #affinity(String, Title, Function)} knowing nothing of the catalog beyond the training data. */
  public Affinity affinity(String assetId) {
    return affinity(assetId, null, i -> null);
  }

  /**
   * The predicted affinity of every user of this set for {@code assetId}. A title with feedback is
   * scored by the iALS factors (the predicted preference u . y, comparable across users); one without
   * (of the training data, or only in the catalog: added after the training) by {@link ColdStart}:
   * its content blended with the users' affinity for its most similar titles that have feedback, or
   * by content alone when none is similar (or the set has no factors).
   *
   * @param described the title's current catalog entry, null when the catalog has none
   * @param releaseYear the catalog's release year of an asset id, null when unknown
   * @return null for a title neither this set nor the catalog knows
   */
  public Affinity affinity(String assetId, Title described, Function<String, Integer> releaseYear) {
    Interactions x = data.interactions();
    int item = x.items().indexOf(assetId);
    if (item < 0 && described == null) {
      return null;
    }
    float[] scores;
    String basis;
    List<Affinity.SimilarTitle> similar = new ArrayList<>();
    if (item >= 0 && als != null && x.colStart[item + 1] > x.colStart[item]) {
      scores = new float[x.userCount()];
      als.itemAffinity(item, scores);
      basis = Affinity.COLLABORATIVE;
    } else {
      ColdStart cold = coldStart();
      ColdStart.Description d = described != null ? cold.describe(described)
          : cold.describe(item, releaseYear.apply(assetId));
      List<ColdStart.Neighbour> neighbours = als == null ? List.of()
          : cold.neighbours(d, item, ColdStart.NEIGHBOURS, i -> releaseYear.apply(x.items().id(i)));
      scores = cold.score(d, neighbours);
      basis = neighbours.isEmpty() ? Affinity.CONTENT : Affinity.CONTENT_AND_SIMILAR;
      for (ColdStart.Neighbour n : neighbours) {
        similar.add(new Affinity.SimilarTitle(x.items().id(n.item()), data.items().title(n.item()),
            n.similarity(), n.viewers()));
      }
    }
    Map<String, Float> byUser = new LinkedHashMap<>(scores.length * 2);
    for (int u = 0; u < scores.length; u++) {
      scores[u] = scores[u] == 0 ? 0f : scores[u]; // no -0: Float.compare would order it below 0
    }
    for (int u : ranked(scores)) {
      byUser.put(x.users().id(u), scores[u]);
    }
    return new Affinity(assetId, basis, trainedAt, Collections.unmodifiableMap(byUser), similar);
  }

  /**
   * The user rows by descending score, ties by ascending user id: the order of {@link Affinity#scores},
   * so that a ranking of its entries (audiences sort them the same way) runs over sorted input. One
   * sort of primitive keys: the score's order-preserving bits above the row's rank by id.
   */
  private int[] ranked(float[] scores) {
    int[] byId = idRanks();
    long[] keys = new long[scores.length];
    for (int u = 0; u < scores.length; u++) {
      int bits = Float.floatToIntBits(scores[u]);
      int ascending = bits >= 0 ? bits ^ Integer.MIN_VALUE : ~bits; // unsigned order = float order
      long descending = 0xFFFFFFFFL - Integer.toUnsignedLong(ascending);
      keys[u] = (descending << 32 | byId[u]) ^ Long.MIN_VALUE; // signed order = unsigned order
    }
    Arrays.sort(keys);
    int[] rows = idOrder();
    int[] out = new int[scores.length];
    for (int r = 0; r < keys.length; r++) {
      out[r] = rows[(int) keys[r]];
    }
    return out;
  }

  private int[] idRanks;
  private int[] idOrder;

  /** Per user row, its rank among the user ids in ascending order; computed once. */
  private synchronized int[] idRanks() {
    if (idRanks == null) {
      IdIndex users = data.interactions().users();
      Integer[] rows = new Integer[users.size()];
      for (int u = 0; u < rows.length; u++) {
        rows[u] = u;
      }
      Arrays.sort(rows, (a, b) -> users.id(a).compareTo(users.id(b)));
      idOrder = new int[rows.length];
      idRanks = new int[rows.length];
      for (int r = 0; r < rows.length; r++) {
        idOrder[r] = rows[r];
        idRanks[rows[r]] = r;
      }
    }
    return idRanks;
  }

  /** The user rows in ascending order of id. */
  private synchronized int[] idOrder() {
    idRanks();
    return idOrder;
  }

  /** The cold-start scorer over this set's data, built once, on first use (a cheap fit). */
  synchronized ColdStart coldStart() {
    if (coldStart == null) {
      ContentBased content = new ContentBased();
      content.fit(data);
      coldStart = new ColdStart(data, content, als);
    }
    return coldStart;
  }

  public int userCount() {
    return data.interactions().userCount();
  }

  public int itemCount() {
    return data.interactions().itemCount();
  }
}
