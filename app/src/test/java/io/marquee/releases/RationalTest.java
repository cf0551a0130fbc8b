package io.marquee.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RationalTest {
  @Test
  void decimalsAndFractions_parseExactly_inLowestTerms() {
    assertThat(Rational.parse("0.1")).isEqualTo(Rational.of(1, 10));
    assertThat(Rational.parse("2.50")).isEqualTo(Rational.of(5, 2));
    assertThat(Rational.parse("3")).isEqualTo(Rational.of(3, 1));
    assertThat(Rational.parse("2/6")).isEqualTo(Rational.of(1, 3));
    assertThat(Rational.parse("1e-1")).isEqualTo(Rational.of(1, 10));
    assertThat(Rational.parse("2/6").toString()).isEqualTo("1/3");
    assertThat(Rational.parse("3").toString()).isEqualTo("3");
  }

  @Test
  void sums_areExact_soThreeThirdsSpendABudgetOfOne() {
    Rational third = Rational.parse("1/3");
    assertThat(third.plus(third).plus(third)).isEqualTo(Rational.of(1, 1));
    assertThat(Rational.parse("0.1").plus(Rational.parse("0.2"))).isEqualTo(Rational.parse("0.3"));
    assertThat(Rational.of(1, 1).minusOrZero(Rational.of(3, 2))).isEqualTo(Rational.ZERO);
    assertThat(Rational.of(3, 1).minusOrZero(Rational.of(1, 2))).isEqualTo(Rational.of(5, 2));
    assertThat(Rational.of(1, 2).dividedBy(3)).isEqualTo(Rational.of(1, 6));
  }

  @Test
  void negatives_words_zeroDenominators_andTooMuchPrecision_areRefused() {
    assertThatThrownBy(() -> Rational.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rational.parse("abc")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> Rational.parse("1/0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rational.parse("0.0000001")).hasMessageContaining("precision");
    assertThatThrownBy(() -> Rational.parse(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
