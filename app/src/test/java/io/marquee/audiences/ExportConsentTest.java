package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.core.ConsentChoice;
import io.marquee.privacy.ConsentRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportConsentTest {
  private static ConsentRegistry registry() {
    ConsentRegistry r = new ConsentRegistry();
    r.record(new ConsentChoice("yes", "api", Map.of("marketing", true)), id -> false);
    r.record(new ConsentChoice("no", "api", Map.of("marketing", false)), id -> false);
    r.record(new ConsentChoice("other", "api", Map.of("analytics", true)), id -> false);
    return r;
  }

  @Test
  void withOptInRequired_onlyAnExplicitTrueCounts_notANeverChose() {
    ExportConsent rule = new ExportConsent(registry(), true);

    assertThat(rule.requiresOptIn()).isTrue();
    assertThat(rule.allows("yes", "marketing")).isTrue();
    assertThat(rule.allows("no", "marketing")).isFalse();
    assertThat(rule.allows("other", "marketing")).isFalse();
    assertThat(rule.allows("never-seen", "marketing")).isFalse();
    assertThat(rule.allows("yes", "data_sharing")).isFalse();
  }

  @Test
  void withOptInNotRequired_aNeverChoseCounts_andAWithdrawalStillExcludes() {
    ExportConsent rule = new ExportConsent(registry(), false);

    assertThat(rule.allows("yes", "marketing")).isTrue();
    assertThat(rule.allows("never-seen", "marketing")).isTrue();
    assertThat(rule.allows("other", "marketing")).isTrue();
    assertThat(rule.allows("no", "marketing")).isFalse();
  }
}
