package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.vault.CardNumbers;
import io.marquee.vault.PersonalData;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming pre-filter must flag everything the exact rules would catch: a superset, never less. */
class SensitiveTest {
  private static final String[] PIECES = {"4111", "1111", "5500", "0000", "4", "41", "411", "41111", "411111",
      "4111111111111111", "378282246310005", "6011111111111117", " ", "-", "  ", "--", "+", "a", "f", "x", "@", ".",
      "0b7e5c4e-4762-9038-6457-93a1b2c3d4e5", "12345678-1234-1234-1234-123456789012", "user-", "ada@example.com",
      "1", "2", "3", "5", "6", "7", "8", "9", "0"};

  private static boolean flagged(String s) {
    return Sensitive.text(s.toCharArray(), 0, s.length());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomText_thatTheExactRulesCatch_isAlwaysFlagged(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int caught = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder b = new StringBuilder();
      int parts = 1 + random.nextInt(8);
      for (int i = 0; i < parts; i++) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String s = b.toString();
      boolean exact = CardNumbers.containsCardNumber(s) || PersonalData.isEmailShaped(s);
      if (exact) {
        caught++;
        assertThat(flagged(s)).as(s).isTrue();
      }
    }
    assertThat(caught).as("the generator makes card numbers and addresses").isGreaterThan(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "3782-822463-10005",
      "card 4111111111111111 exp", "ada@example.com", "x 0b7e5c4e-4762-9038-6457-93a1b2c3d4e5 4111111111111111"})
  void cardNumbersAndAddresses_areFlagged(String s) {
    assertThat(flagged(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"testrun1-000006172500", "0b7e5c4e-4762-9038-6457-93a1b2c3d4e5", "2025-01-02T10:17:30.000Z",
      "user-1845031", "asset-011172", "Video Content Playing", "1700000000000"})
  void ordinaryIdsAndTimes_areNot(String s) {
    assertThat(flagged(s)).isFalse();
  }
}
