package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scoring a subset of the catalog gives each item the score the whole-catalog scoring gives it: the
 * property retrieval relies on, checked for every model on random users and random subsets.
 */
class CandidateScoringTest {
  private static final Dataset DATA = SyntheticModel.create(700, 300, 16, 6, 7).data();
  private static final int ITEMS = DATA.interactions().itemCount();

  static Stream<Arguments> models() {
    return Stream.of("popularity", "trending", "demographic", "content", "ease", "ials")
        .map(name -> {
          Recommender model = Recommenders.create(name, 42);
          model.fit(DATA);
          return Arguments.of(name, model);
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void aSubsetsScores_areTheWholeCatalogsScoresOfThoseItems(String name, Recommender model) {
    SplittableRandom rng = new SplittableRandom(name.hashCode());
    for (int round = 0; round < 20; round++) {
      UserContext user = round % 5 == 4 ? UserContext.newUser(DATA.profile(rng.nextInt(300)))
          : UserContext.of(DATA, rng.nextInt(300));
      int[] subset = randomSubset(rng);
      Candidates c = Candidates.of(ITEMS, subset);
      float[] all = new float[ITEMS];
      model.score(user, all);
      float[] some = new float[subset.length];
      model.score(user, c, some);
      for (int k = 0; k < subset.length; k++) {
        assertThat(some[k]).as("item %d", subset[k]).isEqualTo(all[subset[k]]);
      }
      int item = rng.nextInt(ITEMS);
      model.similar(item, all);
      model.similar(item, c, some);
      for (int k = 0; k < subset.length; k++) {
        assertThat(some[k]).as("similar to %d, item %d", item, subset[k])
            .isCloseTo(all[subset[k]], within(1e-6f));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blends")
  void aBlend_withTheWholeCatalogAsSample_scoresExactly(String name, Recommender model) {
    SplittableRandom rng = new SplittableRandom(11);
    long[] everything = Candidates.sampleBits(ITEMS, ITEMS, 1);
    for (int round = 0; round < 10; round++) {
      UserContext user = UserContext.of(DATA, rng.nextInt(300));
      Candidates.Builder b = new Candidates.Builder(ITEMS);
      model.propose(user, 100, b);
      Candidates c = b.build(everything, ITEMS);
      float[] all = new float[ITEMS];
      model.score(user, all);
      float[] same = new float[c.size()];
      model.score(user, c, same);
      assertThat(same).containsExactly(all, within(1e-5f));
    }
  }

  static Stream<Arguments> blends() {
    Recommender hybrid = Recommenders.create("hybrid", 42);
    hybrid.fit(DATA);
    Recommender blend = Blend.collaborative(42);
    blend.fit(DATA);
    return Stream.of(Arguments.of("hybrid", hybrid), Arguments.of("collaborative", blend));
  }

  private static int[] randomSubset(SplittableRandom rng) {
    return rng.ints(1 + rng.nextInt(200), 0, ITEMS).distinct().sorted().toArray();
  }

  @Test
  void theSampleEstimatesTheCatalogsStatistics() {
    // A standardised blend over candidates with a sample differs from the exact one only by the
    // sample's estimate of mean and spread: with 300 of 700 items, within a few percent.
    Recommender hybrid = Recommenders.create("hybrid", 42);
    hybrid.fit(DATA);
    UserContext user = UserContext.of(DATA, 3);
    float[] all = new float[ITEMS];
    hybrid.score(user, all);
    int[] best = TopN.select(all, 10);
    Candidates.Builder b = new Candidates.Builder(ITEMS);
    for (int item : best) {
      b.add(item);
    }
    Candidates c = b.build(Candidates.sampleBits(ITEMS, 300, 5), 300);
    float[] approx = new float[c.size()];
    hybrid.score(user, c, approx);
    float[] exact = new float[best.length];
    float[] estimated = new float[best.length];
    for (int k = 0; k < best.length; k++) {
      exact[k] = all[best[k]];
      estimated[k] = approx[c.positionOf(best[k])];
    }
    for (int k = 0; k < best.length; k++) {
      assertThat(estimated[k]).isCloseTo(exact[k], within(0.15f * Math.abs(exact[k]) + 0.05f));
    }
  }
}
