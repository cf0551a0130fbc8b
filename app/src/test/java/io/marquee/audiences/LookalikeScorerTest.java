package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marquee.audiences.LookalikeScorer.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lookalike score on a seed of two members whose centroid is worked out here by hand:
 * A (25-34, f, [film], factors (1, 0)) and B (25-34, m, [film, travel], factors (0, 1)) give the
 * centroid blocks taste (1, 1) / sqrt 2; age {25-34: 1}; gender {f, m: 1 / sqrt 2}; interests film
 * 1 + 1 / sqrt 2, travel 1 / sqrt 2, scaled to unit length by sqrt((1 + 1 / sqrt 2)^2 + 1 / 2).
 */
class LookalikeScorerTest {
  // the default weights, Weights.of(0.5)
  private static final double TASTE = 0.5;
  private static final double AGE = 0.2;
  private static final double GENDER = 0.1;
  private static final double INTERESTS = 0.2;
  private static final double R2 = Math.sqrt(2);
  private static final double NORM = Math.sqrt(Math.pow(1 + 1 / R2, 2) + 0.5);
  private static final double FILM = (1 + 1 / R2) / NORM;
  private static final double TRAVEL = (1 / R2) / NORM;
  private static final List<Person> SEED = List.of(
      new Person("a", "25-34", "f", List.of("film"), new float[] {1, 0}),
      new Person("b", "25-34", "m", List.of("film", "travel"), new float[] {0, 1}));

  @Test
  void aUserWithEveryBlock_scoresTheWeightedMeanOfTheBlockCosines() {
    LookalikeScorer s = LookalikeScorer.of(SEED);
    // same direction of taste (3, 3), same bracket, a gender half the seed has, film only
    double want = TASTE * 1 + AGE * 1 + GENDER / R2
        + INTERESTS * FILM;
    want /= TASTE + AGE + GENDER + INTERESTS;

    assertThat(s.score(new Person("c", "25-34", "f", List.of("film"), new float[] {3, 3}))).isCloseTo(want, within(1e-6));
  }

  @Test
  void aUserWithoutFactors_scoresOnDemographicsOnly() {
    LookalikeScorer s = LookalikeScorer.of(SEED);
    // 65+ (no seed member) and m: only the age and gender blocks count, interests none declared
    double want = (AGE * 0 + GENDER / R2) / (AGE + GENDER);
    Person d = new Person("d", "65+", "m", List.of(), null);

    assertThat(s.score(d)).isCloseTo(want, within(1e-6));
    assertThat(s.comparesTaste(d)).isFalse();
    // a zero vector is no taste either
    assertThat(s.score(new Person("d0", "65+", "m", List.of(), new float[] {0, 0}))).isCloseTo(want, within(1e-6));
  }

  @Test
  void anOppositeTaste_scoresBelowZero_andInterestsAreScaledByHowManyTheUserDeclared() {
    LookalikeScorer s = LookalikeScorer.of(SEED);
    // taste (-1, 0) . (1, 1) / sqrt 2 = -1 / sqrt 2; interests (travel, cooking) / sqrt 2 . centroid = TRAVEL / sqrt 2
    double want = (TASTE * (-1 / R2) + INTERESTS * TRAVEL / R2)
        / (TASTE + INTERESTS);

    assertThat(s.score(new Person("e", null, null, List.of("travel", "cooking"), new float[] {-1, 0})))
        .isCloseTo(want, within(1e-6)).isNegative();
    assertThat(s.score(new Person("f", null, null, List.of(), null))).isZero();
  }

  @Test
  void aSeedWithoutFactors_leavesTasteOutForEveryone() {
    LookalikeScorer s = LookalikeScorer.of(List.of(new Person("a", "18-24", "f", List.of(), null),
        new Person("b", "18-24", "f", List.of(), null)));
    Person withFactors = new Person("c", "18-24", "m", List.of("film"), new float[] {1, 2});

    assertThat(s.comparesTaste(withFactors)).isFalse();
    assertThat(s.score(withFactors)).isCloseTo(AGE / (AGE + GENDER),
        within(1e-6));
  }

  @Test
  void top_takesTheKBestScores_tiesByUserId() {
    LookalikeScorer s = LookalikeScorer.of(SEED);
    List<Person> candidates = List.of(
        new Person("z", "25-34", "f", List.of("film"), new float[] {1, 1}),
        new Person("y", "25-34", "f", List.of("film"), new float[] {2, 2}), // the same score as z
        new Person("x", "65+", "m", List.of(), null),
        new Person("w", "25-34", "f", List.of("film"), new float[] {-1, -1}));

    assertThat(s.top(candidates, 3).stream().map(LookalikeScorer.Scored::userId)).containsExactly("y", "z", "x");
    assertThat(s.top(candidates, 10)).hasSize(4);
    assertThat(s.top(candidates, 0)).isEmpty();
    assertThat(s.top(candidates, 1).get(0).taste()).isTrue();
  }

  @Test
  void weights_shareTheRestOfTasteTwoOneTwo_andZeroOrOneLeaveOneSideOut() {
    assertThat(LookalikeScorer.Weights.DEFAULT).isEqualTo(new LookalikeScorer.Weights(TASTE, AGE, GENDER, INTERESTS));
    Person c = new Person("c", "25-34", "f", List.of("film"), new float[] {3, 3});
    Person noFactors = new Person("c", "25-34", "f", List.of("film"), null);
    LookalikeScorer demographics = LookalikeScorer.of(SEED, LookalikeScorer.Weights.of(0));
    LookalikeScorer taste = LookalikeScorer.of(SEED, LookalikeScorer.Weights.of(1));

    // demographics only: age 1, gender 1 / sqrt 2, interests FILM, weighted 0.4, 0.2, 0.4
    assertThat(demographics.score(c)).isCloseTo(0.4 + 0.2 / R2 + 0.4 * FILM, within(1e-6))
        .isCloseTo(demographics.score(noFactors), within(1e-9));
    assertThat(demographics.comparesTaste(c)).isFalse();
    assertThat(taste.score(c)).isCloseTo(1, within(1e-6));
    assertThat(taste.score(noFactors)).isZero();
    assertThatThrownBy(() -> LookalikeScorer.Weights.of(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LookalikeScorer.Weights.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quota_isTheFloorOfTheShareOfTheCountrysEligibleUsers() {
    assertThat(LookalikeSelection.quota(0.07, 100)).isEqualTo(7);
    assertThat(LookalikeSelection.quota(0.1, 300)).isEqualTo(30);
    assertThat(LookalikeSelection.quota(0.05, 99)).isEqualTo(4);
    assertThat(LookalikeSelection.quota(0.01, 50)).isZero();
  }
}
