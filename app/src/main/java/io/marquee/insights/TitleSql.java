package io.marquee.insights;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** SQL pieces the title, series and titles-list reports share: timestamps as bound text, the range filter. */
final class TitleSql {
  /** The views of a range: bind its start and end ({@link #ts}) in this order. */
  static final String IN_RANGE = "v.started_at >= CAST(? AS TIMESTAMP) AND v.started_at < CAST(? AS TIMESTAMP)";
  /** One retention point's count per k: {@code r0 .. r20} over views with a coverage mask. */
  static final String POINTS;

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  static {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < Definitions.RETENTION_POINTS; k++) {
      b.append(k == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(Definitions.IS_VIEW)
          .append(" AND (v.coverage >> ").append(k).append(") & 1 = 1)");
    }
    POINTS = b.toString();
  }

  private TitleSql() {}

  /** An instant as the text of a UTC TIMESTAMP (the store's columns are UTC). */
  static String ts(Instant at) {
    return TS.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
  }
}
