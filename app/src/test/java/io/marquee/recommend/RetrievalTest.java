package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two-stage serving of a catalog over the full-scan size, through {@link Recommendations}. */
class RetrievalTest {
  private static final TrainedModel MODEL = SyntheticModel.create(20_000, 2_000, 16, 6, 3);
  private static final TrainedModel EXACT = MODEL.withRetrieval(Retrieval.Settings.exact());
  private static final RecommendationRules.Request TOP20 = new RecommendationRules.Request(20, null, null);

  private static UserContext user(int row) {
    return MODEL.user("u" + row);
  }

  @Test
  void aLargeCatalog_isServedFromAFewPercentOfIt_underTheSameRules() {
    ItemFeatures items = MODEL.data().items();
    SplittableRandom rng = new SplittableRandom(5);
    for (int round = 0; round < 50; round++) {
      UserContext user = user(rng.nextInt(2_000));
      assertThat(MODEL.recommendations().candidateCount(user, TOP20)).isBetween(500, 4_000);
      List<Recommendation> list = MODEL.recommendations().forUser(user, true, TOP20).items();
      assertThat(list).hasSize(20).allSatisfy(r -> {
        assertThat(!items.isAudio(r.item()) && user.has(r.item())).as("watched").isFalse();
        assertThat(Maturity.allowed(items.maturityLevel(r.item()), user.profile().age())).isTrue();
      });
    }
  }

  @Test
  void aFilter_bringsItsOwnCandidates() {
    RecommendationRules.Request jazz = new RecommendationRules.Request(20, "audio", "jazz");
    int genre = MODEL.data().items().genreIndex("jazz");
    for (int row = 0; row < 30; row++) {
      List<Recommendation> list = MODEL.recommendations().forUser(user(row), true, jazz).items();
      assertThat(list).hasSize(20).allSatisfy(r -> {
        assertThat(MODEL.data().items().isAudio(r.item())).isTrue();
        assertThat(MODEL.data().items().genresOf(r.item())).contains(genre);
      });
    }
  }

  @Test
  void tooFewCandidates_fallBackToTheWholeCatalog() {
    // One cluster, two sampled items and one filtered item: about 150 candidates, one or two of them
    // jazz albums (1% of the catalog), far fewer than the 20 asked for.
    TrainedModel starved = MODEL.withRetrieval(new Retrieval.Settings(0, 1, 2, 42));
    RecommendationRules.Request jazz = new RecommendationRules.Request(20, "audio", "jazz");
    for (int row = 0; row < 20; row++) {
      UserContext user = user(row);
      assertThat(starved.recommendations().candidateCount(user, jazz)).isLessThan(300);
      assertThat(starved.recommendations().forUser(user, true, jazz).items()).hasSize(20)
          .isEqualTo(EXACT.recommendations().forUser(user, true, jazz).items());
    }
  }

  @Test
  void withTheWholeCatalogAsSample_theListsAreTheExactOnes() {
    TrainedModel sampled = MODEL.withRetrieval(new Retrieval.Settings(0, 1_024, 20_000, 42));
    for (int row = 0; row < 20; row++) {
      UserContext user = user(row);
      assertThat(ids(sampled.recommendations().forUser(user, true, TOP20).items()))
          .isEqualTo(ids(EXACT.recommendations().forUser(user, true, TOP20).items()));
    }
    int item = 7;
    assertThat(ids(sampled.recommendations().similarTo(item, UserContext.newUser(UserProfile.UNKNOWN), TOP20)))
        .isEqualTo(ids(EXACT.recommendations().similarTo(item, UserContext.newUser(UserProfile.UNKNOWN), TOP20)));
  }

  private static List<String> ids(List<Recommendation> list) {
    return list.stream().map(Recommendation::assetId).toList();
  }
}
