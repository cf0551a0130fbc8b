package io.marquee.store;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBAppender;

/** Null-aware helpers for DuckDB's appender, whose typed append methods take primitives. */
final class Appenders {
  private Appenders() {}

  static void appendNullable(DuckDBAppender a, String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  static void appendNullable(DuckDBAppender a, Integer v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v.intValue());
    }
  }

  static void appendNullable(DuckDBAppender a, Double v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v.doubleValue());
    }
  }

  static void appendNullable(DuckDBAppender a, Instant v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(LocalDateTime.ofInstant(v, ZoneOffset.UTC));
    }
  }
}
