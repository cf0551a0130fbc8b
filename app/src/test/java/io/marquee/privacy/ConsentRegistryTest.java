package io.marquee.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.core.ConsentChoice;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Current consent per user, changed only by durable messages of users not erased. */
class ConsentRegistryTest {

  @Test
  void record_mergesChoices_laterOnesWinning() {
    ConsentRegistry r = new ConsentRegistry();
    r.record(new ConsentChoice("u", "api", Map.of("analytics", false, "marketing", false)), id -> false);
    r.record(new ConsentChoice("u", "event", Map.of("analytics", true)), id -> false);
    assertThat(r.allows("u", "analytics")).isTrue();
    assertThat(r.allows("u", "marketing")).isFalse();
    assertThat(r.allows("u", "personalization")).isTrue();
  }

  @Test
  void record_forAnErasedUser_changesNothing() {
    ConsentRegistry r = new ConsentRegistry();
    r.record(new ConsentChoice("u", "api", Map.of("marketing", false)), id -> id.equals("u"));
    assertThat(r.choices("u")).isEmpty();
  }

  /**
   * The withdrawn users, kept as the choices change, are at every step exactly the users whose
   * current choice is an explicit false (the rule {@link ConsentRegistry#allows} applies), over a
   * seeded random mix of recorded, shared, replayed and forgotten choices.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42})
  void withdrawn_isAlwaysTheUsersWhoseCurrentChoiceIsFalse(long seed) {
    Random random = new Random(seed);
    ConsentRegistry r = new ConsentRegistry();
    String[] categories = {"analytics", "marketing", "data_sharing", "newsletter"};
    for (int step = 0; step < 3_000; step++) {
      String user = "u" + random.nextInt(40);
      String category = categories[random.nextInt(categories.length)];
      switch (random.nextInt(4)) {
        case 0 -> r.record(new ConsentChoice(user, "api", Map.of(category, random.nextBoolean())), id -> false);
        case 1 -> r.applyShared(user, category, random.nextInt(3) == 0 ? null : random.nextBoolean());
        case 2 -> r.record(new ConsentChoice(user, "event", Map.of(category, random.nextBoolean(),
            categories[(java.util.Arrays.asList(categories).indexOf(category) + 1) % categories.length],
            random.nextBoolean())), id -> false);
        default -> {
          if (random.nextInt(5) == 0) {
            r.forget(user);
          }
        }
      }
      for (String c : categories) {
        Set<String> expected = new HashSet<>();
        for (int u = 0; u < 40; u++) {
          if (!r.allows("u" + u, c)) {
            expected.add("u" + u);
          }
        }
        assertThat(r.withdrawn(c)).as("step %d, %s", step, c).isEqualTo(expected);
      }
    }
  }
}
