package io.marquee.demo;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The 90-day window the demo data covers, and when in it users start sessions: mostly in their
 * local evening, a little more on weekends.
 */
final class Timeline {
  /** The end of the window the tests and documented figures pin: 2026-11-01T00:00:00Z. */
  static final long PINNED_END = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  static final long DAY = 86_400_000L;
  static final long HOUR = 3_600_000L;
  static final long MINUTE = 60_000L;
  static final long LENGTH = 90 * DAY;

  /** Where the window ends (epoch millis, exclusive). */
  final long end;
  /** Where it starts: 90 days before {@link #end}. */
  final long start;
  /** No session starts later than this, so even a long binge ends inside the window. */
  final long lastStart;

  /** Relative likelihood of starting a session in each local hour of the day. */
  private static final double[] HOURS = {
    1.5, 0.8, 0.4, 0.2, 0.2, 0.3, 0.6, 1.0, 1.2, 1.2, 1.3, 1.5,
    1.8, 1.8, 1.7, 1.8, 2.2, 2.8, 3.6, 4.6, 5.2, 5.0, 4.0, 2.6
  };

  private static final double WEEKEND_BOOST = 1.35;

  Timeline(long end) {
    this.end = end;
    this.start = end - LENGTH;
    this.lastStart = end - 12 * HOUR;
  }

  /** {@code count} sorted session start times between {@code from} and {@link #lastStart}. */
  long[] sessionStarts(int count, long from, Country country, SplittableRandom rng) {
    if (from > lastStart) {
      return new long[0];
    }
    long offset = country.utcOffsetMinutes * MINUTE;
    long firstDay = Math.floorDiv(from + offset, DAY);
    long lastDay = Math.floorDiv(lastStart + offset, DAY);
    long[] starts = new long[count];
    int n = 0;
    while (n < count) {
      long day = firstDay + rng.nextLong(lastDay - firstDay + 1);
      boolean weekend = Math.floorMod(day + 3, 7) >= 5; // epoch day 0 was a Thursday
      if (!weekend && !Rng.chance(rng, 1 / WEEKEND_BOOST)) {
        continue;
      }
      long local = day * DAY + Rng.weighted(rng, HOURS) * HOUR + rng.nextLong(HOUR);
      long utc = local - offset;
      if (utc >= from && utc <= lastStart) {
        starts[n++] = utc;
      }
    }
    Arrays.sort(starts);
    return starts;
  }
}
