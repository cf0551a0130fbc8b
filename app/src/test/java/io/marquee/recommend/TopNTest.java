package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopNTest {

  @Test
  void select_returnsTheBestFirst() {
    float[] scores = {0.1f, 0.9f, 0.5f, 0.7f, 0.3f};
    assertThat(TopN.select(scores, 3)).containsExactly(1, 3, 2);
  }

  @Test
  void ties_goToTheLowerIndex() {
    float[] scores = {1, 2, 2, 1, 2};
    assertThat(TopN.select(scores, 4)).containsExactly(1, 2, 4, 0);
  }

  @Test
  void filter_skipsItems_andShortCatalogsGiveShortLists() {
    float[] scores = {5, 4, 3, 2};
    assertThat(TopN.select(scores, 2, i -> i % 2 == 1)).containsExactly(1, 3);
    assertThat(TopN.select(scores, 10, i -> i != 0)).containsExactly(1, 2, 3);
    assertThat(TopN.select(scores, 0)).isEmpty();
  }

  @Test
  void randomScores_matchAFullSort() {
    SplittableRandom rng = new SplittableRandom(42);
    for (int trial = 0; trial < 50; trial++) {
      float[] scores = new float[1 + rng.nextInt(500)];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = rng.nextInt(50); // many ties
      }
      int n = rng.nextInt(30);
      int[] expected = IntStream.range(0, scores.length).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
          .limit(n).mapToInt(Integer::intValue).toArray();
      assertThat(TopN.select(scores, n)).as(Arrays.toString(scores)).containsExactly(expected);
    }
  }
}
