package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaturityTest {

  @Test
  void adultRatings_areRNc17TvMaAndX_whateverTheCase() {
    assertThat(Maturity.isAdult("R")).isTrue();
    assertThat(Maturity.isAdult("NC-17")).isTrue();
    assertThat(Maturity.isAdult("tv-ma")).isTrue();
    assertThat(Maturity.isAdult(" X ")).isTrue();
    assertThat(Maturity.isAdult("PG-13")).isFalse();
    assertThat(Maturity.isAdult("TV-14")).isFalse();
    assertThat(Maturity.isAdult(null)).isFalse();
    assertThat(Maturity.isAdult("unrated")).isFalse();
  }

  @Test
  void levels_orderTheRatings() {
    assertThat(Maturity.level("TV-Y")).isZero();
    assertThat(Maturity.level("PG")).isEqualTo(1);
    assertThat(Maturity.level("TV-14")).isEqualTo(2);
    assertThat(Maturity.level("R")).isEqualTo(3);
    assertThat(Maturity.level("??")).isEqualTo(Maturity.UNKNOWN);
  }

  @Test
  void adultTitles_needAnAgeOfSeventeen_andAnUnknownAgeIsAMinors() {
    int adult = Maturity.level("TV-MA");
    assertThat(Maturity.allowed(adult, 17)).isTrue();
    assertThat(Maturity.allowed(adult, 16)).isFalse();
    assertThat(Maturity.allowed(adult, -1)).isFalse();
    assertThat(Maturity.allowed(Maturity.level("PG-13"), 10)).isTrue();
    assertThat(Maturity.allowed(Maturity.UNKNOWN, 10)).isTrue();
  }
}
