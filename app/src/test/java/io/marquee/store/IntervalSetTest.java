package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalSetTest {

  /** Compares the union length with a brute-force count over unit cells. */
  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42, 1234})
  void unionLength_matchesBruteForce(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 200; round++) {
      IntervalSet set = new IntervalSet();
      boolean[] covered = new boolean[200];
      for (int i = 0; i < random.nextInt(1, 15); i++) {
        int from = random.nextInt(0, 200);
        int to = random.nextInt(from, Math.min(200, from + 60) + 1);
        set.add(from, to);
        for (int c = from; c < to; c++) {
          covered[c] = true;
        }
      }
      int expected = 0;
      for (boolean c : covered) {
        expected += c ? 1 : 0;
      }
      assertThat(set.length()).isEqualTo(expected);
    }
  }
}
