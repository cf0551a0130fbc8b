package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EaseTest {

  private static Ease plain(double lambda, int maxItems) {
    return new Ease(new Ease.Params(lambda, 0, 0, 1, maxItems));
  }

  private static UserContext watched(int... items) {
    float[] w = new float[items.length];
    java.util.Arrays.fill(w, 1);
    return new UserContext(-1, items, w, UserProfile.UNKNOWN);
  }

  @Test
  void twoItems_matchTheClosedFormByHand() {
    // Users {0,1}, {0,1}, {0}: G = [[3,2],[2,2]], lambda 1 -> G + I = [[4,2],[2,3]],
    // P = [[3,-2],[-2,4]] / 8, B01 = -P01 / P11 = 1/2, B10 = -P10 / P00 = 2/3.
    Interactions x = Interactions.builder()
        .add("a", "i0", 1, Float.NaN, 0).add("a", "i1", 1, Float.NaN, 0)
        .add("b", "i0", 1, Float.NaN, 0).add("b", "i1", 1, Float.NaN, 0)
        .add("c", "i0", 1, Float.NaN, 0)
        .build();
    Ease ease = plain(1, 10);
    ease.fit(Dataset.of(x));

    float[] s = new float[2];
    ease.score(watched(0), s);
    assertThat(s[0]).isZero(); // the diagonal is zero
    assertThat(s[1]).isCloseTo(0.5f, within(1e-6f));
    ease.score(watched(1), s);
    assertThat(s[0]).isCloseTo(2f / 3, within(1e-6f));
    ease.score(watched(0, 1), s);
    assertThat(s[0]).isCloseTo(2f / 3, within(1e-6f));
    assertThat(s[1]).isCloseTo(0.5f, within(1e-6f));
  }

  @Test
  void dropoutEmphasis_addsToTheDiagonalInProportionToIt() {
    // dropout 0.5: the diagonal gets 0.5 / 0.5 x G_jj more: [[3+3+1, 2], [2, 2+2+1]] = [[7,2],[2,5]].
    // P = [[5,-2],[-2,7]] / 31, B01 = 2/7, B10 = 2/5.
    Interactions x = Interactions.builder()
        .add("a", "i0", 1, Float.NaN, 0).add("a", "i1", 1, Float.NaN, 0)
        .add("b", "i0", 1, Float.NaN, 0).add("b", "i1", 1, Float.NaN, 0)
        .add("c", "i0", 1, Float.NaN, 0)
        .build();
    Ease ease = new Ease(new Ease.Params(1, 0.5, 0, 1, 10));
    ease.fit(Dataset.of(x));

    float[] s = new float[2];
    ease.score(watched(0), s);
    assertThat(s[1]).isCloseTo(2f / 7, within(1e-6f));
    ease.score(watched(1), s);
    assertThat(s[0]).isCloseTo(2f / 5, within(1e-6f));
  }

  @Test
  void twoTastes_recommendsTheUsersGroup_andExplainsWithAWatchedTitle() {
    Dataset d = TwoTastes.dataset();
    Ease ease = new Ease();
    ease.fit(d);

    UserContext user = UserContext.of(d, 0); // sci-fi group, seven of ten titles watched
    float[] s = new float[d.interactions().itemCount()];
    ease.score(user, s);
    int[] top = TopN.select(s, 3, i -> !user.has(i));
    for (int item : top) {
      assertThat(TwoTastes.sciFi(d, item)).isTrue();
    }
    Explanation e = ease.explain(user, top[0]);
    assertThat(e.kind()).isEqualTo("watched");
    assertThat(e.text()).startsWith("because you watched Space ");
    assertThat(user.has(e.relatedItem())).isTrue();
  }

  @Test
  void maxItems_keepsTheMostPopular_andScoresTheRestBelowThem() {
    Interactions x = Interactions.builder()
        .add("a", "hit", 1, Float.NaN, 0).add("b", "hit", 1, Float.NaN, 0)
        .add("a", "also", 1, Float.NaN, 0).add("b", "also", 1, Float.NaN, 0)
        .add("a", "rare", 1, Float.NaN, 0)
        .build();
    Ease ease = plain(1, 2);
    ease.fit(Dataset.of(x));

    assertThat(ease.coveredItems()).isEqualTo(2);
    float[] s = new float[3];
    ease.score(watched(0), s);
    assertThat(s[2]).isLessThan(s[0]).isLessThan(s[1]);
  }

  @Test
  void similar_isTheRowOfTheItem() {
    Dataset d = TwoTastes.dataset();
    Ease ease = new Ease();
    ease.fit(d);
    float[] s = new float[d.interactions().itemCount()];
    ease.similar(TwoTastes.item(d, "r2"), s);
    for (int item : TopN.select(s, 5)) {
      assertThat(TwoTastes.sciFi(d, item)).isFalse();
    }
  }

  @Test
  void itemsTooRareForTheModel_leaveItEmpty_notBroken() {
    Interactions x = Interactions.builder().add("a", "i", 1, Float.NaN, 0).build();
    Ease ease = new Ease(); // at least five users per item
    ease.fit(Dataset.of(x));
    assertThat(ease.coveredItems()).isZero();
    float[] s = new float[1];
    ease.score(watched(0), s);
    assertThat(s[0]).isEqualTo(-1f);
    assertThat(ease.explain(watched(0), 0)).isNull();
  }
}
