package io.marquee.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and their migrations. Timestamps are UTC; JSON columns keep what has no typed
 * column.
 *
 * <p>{@link #DDL} is the schema of version 1, frozen: every later change is a numbered {@link
 * Migration}, applied in order at open, each in its own transaction that also records the new {@code
 * schema_version} in {@code marquee_meta}. A new store is made the same way (version 1, then every
 * migration), so a new store and an upgraded one cannot differ. A store newer than the code is
 * refused, naming both versions. Columns are only ever added at the end of a table.
 */
final class Schema {
  /** One step from version {@code version - 1} to {@code version}. */
  record Migration(int version, String description, String... statements) {}

  /** Every migration, in order; the last one's version is the code's schema version. */
  static final List<Migration> MIGRATIONS = List.of(
      new Migration(2, "events.original_timestamp: the client's timestamp before clock-skew correction",
          "ALTER TABLE events ADD COLUMN IF NOT EXISTS original_timestamp TIMESTAMP"),
      new Migration(3, "titles.series_id (an episode's series row) and titles.artist (a track's artist)",
          "ALTER TABLE titles ADD COLUMN IF NOT EXISTS series_id VARCHAR",
          "ALTER TABLE titles ADD COLUMN IF NOT EXISTS artist VARCHAR",
          "ALTER TABLE titles_staging ADD COLUMN IF NOT EXISTS series_id VARCHAR",
          "ALTER TABLE titles_staging ADD COLUMN IF NOT EXISTS artist VARCHAR"),
      new Migration(4, "projections: views and consent_log as this store has them are version 1 of their"
          + " projections (StoreLoader rebuilds a projection only when its version changes)",
          "INSERT INTO marquee_meta VALUES ('projection.views', '1'), ('projection.consent', '1') "
              + "ON CONFLICT (key) DO NOTHING"));

  /** The schema version this code writes and reads. */
  static final int VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private static final String META = """
      CREATE TABLE IF NOT EXISTS marquee_meta(key VARCHAR PRIMARY KEY, value VARCHAR)""";

  /** Version 1, as the first release made it; never edit (add a migration). */
  private static final String[] DDL = {
    """
    CREATE TABLE IF NOT EXISTS events(
      log_pos BIGINT NOT NULL, source VARCHAR, message_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
      event VARCHAR, user_id VARCHAR, anonymous_id VARCHAR, previous_id VARCHAR, name VARCHAR,
      timestamp TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL,
      session_id VARCHAR, asset_id VARCHAR, media_type VARCHAR, position DOUBLE, total_length DOUBLE,
      properties JSON, traits JSON, context JSON)""",
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

  /** Creates a new store's tables, or brings an older store up to {@link #VERSION}. */
  static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(META);
      Integer found = version(c);
      if (found == null) {
        inTransaction(s, () -> {
          for (String ddl : DDL) {
            s.execute(ddl);
          }
          setVersion(c, 1);
        });
        found = 1;
      }
      refuseNewer(found);
      for (Migration m : MIGRATIONS) {
        if (m.version() > found) {
          inTransaction(s, () -> {
            for (String sql : m.statements()) {
              s.execute(sql);
            }
            setVersion(c, m.version());
          });
        }
      }
    }
  }

  /** Fails when a store (opened read-only, so not migrated) was written by a newer release. */
  static void check(Connection c) throws SQLException {
    Integer found = version(c);
    if (found != null) {
      refuseNewer(found);
    }
  }

  /** The store's recorded schema version, or null for a store with none (a new one). */
  static Integer version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT value FROM marquee_meta WHERE key = 'schema_version'")) {
      if (!r.next()) {
        return null;
      }
      try {
        return Integer.valueOf(r.getString(1).strip());
      } catch (NumberFormatException e) {
        throw new SQLException("marquee_meta.schema_version is not a number: '" + r.getString(1) + "'", e);
      }
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("marquee_meta")
          && e.getMessage().contains("does not exist")) {
        return null;
      }
      throw e;
    }
  }

  private static void refuseNewer(int found) throws SQLException {
    if (found > VERSION) {
      throw new SQLException("the store is at schema version " + found + ", newer than this release's "
          + VERSION + "; open it with the release that wrote it (a store is never downgraded)");
    }
  }

  private static void setVersion(Connection c, int version) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO marquee_meta VALUES ('schema_version', ?) "
        + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      p.setString(1, Integer.toString(version));
      p.execute();
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws SQLException;
  }

  private static void inTransaction(Statement s, Step step) throws SQLException {
    s.execute("BEGIN TRANSACTION");
    try {
      step.run();
      s.execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      s.execute("ROLLBACK");
      throw e;
    }
  }
}
