package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private static final Instant NOW = Instant.parse("2026-12-01T08:41:17.123Z");

  @Test
  void windowEnd_withoutEnd_isTheCurrentHour() {
    assertThat(DemoCommand.windowEnd(null, NOW)).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
  }

  @Test
  void windowEnd_takesADateAsMidnightUtcOrAnInstant() {
    assertThat(DemoCommand.windowEnd("2026-11-01", NOW)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(DemoCommand.windowEnd("2026-11-01T06:30:00Z", NOW))
        .isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
  }

  @Test
  void windowEnd_refusesAnythingElseNamingTheOption() {
    assertThatThrownBy(() -> DemoCommand.windowEnd("yesterday", NOW))
        .hasMessageContaining("--end 'yesterday'");
  }
}
