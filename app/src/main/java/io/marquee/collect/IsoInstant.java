package io.marquee.collect;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-time parsing with a fast path for the form nearly every client sends,
 * {@code 2026-10-01T20:00:00.123Z}; anything else goes through {@code java.time}.
 */
final class IsoInstant {
  private IsoInstant() {}

  /** The instant, or null when {@code text} is not an ISO-8601 date-time. */
  static Instant parse(String text) {
    Instant fast = utc(text);
    if (fast != null) {
      return fast;
    }
    Instant parsed;
    try {
      parsed = Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        parsed = OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
    // years beyond 4 digits do not fit the log's microsecond times
    return parsed.isBefore(MIN) || parsed.isAfter(MAX) ? null : parsed;
  }

  private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static Instant utc(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n - 21 < 1 || n - 21 > 9) {
        return null;
      }
      for (int i = 20; i < n - 1; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
        nanos = nanos * 10 + (c - '0');
      }
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (n != 20) {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
