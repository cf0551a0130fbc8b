package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoverageTest {
  private static int bits(int... ks) {
    int m = 0;
    for (int k : ks) {
      m |= 1 << k;
    }
    return m;
  }

  @Test
  void aViewWatchedToTheEnd_coversEveryPoint_includingTheFinalSecond() {
    assertThat(Coverage.mask(new double[] {0, 100}, 100.0)).isEqualTo((1 << 21) - 1);
  }

  @Test
  void aViewThatStopsJustBeforeTheFinalSecond_missesPoint20() {
    // runtime 100: point 20 is second 99, [99, 100); the view played [0, 99)
    assertThat(Coverage.mask(new double[] {0, 99}, 100.0)).isEqualTo((1 << 20) - 1);
  }

  @Test
  void aSkipAhead_leavesTheSkippedPointsUnwatched_andTheLaterOnesWatched() {
    // runtime 200: point k is second 10k; played [0, 35) and [150, 200)
    assertThat(Coverage.mask(new double[] {0, 35, 150, 200}, 200.0))
        .isEqualTo(bits(0, 1, 2, 3, 15, 16, 17, 18, 19, 20));
  }

  @Test
  void aFractionalRuntime_takesTheFloorOfEachPoint_andTheCeilingForTheEnd() {
    // runtime 10.5: points floor(k * 0.525) for k < 20, final second ceil(10.5) - 1 = 10
    assertThat(Coverage.mask(new double[] {10.2, 10.5}, 10.5)).isEqualTo(bits(20));
    assertThat(Coverage.mask(new double[] {0, 0.5}, 10.5)).isEqualTo(bits(0, 1));
  }

  @Test
  void anUnknownRuntime_hasNoCoverage() {
    assertThat(Coverage.mask(new double[] {0, 100}, null)).isNull();
    assertThat(Coverage.mask(new double[] {0, 100}, 0.0)).isNull();
  }

  @Test
  void theIntro_isWatchedWhenSecond30Is() {
    assertThat(Coverage.intro(new double[] {0, 30})).isFalse();
    assertThat(Coverage.intro(new double[] {0, 30.5})).isTrue();
    assertThat(Coverage.intro(new double[] {0, 10, 30.9, 31})).isTrue();
    assertThat(Coverage.intro(new double[] {})).isFalse();
  }
}
