package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentBasedTest {
  private final Dataset d = TwoTastes.dataset();
  private final ContentBased model = fitted(d);

  private static ContentBased fitted(Dataset d) {
    ContentBased m = new ContentBased();
    m.fit(d);
    return m;
  }

  private float[] scores(UserContext user) {
    float[] s = new float[d.interactions().itemCount()];
    model.score(user, s);
    return s;
  }

  private UserContext history(String... ids) {
    int[] items = Arrays.stream(ids).mapToInt(id -> TwoTastes.item(d, id)).sorted().toArray();
    float[] weights = new float[items.length];
    Arrays.fill(weights, 1);
    return new UserContext(-1, items, weights, UserProfile.UNKNOWN);
  }

  @Test
  void declaredInterests_aloneRankTheirGenreFirst() {
    UserContext fan = UserContext.newUser(new UserProfile(-1, null, null, List.of("Romance")));
    for (int top : TopN.select(scores(fan), 10)) {
      assertThat(TwoTastes.sciFi(d, top)).isFalse();
    }
    assertThat(model.explain(fan, TwoTastes.item(d, "r3")).text()).isEqualTo("you like romance");
  }

  @Test
  void history_ranksItsGenresFirst_andExplainsWithTheRarestSharedGenre() {
    UserContext viewer = history("s0", "s1");
    for (int top : TopN.select(scores(viewer), 10)) {
      assertThat(TwoTastes.sciFi(d, top)).isTrue();
    }
    Explanation e = model.explain(viewer, TwoTastes.item(d, "s5"));
    assertThat(e.kind()).isEqualTo("interest");
    assertThat(e.text()).isIn("you like sci-fi", "you like action");
  }

  @Test
  void aFollowedSeries_putsItsOtherEpisodesFirst() {
    UserContext viewer = history("r8");
    float[] s = scores(viewer);
    s[TwoTastes.item(d, "r8")] = Float.NEGATIVE_INFINITY; // watched
    assertThat(TopN.select(s, 1)).containsExactly(TwoTastes.item(d, "r9"));
    Explanation e = model.explain(viewer, TwoTastes.item(d, "r9"));
    assertThat(e.text()).isEqualTo("more from Love Boat");
    assertThat(e.relatedItem()).isEqualTo(TwoTastes.item(d, "r8"));
  }

  @Test
  void similar_findsTheSameGenres() {
    float[] s = new float[d.interactions().itemCount()];
    model.similar(TwoTastes.item(d, "s3"), s);
    for (int top : TopN.select(s, 10)) {
      assertThat(TwoTastes.sciFi(d, top)).isTrue();
    }
  }
}
