package io.marquee.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of the benchmark protocol: train a model on the training ratings of a {@link
 * ProtocolSplit} (every rating an implicit weight of 1), then for every user with test ratings rank
 * all items they have no training rating for and compare the top k with their test items ({@link
 * RankingMetrics}); every test rating is relevant, whatever its value.
 */
final class Evaluation {

  /** The means over scored users and the training time. */
  record Result(String algorithm, RankingMetrics metrics, double trainSeconds, int users) {}

  private Evaluation() {}

  static Result run(Recommender model, MovieLens data, boolean[] train, int k, int threads) {
    return run(model, data, train, k, threads, null);
  }

  /**
   * With {@code retrieval} settings, each user's list is ranked from the candidates of {@link
   * Retrieval} (the serving path of a large catalog) instead of the whole catalog.
   */
  static Result run(Recommender model, MovieLens data, boolean[] train, int k, int threads,
      Retrieval.Settings retrieval) {
    Interactions.Builder b = Interactions.builder(data.users, data.items);
    long now = 0;
    for (int r = 0; r < data.size(); r++) {
      if (train[r]) {
        b.add(data.user[r], data.item[r], 1f, data.rating[r], data.time[r]);
        now = Math.max(now, data.time[r]);
      }
    }
    Dataset dataset = new Dataset(b.build(), data.features, data.profiles, now);
    long started = System.nanoTime();
    model.fit(dataset);
    double seconds = (System.nanoTime() - started) / 1e9;
    Retrieval candidates = null;
    if (retrieval != null) {
      model.index();
      candidates = new Retrieval(dataset.items(),
          Popularity.counts(dataset.interactions(), now, Double.POSITIVE_INFINITY), retrieval);
    }
    Retrieval stage = candidates;
    RecommendationRules.Request request = new RecommendationRules.Request(k, null, null);

    int[][] relevant = testItems(data, train);
    List<Integer> scored = new ArrayList<>();
    for (int u = 0; u < relevant.length; u++) {
      if (relevant[u].length > 0) {
        scored.add(u);
      }
    }
    RankingMetrics[] perUser = new RankingMetrics[scored.size()];
    try (Workers workers = new Workers(threads, "evaluate")) {
      workers.forRange(perUser.length, (from, to) -> {
        float[] scores = new float[data.items.size()];
        for (int at = from; at < to; at++) {
          UserContext user = UserContext.of(dataset, scored.get(at));
          Candidates c = stage == null ? Candidates.all(scores.length)
              : stage.forUser(model, user, request);
          model.score(user, c, scores);
          int[] top = TopN.select(scores, c.size(), k, p -> !user.has(c.item(p)));
          for (int t = 0; t < top.length; t++) {
            top[t] = c.item(top[t]);
          }
          perUser[at] = RankingMetrics.of(top, relevant[scored.get(at)], k);
        }
      });
    }
    return new Result(model.name(), RankingMetrics.mean(perUser), seconds, perUser.length);
  }

  /** Per user, the ascending distinct items of their test ratings. */
  static int[][] testItems(MovieLens data, boolean[] train) {
    int[] count = new int[data.users.size()];
    for (int r = 0; r < data.size(); r++) {
      count[data.user[r]] += train[r] ? 0 : 1;
    }
    int[][] items = new int[count.length][];
    for (int u = 0; u < count.length; u++) {
      items[u] = new int[count[u]];
      count[u] = 0;
    }
    for (int r = 0; r < data.size(); r++) {
      if (!train[r]) {
        items[data.user[r]][count[data.user[r]]++] = data.item[r];
      }
    }
    for (int u = 0; u < items.length; u++) {
      items[u] = Arrays.stream(items[u]).sorted().distinct().toArray();
    }
    return items;
  }
}
