package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The benchmark protocol on the real MovieLens files, one seed: the personal models must clearly
 * beat popularity. The full five-seed table is {@code marquee evaluate} (docs/recommendations.md).
 */
class MovieLensBenchmarkIT {
  private static final int THREADS = Runtime.getRuntime().availableProcessors();

  private static double ndcg(Recommender model, MovieLens data, boolean[] train) {
    return Evaluation.run(model, data, train, 10, THREADS).metrics().ndcg();
  }

  @Test
  void ml100k_hybridAndEase_beatPopularity() {
    MovieLens data = MovieLens.read(SharedData.movieLens("ml-100k"));
    boolean[] train = ProtocolSplit.train(data.item, data.items.size(), 42);

    double popularity = ndcg(Popularity.global(), data, train);
    double hybrid = ndcg(Hybrid.standard(42), data, train);
    double ease = ndcg(new Ease(), data, train);

    assertThat(popularity).isBetween(0.2, 0.3);
    assertThat(hybrid).isGreaterThan(popularity + 0.15).isGreaterThan(0.47);
    assertThat(ease).isGreaterThan(popularity + 0.15).isGreaterThan(0.47);
  }

  @Test
  void mlLatestSmall_runsEveryModel_andEaseBeatsPopularity() {
    MovieLens data = MovieLens.read(SharedData.movieLens("ml-latest-small"));
    boolean[] train = ProtocolSplit.train(data.item, data.items.size(), 42);

    double popularity = ndcg(Popularity.global(), data, train);
    assertThat(ndcg(new Ease(), data, train)).isGreaterThan(popularity + 0.1);
    for (String name : Recommenders.NAMES) {
      assertThat(ndcg(Recommenders.create(name, 42), data, train)).as(name).isBetween(0.0, 1.0);
    }
  }
}
