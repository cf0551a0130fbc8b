package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GenreSignalsTest {
  @Test
  void median_ofAnOddCount_isTheMiddle_andOfAnEvenCount_theMeanOfTheTwoMiddles() {
    assertThat(GenreSignals.median(new double[] {20, 10, 11})).isEqualTo(11.0);
    assertThat(GenreSignals.median(new double[] {10, 20, 11, 12})).isEqualTo(11.5);
    assertThat(GenreSignals.median(new double[0])).isNaN();
  }

  @Test
  void promote_atExactlyOnePointTwoTimesTheMedian_qualifies_andOneViewUnder_doesNot() {
    // 1.2 x 10 is 12.000000000000002 in doubles: 12 views must still qualify
    Map<String, Object> f = GenreSignals.promote(12, 0.5, 10, 0.5, 7);
    assertThat(f).containsEntry("views_7d", 12L).containsEntry("genre_median_views_7d", 10.0)
        .containsEntry("factor", 1.2).containsEntry("completion_7d", 0.5)
        .containsEntry("genre_median_completion_7d", 0.5).containsEntry("baseline_releases", 7);
    assertThat(GenreSignals.promote(11, 0.5, 10, 0.5, 7)).isNull();
    // a half median: 1.2 x 12.5 = 15
    assertThat(GenreSignals.promote(15, 0.9, 12.5, 0.5, 4)).isNotNull();
    assertThat(GenreSignals.promote(14, 0.9, 12.5, 0.5, 4)).isNull();
  }

  @Test
  void promote_needsCompletionAtLeastTheMedian_andABaselineOfThreeReleases() {
    assertThat(GenreSignals.promote(20, 0.49, 10, 0.5, 7)).isNull();
    assertThat(GenreSignals.promote(20, 0.9, 10, 0.5, 2)).isNull();
    assertThat(GenreSignals.promote(20, 0.9, 10, 0.5, 3)).isNotNull();
  }

  @Test
  void makeMore_atExactlyTwentyPercentGrowth_withCompletionAboveTheMedian_qualifies() {
    Map<String, Object> f = GenreSignals.makeMore(1.2, 1.0, 0.6, 0.5);
    assertThat(f).containsEntry("hours_watched", 1.2).containsEntry("previous_hours_watched", 1.0)
        .containsEntry("growth_threshold", 0.2).containsEntry("completion_rate", 0.6)
        .containsEntry("platform_median_completion", 0.5);
    assertThat((double) f.get("growth")).isBetween(0.2 - 1e-12, 0.2 + 1e-12);
    assertThat(GenreSignals.makeMore(1.19, 1.0, 0.6, 0.5)).isNull();
  }

  @Test
  void makeMore_needsCompletionStrictlyAboveTheMedian_andHoursBefore() {
    assertThat(GenreSignals.makeMore(2, 1, 0.5, 0.5)).isNull();
    assertThat(GenreSignals.makeMore(2, 0, 0.9, 0.5)).isNull();
    assertThat(GenreSignals.makeMore(2, 1, 0.9, Double.NaN)).isNull();
  }
}
