package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TitleCacheTest {
  private static final ReportRange RANGE = new ReportRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 28),
      ZoneId.of("UTC"));

  /** A clock the test moves. */
  private static final class Manual extends Clock {
    Instant now = Instant.parse("2026-11-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Manual clock = new Manual();
  private final AtomicInteger computed = new AtomicInteger();
  private final TitleCache<Integer> cache = new TitleCache<>(clock, () -> null, (c, r) -> computed.incrementAndGet());

  @Test
  void aRangeAskedAgainWithin40Seconds_isNotRecomputed() throws Exception {
    assertThat(cache.get(RANGE).value()).isEqualTo(1);
    clock.now = clock.now.plusSeconds(40);
    assertThat(cache.get(RANGE).value()).isEqualTo(1);
    assertThat(computed.get()).isEqualTo(1);
  }

  @Test
  void after40Seconds_theKeptFiguresAreAnswered_andRecomputedInTheBackground() throws Exception {
    TitleCache.Entry<Integer> first = cache.get(RANGE);
    clock.now = clock.now.plusSeconds(45);
    assertThat(cache.get(RANGE)).isSameAs(first);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (cache.get(RANGE).value() == 1 && Instant.now().isBefore(deadline)) {
      Thread.onSpinWait();
    }
    assertThat(cache.get(RANGE).value()).isEqualTo(2);
    assertThat(cache.get(RANGE).computedAt()).isEqualTo(clock.now);
  }

  @Test
  void figuresOlderThan60Seconds_areNeverAnswered() throws Exception {
    cache.get(RANGE);
    clock.now = clock.now.plusSeconds(61);
    TitleCache.Entry<Integer> e = cache.get(RANGE);
    assertThat(e.value()).isEqualTo(2);
    assertThat(e.computedAt()).isEqualTo(clock.now);
  }

  @Test
  void eachRange_hasItsOwnFigures() throws Exception {
    cache.get(RANGE);
    assertThat(cache.get(RANGE.previous()).value()).isEqualTo(2);
    assertThat(cache.get(RANGE).value()).isEqualTo(1);
  }
}
