package io.marquee.demo;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as ISO-8601 UTC text with milliseconds, e.g. {@code
 * 2026-08-03T19:22:11.123Z}, without the formatter machinery of {@code java.time}.
 */
final class IsoTime {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private IsoTime() {}

  /** The instant as text; parses back with {@code Instant.parse} (years 1000-9999). */
  static String format(long epochMillis) {
    long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    int ms = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    char[] c = new char[24];
    digits(c, 0, date.getYear(), 4);
    c[4] = '-';
    digits(c, 5, date.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, date.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, ms / 3_600_000, 2);
    c[13] = ':';
    digits(c, 14, ms / 60_000 % 60, 2);
    c[16] = ':';
    digits(c, 17, ms / 1000 % 60, 2);
    c[19] = '.';
    digits(c, 20, ms % 1000, 3);
    c[23] = 'Z';
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
