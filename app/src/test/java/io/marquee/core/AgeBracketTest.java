package io.marquee.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgeBracketTest {
  @Test
  void everyAge_fallsInOneBracketOfTheProjectVocabulary_withInclusiveLowerBounds() {
    assertThat(AgeBracket.of(-1)).isNull();
    assertThat(AgeBracket.of(0)).isEqualTo("<13");
    assertThat(AgeBracket.of(12)).isEqualTo("<13");
    int[] lows = {13, 18, 25, 35, 45, 55, 65};
    for (int k = 0; k < lows.length; k++) {
      assertThat(AgeBracket.of(lows[k])).isEqualTo(AgeBracket.ALL.get(k + 1));
      assertThat(AgeBracket.of(lows[k] - 1)).isEqualTo(AgeBracket.ALL.get(k));
    }
    assertThat(AgeBracket.of(120)).isEqualTo("65+");
  }
}
