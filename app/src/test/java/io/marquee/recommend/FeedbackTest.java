package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeedbackTest {

  @Test
  void view_growsWithTheWatchedFraction_andAFinishedViewCountsHalfAgainAsMuch() {
    assertThat(Feedback.view(0.25, 0)).isCloseTo(0.4f, within(1e-6f));
    assertThat(Feedback.view(0.5, 0)).isCloseTo(0.6f, within(1e-6f));
    assertThat(Feedback.view(0.95, 0)).isCloseTo(1.44f, within(1e-6f)); // (0.2 + 0.76) x 1.5
    assertThat(Feedback.view(1, 0)).isCloseTo(1.5f, within(1e-6f));
    assertThat(Feedback.view(3, 0)).isCloseTo(1.5f, within(1e-6f)); // clamped
  }

  @Test
  void view_halvesEveryHalfLife() {
    assertThat(Feedback.view(1, Feedback.HALF_LIFE_DAYS)).isCloseTo(0.75f, within(1e-6f));
    assertThat(Feedback.view(1, 2 * Feedback.HALF_LIFE_DAYS)).isCloseTo(0.375f, within(1e-6f));
  }

  @Test
  void cell_addsTheRating_capsTheTotal_andALowRatingMarksADislike() {
    assertThat(Feedback.cell(1.5f, 5f)).isCloseTo(3f, within(1e-6f));
    assertThat(Feedback.cell(1.5f, Float.NaN)).isEqualTo(1.5f);
    assertThat(Feedback.cell(30f, Float.NaN)).isEqualTo(Feedback.MAX);
    assertThat(Feedback.cell(4f, 1f)).isEqualTo(Feedback.DISLIKED);
    assertThat(Feedback.cell(4f, 2f)).isEqualTo(Feedback.DISLIKED);
  }
}
