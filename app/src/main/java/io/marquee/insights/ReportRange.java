package io.marquee.insights;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days a report covers: {@code from} and {@code to} inclusive, as ISO dates ({@code
 * 2026-11-01}) in the zone {@code tz} names (an IANA zone such as {@code Europe/Paris}; UTC by
 * default). Without {@code from} and {@code to}, the last 28 days up to and including today.
 * Views count on the day they started, in that zone.
 *
 * @param from the first day
 * @param to the last day, not before {@code from}
 * @param zone the zone whose midnights bound the days
 */
public record ReportRange(LocalDate from, LocalDate to, ZoneId zone) {
  /** Days a report covers by default. */
  public static final int DEFAULT_DAYS = 28;
  /** The longest range one request may ask for (bounds what one report costs). */
  public static final int MAX_DAYS = 731;

  public ReportRange {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw new IllegalArgumentException("a range of at most " + MAX_DAYS + " days, not "
          + (ChronoUnit.DAYS.between(from, to) + 1));
    }
  }

  /** The range a request's {@code from}, {@code to} and {@code tz} name; 400 naming a bad parameter. */
  public static ReportRange of(Context ctx, Clock clock) {
    return parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("tz"), clock);
  }

  /** The range of the three parameters (each may be null); 400 naming a bad one. */
  public static ReportRange parse(String from, String to, String tz, Clock clock) {
    ZoneId zone;
    try {
      zone = tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz.strip());
    } catch (DateTimeException e) {
      throw new BadRequestResponse("tz: '" + tz + "' is not a time zone; an IANA name such as Europe/Paris or UTC");
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    LocalDate last = to == null || to.isBlank() ? null : date("to", to);
    LocalDate first = from == null || from.isBlank() ? null : date("from", from);
    if (last == null) {
      last = first == null ? today : first.plusDays(DEFAULT_DAYS - 1);
    }
    if (first == null) {
      first = last.minusDays(DEFAULT_DAYS - 1);
    }
    try {
      return new ReportRange(first, last, zone);
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestResponse(name + ": '" + value + "' is not an ISO date such as 2026-11-01");
    }
  }

  /** The first instant of the range (midnight of {@code from} in the zone). */
  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The instant just past the range (midnight after {@code to} in the zone). */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** Number of days in the range. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The range of the same length just before this one (what growth compares against). */
  public ReportRange previous() {
    return new ReportRange(from.minusDays(days()), from.minusDays(1), zone);
  }
}
