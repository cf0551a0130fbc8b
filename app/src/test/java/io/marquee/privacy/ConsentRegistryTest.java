package io.marquee.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.core.ConsentChoice;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
