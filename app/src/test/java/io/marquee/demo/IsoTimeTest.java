package io.marquee.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

  @Test
  void formatsUtcWithMilliseconds() {
    long at = Instant.parse("2026-08-03T19:22:11.123Z").toEpochMilli();

    assertThat(IsoTime.format(at)).isEqualTo("2026-08-03T19:22:11.123Z");
    assertThat(IsoTime.format(Timeline.PINNED_END)).isEqualTo("2026-11-01T00:00:00.000Z");
  }

  @Test
  void roundTripsThroughInstantParse() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      long at = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() + rng.nextLong(1L << 40);

      assertThat(Instant.parse(IsoTime.format(at)).toEpochMilli()).isEqualTo(at);
    }
  }
}
