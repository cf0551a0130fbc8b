package io.marquee.recommend;

import java.util.function.Consumer;

/**
 * Which items a request scores. A catalog of at most {@link Settings#fullScanItems} items is scored
 * whole: exact, and cheap at that size. A larger one is served in two stages, as large recommender
 * systems are: the models propose candidates ({@link Recommender#propose}: the members of the
 * factor clusters nearest the user, EASE's best items, the user's series and the head of their
 * favourite genres, their demographic cell's best), a fixed random sample of the catalog joins them
 * (the blend's standardisation statistics are estimated on it, see {@link Candidates}), and, when
 * the request filters by genre or media type, the most popular items passing the filter; then every
 * model scores just these few thousand items exactly, and the rules pick the list from them.
 *
 * <p>At 100,000 items this scores about 6% of the catalog instead of all of it (figures in
 * docs/recommendations.md). Should the candidates leave a list short after the rules, {@link
 * Recommendations} scores the whole catalog instead.
 */
public final class Retrieval {

  /**
   * @param fullScanItems catalogs up to this size are scored whole
   * @param budget how many items each model part proposes, about
   * @param sampleSize the random sample's size
   * @param seed seeds the sample
   */
  public record Settings(int fullScanItems, int budget, int sampleSize, long seed) {
    public Settings {
      if (fullScanItems < 0 || budget < 1 || sampleSize < 2) {
        throw new IllegalArgumentException(
            "fullScanItems must be at least 0, budget at least 1, sampleSize at least 2");
      }
    }

    public static Settings defaults() {
      return new Settings(10_000, 1_024, 512, 42);
    }

    /** Every catalog scored whole. */
    public static Settings exact() {
      return new Settings(Integer.MAX_VALUE, 1, 2, 42);
    }
  }

  private final int catalogSize;
  private final Settings settings;
  private final ItemFeatures features;
  private long[] sampleBits;
  private int sampleCount;
  private int[][] genreItems;
  private int[] audioItems;
  private int[] videoItems;

  /**
   * @param popularity one value per item, for the order of the filters' item lists
   */
  public Retrieval(ItemFeatures features, float[] popularity, Settings settings) {
    this.catalogSize = features.size();
    this.settings = settings;
    this.features = features;
    if (!fullScan()) {
      sampleCount = Math.min(settings.sampleSize(), catalogSize);
      sampleBits = Candidates.sampleBits(catalogSize, sampleCount, settings.seed());
      int[] order = Postings.descending(popularity);
      genreItems = Postings.byGenre(features, order);
      audioItems = Postings.byMedia(features, order, true);
      videoItems = Postings.byMedia(features, order, false);
    }
  }

  /** Whether every request scores the whole catalog. */
  public boolean fullScan() {
    return catalogSize <= settings.fullScanItems();
  }

  public Settings settings() {
    return settings;
  }

  /** The items to score for {@code user} with {@code model}. */
  public Candidates forUser(Recommender model, UserContext user, RecommendationRules.Request request) {
    return candidates(request, b -> model.propose(user, settings.budget(), b));
  }

  /** The items to score for titles similar to {@code item} with {@code model}. */
  public Candidates similarTo(Recommender model, int item, RecommendationRules.Request request) {
    return candidates(request, b -> model.proposeSimilar(item, settings.budget(), b));
  }

  /** The whole catalog, or what {@code propose} adds, the filters' items and the sample. */
  private Candidates candidates(RecommendationRules.Request request,
      Consumer<Candidates.Builder> propose) {
    if (fullScan()) {
      return Candidates.all(catalogSize);
    }
    Candidates.Builder b = new Candidates.Builder(catalogSize);
    propose.accept(b);
    addFiltered(request, b);
    return b.build(sampleBits, sampleCount);
  }

  /** The most popular items that pass the request's genre and media filters. */
  private void addFiltered(RecommendationRules.Request request, Candidates.Builder b) {
    int[] list = null;
    if (request.genre() != null) {
      int g = features.genreIndex(request.genre());
      list = g >= 0 ? genreItems[g] : new int[0];
    } else if (request.mediaType() != null) {
      list = request.mediaType().equalsIgnoreCase("audio") ? audioItems : videoItems;
    }
    if (list != null) {
      for (int k = 0; k < Math.min(list.length, settings.budget()); k++) {
        b.add(list[k]);
      }
    }
  }
}
