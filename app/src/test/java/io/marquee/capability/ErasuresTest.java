package io.marquee.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ErasuresTest {
  @Test
  void announce_runsEverySubscriber_andNothingBeforeAnySubscribes() {
    Erasures erasures = new Erasures();
    erasures.announce();
    AtomicInteger models = new AtomicInteger();
    AtomicInteger audiences = new AtomicInteger();
    erasures.subscribe(models::incrementAndGet);
    erasures.subscribe(audiences::incrementAndGet);
    erasures.announce();
    assertThat(models).hasValue(1);
    assertThat(audiences).hasValue(1);
  }
}
