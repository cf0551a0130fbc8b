package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PopularityTest {
  private static final long DAY = 86_400;

  /** "old" has three users a hundred days ago, "new" two users yesterday, "none" nobody. */
  private static Dataset oldAndNew() {
    Interactions x = Interactions.builder()
        .add("a", "old", 1, Float.NaN, 0)
        .add("b", "old", 1, Float.NaN, 0)
        .add("c", "old", 1, Float.NaN, 0)
        .add("d", "new", 1, Float.NaN, 99 * DAY)
        .add("e", "new", 1, Float.NaN, 99 * DAY)
        .build();
    return Dataset.of(x);
  }

  private static float[] scores(Recommender r, Dataset d) {
    float[] s = new float[d.interactions().itemCount()];
    r.score(UserContext.newUser(UserProfile.UNKNOWN), s);
    return s;
  }

  @Test
  void global_countsUsers_scaledToOne() {
    Dataset d = oldAndNew();
    Popularity p = Popularity.global();
    p.fit(d);

    assertThat(scores(p, d)).containsExactly(1f, 2f / 3);
    assertThat(p.explain(UserContext.newUser(UserProfile.UNKNOWN), 0).text())
        .isEqualTo("popular on Marquee");
  }

  @Test
  void trending_letsRecentInteractionsOutweighOlderOnes() {
    Dataset d = oldAndNew(); // now = day 99, the latest interaction
    Popularity p = Popularity.trending(14);
    p.fit(d);

    float[] s = scores(p, d);
    assertThat(s[1]).isEqualTo(1f);
    // Three users 99 days ago, halved every 14 days, against two users today.
    assertThat(s[0]).isCloseTo((float) (3 * Math.pow(0.5, 99 / 14.0) / 2), within(1e-6f));
    assertThat(p.explain(UserContext.newUser(UserProfile.UNKNOWN), 1).kind()).isEqualTo("trending");
  }

  @Test
  void cells_favourWhatTheUsersCellWatches_andNameTheCell() {
    Dataset d = TwoTastes.dataset();
    CellPopularity p = new CellPopularity();
    p.fit(d);

    UserContext frenchWoman = UserContext.newUser(new UserProfile(31, "f", "FR", null));
    float[] s = new float[d.interactions().itemCount()];
    p.score(frenchWoman, s);
    for (int top : TopN.select(s, 10)) {
      assertThat(TwoTastes.sciFi(d, top)).isTrue();
    }
    assertThat(p.explain(frenchWoman, TwoTastes.item(d, "s0")).text())
        .isEqualTo("popular with 25-34 viewers in FR");
    assertThat(p.explain(frenchWoman, TwoTastes.item(d, "r0")).text())
        .isEqualTo("popular on Marquee");

    UserContext usTeen = UserContext.newUser(new UserProfile(15, "m", "US", null));
    p.score(usTeen, s);
    for (int top : TopN.select(s, 10)) {
      assertThat(TwoTastes.sciFi(d, top)).isFalse();
    }
  }

  @Test
  void cells_borrowFromTheirBracket_whenSmall() {
    Dataset d = TwoTastes.dataset();
    CellPopularity p = new CellPopularity();
    p.fit(d);

    // A 30-year-old man in FR: his exact cell is empty, his age bracket watches sci-fi.
    UserContext frenchMan = UserContext.newUser(new UserProfile(30, "m", "FR", null));
    float[] s = new float[d.interactions().itemCount()];
    p.score(frenchMan, s);
    assertThat(TwoTastes.sciFi(d, TopN.select(s, 1)[0])).isTrue();
    assertThat(p.explain(frenchMan, TwoTastes.item(d, "s0")).text())
        .isEqualTo("popular with 25-34 viewers");

    // Nobody declared anything: global popularity, which both groups share equally.
    UserContext unknown = UserContext.newUser(UserProfile.UNKNOWN);
    p.score(unknown, s);
    float[] global = new float[s.length];
    Popularity g = Popularity.global();
    g.fit(d);
    g.score(unknown, global);
    assertThat(TopN.select(s, 20)).containsExactly(TopN.select(global, 20));
  }
}
