package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForTitleEvaluationTest {
  /**
   * Ten users u0..u9 (u0..u4 women, u5..u9 men, all 30): t is watched by u0..u4, the only title with
   * five viewers; y1, y2, y3 by u5 and u6; z by u0. All drama.
   */
  private static Dataset dataset() {
    Interactions.Builder b = Interactions.builder();
    for (String i : List.of("t", "y1", "y2", "y3", "z")) {
      b.addItem(i);
    }
    for (int u = 0; u < 10; u++) {
      b.addUser("u" + u);
    }
    for (int u = 0; u < 5; u++) {
      b.add("u" + u, "t", 1, Float.NaN, 10);
    }
    for (String y : List.of("y1", "y2", "y3")) {
      b.add("u5", y, 1, Float.NaN, 10).add("u6", y, 1, Float.NaN, 10);
    }
    b.add("u0", "z", 1, Float.NaN, 10);
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    for (int i = 0; i < x.itemCount(); i++) {
      f.set(i, x.items().id(i), List.of("drama"), null, null, "video");
    }
    UserProfile[] profiles = new UserProfile[x.userCount()];
    for (int u = 0; u < 10; u++) {
      profiles[x.users().indexOf("u" + u)] = new UserProfile(30, u < 5 ? "female" : "male", "FR", List.of());
    }
    return new Dataset(x, f.build(), profiles, 10);
  }

  private static ForTitleEvaluation.Row row(ForTitleEvaluation.Report r, String method) {
    return r.rows().stream().filter(x -> x.method().equals(method)).findFirst().orElseThrow();
  }

  @Test
  void run_holdsOutTheTitlesViewers_andScoresEachMethodsTopNAgainstThem() {
    ForTitleEvaluation.Report r = ForTitleEvaluation.run(dataset(), i -> null, 1, 5, new int[] {2, 3}, 7);

    assertThat(r.heldOut()).containsExactly("t");
    assertThat(r.meanViewers()).isEqualTo(5);
    assertThat(r.meanCandidates()).isEqualTo(10);
    assertThat(r.rows()).extracting(ForTitleEvaluation.Row::method).containsExactlyElementsOf(ForTitleEvaluation.METHODS);
    // most active, on the history without t: u5, u6 (3 titles), u0 (1), then the others (0)
    ForTitleEvaluation.Row active = row(r, "most active");
    assertThat(active.precision()).containsExactly(0, 1.0 / 3);
    assertThat(active.recall()).containsExactly(0, 1.0 / 5);
    // demographic: the men's cell watched y1..y3 (2 of 5 each), the women's none: three men first
    ForTitleEvaluation.Row demographic = row(r, "demographic");
    assertThat(demographic.precision()).containsExactly(0, 0);
    assertThat(demographic.recall()).containsExactly(0, 0);
  }

  @Test
  void rank_ordersCandidatesByScore_thenByTheTieBreak() {
    float[] scores = {0.5f, 0.9f, 0.5f, 0.7f, 0.5f};
    float[] tieBreak = {0.1f, 0.0f, 0.3f, 0.0f, 0.2f};
    boolean[] candidate = {true, true, true, false, true};

    assertThat(ForTitleEvaluation.rank(scores, tieBreak, candidate, 3)).containsExactly(1, 2, 4);
    assertThat(ForTitleEvaluation.rank(scores, tieBreak, candidate, 9)).containsExactly(1, 2, 4, 0);
  }

  @Test
  void demographic_isTheCellsSimilarityWeightedShareOfViewers() {
    Dataset data = dataset();
    Interactions x = data.interactions();
    int y1 = x.items().indexOf("y1");
    int z = x.items().indexOf("z");
    // y1: 2 of the 5 men, none of the women; z: 1 of the 5 women. Weights 3/4 and 1/4.
    float[] d = ForTitleEvaluation.demographic(data,
        List.of(new ColdStart.Neighbour(y1, 3, 2), new ColdStart.Neighbour(z, 1, 1)));

    assertThat((double) d[x.users().indexOf("u7")]).isCloseTo(0.75 * 2 / 5, within(1e-6));
    assertThat((double) d[x.users().indexOf("u1")]).isCloseTo(0.25 * 1 / 5, within(1e-6));
  }

  @Test
  void randomOrder_followsTheUserIds_notTheirRows() {
    IdIndex ab = new IdIndex(List.of("a", "b", "c"));
    IdIndex ba = new IdIndex(List.of("c", "b", "a"));

    float[] one = ForTitleEvaluation.randomOrder(ab, 7);
    float[] other = ForTitleEvaluation.randomOrder(ba, 7);

    assertThat(one[0]).isEqualTo(other[2]).isBetween(0f, 1f);
    assertThat(one[2]).isEqualTo(other[0]);
    assertThat(one[0]).isNotEqualTo(ForTitleEvaluation.randomOrder(ab, 8)[0]);
  }

  @Test
  void draw_refusesMoreTitlesThanHaveEnoughViewers() {
    assertThatThrownBy(() -> ForTitleEvaluation.draw(dataset().interactions(), 2, 5, 7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 1 titles have at least 5 viewers");
  }
}
