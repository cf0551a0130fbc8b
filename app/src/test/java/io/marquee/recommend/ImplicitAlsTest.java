package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {

  private static ImplicitAls fitted(Dataset d, int threads) {
    ImplicitAls als = new ImplicitAls(new ImplicitAls.Params(8, 5, 2, 10, 3, 42, threads));
    als.fit(d);
    return als;
  }

  @Test
  void twoTastes_recommendsTheUsersGroup() {
    Dataset d = TwoTastes.dataset();
    ImplicitAls als = fitted(d, 2);
    float[] s = new float[d.interactions().itemCount()];
    for (int u : new int[] {0, 25}) {
      UserContext user = UserContext.of(d, u);
      als.score(user, s);
      for (int item : TopN.select(s, 3, i -> !user.has(i))) {
        assertThat(TwoTastes.sciFi(d, item)).isEqualTo(u < 20);
      }
    }
  }

  @Test
  void results_doNotDependOnTheThreadCount() {
    Dataset d = TwoTastes.dataset();
    ImplicitAls one = fitted(d, 1);
    ImplicitAls three = fitted(d, 3);
    assertThat(three.itemFactors).containsExactly(one.itemFactors);
    assertThat(three.userFactors).containsExactly(one.userFactors);
  }

  @Test
  void aNewUser_isFoldedInFromTheirHistory() {
    Dataset d = TwoTastes.dataset();
    ImplicitAls als = fitted(d, 2);
    int[] history = {TwoTastes.item(d, "r1"), TwoTastes.item(d, "r4")};
    UserContext user = new UserContext(-1, history, new float[] {1, 1}, UserProfile.UNKNOWN);
    float[] s = new float[d.interactions().itemCount()];
    als.score(user, s);
    for (int item : TopN.select(s, 5, i -> !user.has(i))) {
      assertThat(TwoTastes.sciFi(d, item)).isFalse();
    }
    Explanation e = als.explain(user, TopN.select(s, 1, i -> !user.has(i))[0]);
    assertThat(e.text()).startsWith("because you watched Love ");
  }

  @Test
  void similar_isACosine() {
    Dataset d = TwoTastes.dataset();
    ImplicitAls als = fitted(d, 2);
    float[] s = new float[d.interactions().itemCount()];
    int item = TwoTastes.item(d, "s4");
    als.similar(item, s);
    assertThat(s[item]).isCloseTo(1f, within(1e-5f));
    for (int other : TopN.select(s, 5)) {
      assertThat(TwoTastes.sciFi(d, other)).isTrue();
    }
  }

  @Test
  void dotAll_matchesANaiveLoop_forFactorCountsNotAMultipleOfFour() {
    SplittableRandom rng = new SplittableRandom(42);
    int f = 7;
    int rows = 13;
    float[] u = new float[f];
    float[] y = new float[rows * f];
    for (int k = 0; k < f; k++) {
      u[k] = (float) rng.nextDouble(-1, 1);
    }
    for (int k = 0; k < y.length; k++) {
      y[k] = (float) rng.nextDouble(-1, 1);
    }
    float[] out = new float[rows];
    ImplicitAls.dotAll(u, y, f, rows, out);
    for (int j = 0; j < rows; j++) {
      double expected = 0;
      for (int k = 0; k < f; k++) {
        expected += u[k] * y[j * f + k];
      }
      assertThat(out[j]).isCloseTo((float) expected, within(1e-5f));
    }
  }
}
