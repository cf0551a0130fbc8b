package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HybridTest {

  @Test
  void weights_shiftToCollaborativeAsTheHistoryGrows() {
    assertThat(Hybrid.weights(0, false)).containsExactly(0f, 0f, 1f);
    assertThat(Hybrid.weights(0, true)).containsExactly(0f, 0.5f, 0.5f);
    assertThat(Hybrid.weights(3, false)).containsExactly(0.5f, 0.25f, 0.25f);
    float[] regular = Hybrid.weights(97, false);
    assertThat(regular[0]).isCloseTo(0.97f, within(1e-6f));
    assertThat(regular[1] + regular[2]).isCloseTo(0.03f, within(1e-6f));
  }

  @Test
  void standardising_removesScaleAndShift_andIgnoresConstantScores() {
    float[] out = new float[4];
    Standardisation.add(new float[] {1, 2, 3, 4}, 1, out);
    float[] scaled = new float[4];
    Standardisation.add(new float[] {100, 200, 300, 400}, 1, scaled);
    assertThat(scaled).containsExactly(out, within(1e-5f));
    assertThat(out[0] + out[1] + out[2] + out[3]).isCloseTo(0f, within(1e-5f));

    float[] unchanged = {1, 1, 1, 1};
    Standardisation.add(new float[] {7, 7, 7, 7}, 1, unchanged);
    assertThat(unchanged).containsExactly(1, 1, 1, 1);
  }

  @Test
  void aNewUser_isServedByTheirCell_aRegularByTheirHistory() {
    Dataset d = TwoTastes.dataset();
    Hybrid hybrid = Hybrid.standard(42);
    hybrid.fit(d);
    float[] s = new float[d.interactions().itemCount()];

    UserContext newcomer = UserContext.newUser(new UserProfile(29, "f", "FR", List.of()));
    hybrid.score(newcomer, s);
    int top = TopN.select(s, 1)[0];
    assertThat(TwoTastes.sciFi(d, top)).isTrue();
    assertThat(hybrid.explain(newcomer, top).text()).isEqualTo("popular with 25-34 viewers in FR");

    UserContext regular = UserContext.of(d, 30); // romance group
    hybrid.score(regular, s);
    int pick = TopN.select(s, 1, i -> !regular.has(i))[0];
    assertThat(TwoTastes.sciFi(d, pick)).isFalse();
    assertThat(hybrid.explain(regular, pick).kind()).isEqualTo("watched");
  }

  @Test
  void declaredInterests_steerANewUserWithoutACell() {
    Dataset d = TwoTastes.dataset();
    Hybrid hybrid = Hybrid.standard(42);
    hybrid.fit(d);
    float[] s = new float[d.interactions().itemCount()];
    UserContext fan = UserContext.newUser(new UserProfile(-1, null, null, List.of("sci-fi")));
    hybrid.score(fan, s);
    assertThat(TwoTastes.sciFi(d, TopN.select(s, 1)[0])).isTrue();
  }
}
