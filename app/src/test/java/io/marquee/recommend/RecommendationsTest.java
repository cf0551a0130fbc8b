package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationsTest {
  private final Dataset d = TwoTastes.dataset();
  private final Recommendations recommendations = fitted(d);
  private final RecommendationRules.Request top5 = new RecommendationRules.Request(5, null, null);

  private static Recommendations fitted(Dataset d) {
    Hybrid personal = Hybrid.standard(42);
    personal.fit(d);
    Popularity popular = Popularity.global();
    popular.fit(d);
    return new Recommendations(personal, popular, d.items(), RecommendationRules.Settings.defaults());
  }

  private int item(String id) {
    return TwoTastes.item(d, id);
  }

  @Test
  void withConsent_theListIsPersonal_withoutWatchedTitles() {
    UserContext user = UserContext.of(d, 0); // 30, sci-fi, seven titles watched
    Recommendations.Result r = recommendations.forUser(user, true, top5);

    assertThat(r.personalized()).isTrue();
    assertThat(r.items()).isNotEmpty().allSatisfy(rec -> {
      assertThat(user.has(rec.item())).isFalse();
      assertThat(rec.explanation()).isNotNull();
    });
    assertThat(TwoTastes.sciFi(d, r.items().get(0).item())).isTrue();
  }

  @Test
  void withoutConsent_theListIsNonPersonal_flagged_andUsesNothingAboutTheUser() {
    UserContext user = UserContext.of(d, 0);
    Recommendations.Result r = recommendations.forUser(user, false, top5);

    assertThat(r.personalized()).isFalse();
    assertThat(r.items()).hasSize(5).allSatisfy(rec -> {
      assertThat(rec.explanation().kind()).isEqualTo("popular");
      assertThat(rec.assetId()).isNotEqualTo("s9"); // age not used: the adult title stays out
    });
    // The same list as for anybody else without consent.
    Recommendations.Result other = recommendations.forUser(UserContext.of(d, 30), false, top5);
    assertThat(other.items()).isEqualTo(r.items());
  }

  @Test
  void aMinorsList_neverHoldsAnAdultTitle_evenWhenTheirHistoryPointsAtIt() {
    int[] history = {item("s0"), item("s1"), item("s2"), item("s3")};
    UserContext minor = new UserContext(-1, history, new float[] {1, 1, 1, 1},
        new UserProfile(16, "f", "FR", List.of("sci-fi")));
    UserContext adult = new UserContext(-1, history, new float[] {1, 1, 1, 1},
        new UserProfile(30, "f", "FR", List.of("sci-fi")));
    RecommendationRules.Request all = new RecommendationRules.Request(20, null, null);

    assertThat(recommendations.forUser(minor, true, all).items())
        .extracting(Recommendation::assetId).doesNotContain("s9").isNotEmpty();
    assertThat(recommendations.forUser(adult, true, all).items())
        .extracting(Recommendation::assetId).contains("s9");
  }

  @Test
  void similarTitles_leaveOutTheTitleItself_andSayWhatTheyAreSimilarTo() {
    UserContext anonymous = UserContext.newUser(UserProfile.UNKNOWN);
    List<Recommendation> similar = recommendations.similarTo(item("s0"), anonymous, top5);

    assertThat(similar).hasSize(5).allSatisfy(rec -> {
      assertThat(rec.assetId()).isNotIn("s0", "s9");
      assertThat(rec.explanation().text()).isEqualTo("similar to Space 0");
    });
    assertThat(TwoTastes.sciFi(d, similar.get(0).item())).isTrue();
  }

  @Test
  void similarToAFilm_holdsNoMusic_unlessMusicIsAskedFor() {
    // The sci-fi group's s5..s8 made tracks: watched by the same users as the films s0..s4.
    Interactions x = d.interactions();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    for (int t = 0; t < 10; t++) {
      boolean track = t >= 5 && t <= 8;
      f.set(item("s" + t), "Space " + t, track ? "track" : "film", List.of("sci-fi"), null, null,
          track ? null : "PG-13", track ? "audio" : "video");
      f.set(item("r" + t), "Love " + t, "film", List.of("romance"), null, null, "PG", "video");
    }
    Dataset mixed = new Dataset(x, f.build(), new UserProfile[0], d.now());
    Recommendations r = fitted(mixed);
    UserContext anonymous = UserContext.newUser(UserProfile.UNKNOWN);

    List<Recommendation> similar =
        r.similarTo(item("s0"), anonymous, new RecommendationRules.Request(8, null, null));
    assertThat(similar).isNotEmpty().allSatisfy(rec -> assertThat(rec.kind()).isEqualTo("film"));
    List<Recommendation> music =
        r.similarTo(item("s0"), anonymous, new RecommendationRules.Request(8, "audio", null));
    assertThat(music).isNotEmpty().allSatisfy(rec -> assertThat(rec.kind()).isEqualTo("track"));
    assertThat(r.similarTo(item("s6"), anonymous, new RecommendationRules.Request(8, null, null)))
        .isNotEmpty().allSatisfy(rec -> assertThat(rec.kind()).isEqualTo("track"));
  }
}
