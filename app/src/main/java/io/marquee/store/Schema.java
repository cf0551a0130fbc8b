package io.marquee.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The store's tables. Timestamps are UTC; JSON columns keep what has no typed column. */
final class Schema {
  static final int VERSION = 1;

  private static final String[] DDL = {
    """
    CREATE TABLE IF NOT EXISTS marquee_meta(key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """
    CREATE TABLE IF NOT EXISTS events(
      log_pos BIGINT NOT NULL, source VARCHAR, message_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
      event VARCHAR, user_id VARCHAR, anonymous_id VARCHAR, previous_id VARCHAR, name VARCHAR,
      timestamp TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL,
      session_id VARCHAR, asset_id VARCHAR, media_type VARCHAR, position DOUBLE, total_length DOUBLE,
      properties JSON, traits JSON, context JSON, original_timestamp TIMESTAMP)""",
    """
    CREATE TABLE IF NOT EXISTS titles(
      asset_id VARCHAR PRIMARY KEY, title VARCHAR, kind VARCHAR, series VARCHAR, season INTEGER,
      episode INTEGER, genres VARCHAR[], maturity_rating VARCHAR, runtime_s INTEGER, media_type VARCHAR,
      release_year INTEGER, source VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS titles_staging(
      asset_id VARCHAR, title VARCHAR, kind VARCHAR, series VARCHAR, season INTEGER, episode INTEGER,
      genres VARCHAR, maturity_rating VARCHAR, runtime_s INTEGER, media_type VARCHAR,
      release_year INTEGER)""",
    """
    CREATE TABLE IF NOT EXISTS session_staging(session_id VARCHAR)""",
    """
    CREATE TABLE IF NOT EXISTS consent_log(
      log_pos BIGINT NOT NULL, user_id VARCHAR NOT NULL, timestamp TIMESTAMP NOT NULL,
      source VARCHAR NOT NULL, choices JSON NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS partner_attributes(
      user_id VARCHAR NOT NULL, attribute VARCHAR NOT NULL, value JSON, source VARCHAR NOT NULL,
      party VARCHAR NOT NULL, observed_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL,
      legal_basis VARCHAR NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS views(
      view_id VARCHAR NOT NULL, session_id VARCHAR NOT NULL, user_id VARCHAR, anonymous_id VARCHAR,
      asset_id VARCHAR NOT NULL, media_type VARCHAR, started_at TIMESTAMP, ended_at TIMESTAMP,
      watch_seconds DOUBLE, max_position DOUBLE, total_length DOUBLE, completed BOOLEAN)""",
  };

  private Schema() {}

  static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      s.execute("INSERT INTO marquee_meta VALUES ('schema_version', '" + VERSION + "') ON CONFLICT DO NOTHING");
    }
  }
}
