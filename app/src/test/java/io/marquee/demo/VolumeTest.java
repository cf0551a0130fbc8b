package io.marquee.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The event budget: about 100 messages per user, so 100,000 users make about 10 million. */
class VolumeTest {

  @Test
  void meanMessagesPerUserIsAboutOneHundred() {
    PlatformGenerator generator = new PlatformGenerator(5, 100_000);
    int sample = 2000;
    long messages = 0;
    long max = 0;
    for (int i = 0; i < sample; i++) {
      int n = generator.userMessages(i * 50).size();
      messages += n;
      max = Math.max(max, n);
    }
    double mean = (double) messages / sample;

    assertThat(mean).isBetween(70.0, 130.0);
    assertThat(max).as("heavy users exist, but no runaway").isBetween(300L, 20_000L);
  }
}
