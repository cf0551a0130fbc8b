package io.marquee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Session ids of the load generator never look like card numbers, which the collector refuses. */
class HeartbeatIdsTest {
  @Test
  void sessionIds_areSixteenLetters_withNoDigitRunThatCouldPassForACardNumber() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      assertThat(Heartbeats.letters(random.nextLong())).matches("[a-p]{16}");
    }
    assertThat(Heartbeats.letters(0x6567605613233acaL)).isEqualTo("gfghgafgbdcddkmk");
  }
}
