package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data dir made by the previous release (store schema version 1) opens in this one. */
class SchemaMigrationIT {
  /** The previous release's store DDL, verbatim: the fixture this test upgrades. */
  private static final String V1_VIEW_COLUMNS = "view_id, session_id, user_id, anonymous_id, asset_id, "
      + "media_type, started_at, ended_at, watch_seconds, max_position, total_length, completed";
  private static final String[] V1_DDL = {
    "CREATE TABLE IF NOT EXISTS marquee_meta(key VARCHAR PRIMARY KEY, value VARCHAR)",
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
    "CREATE TABLE IF NOT EXISTS session_staging(session_id VARCHAR)",
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
    "INSERT INTO marquee_meta VALUES ('schema_version', '1') ON CONFLICT DO NOTHING",
  };
  private static final String V1_EVENT_COLUMNS = "log_pos, source, message_id, type, event, user_id, anonymous_id, "
      + "previous_id, name, timestamp, received_at, session_id, asset_id, media_type, position, total_length, "
      + "properties, traits, context";
  private static final String V1_TITLE_COLUMNS = "asset_id, title, kind, series, season, episode, genres, "
      + "maturity_rating, runtime_s, media_type, release_year, source, updated_at";

  @TempDir Path dataDir;

  private static void track(TestNode node, String messageId, String user) throws Exception {
    assertThat(node.post("/v1/track", "{\"event\":\"Video Content Started\",\"userId\":\"" + user
        + "\",\"messageId\":\"" + messageId + "\",\"context\":{\"consent\":{\"categoryPreferences\":"
        + "{\"marketing\":false}}},\"properties\":{\"session_id\":\"s-" + messageId
        + "\",\"asset_id\":\"film-1\",\"position\":0,\"total_length\":100}}", TestNode.WRITE_KEY).statusCode())
        .isEqualTo(200);
  }

  /** Rewrites the data dir's store as the previous release left it: the v1 DDL holding the same rows. */
  private void downgradeStoreToVersion1() throws Exception {
    Path store = dataDir.resolve("store").resolve("marquee.duckdb");
    Path saved = dataDir.resolve("saved.duckdb");
    Files.move(store, saved);
    Files.deleteIfExists(dataDir.resolve("store").resolve("marquee.duckdb.wal"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store); Statement s = c.createStatement()) {
      for (String ddl : V1_DDL) {
        s.execute(ddl);
      }
      s.execute("ATTACH '" + saved + "' AS saved (READ_ONLY)");
      s.execute("INSERT INTO events SELECT " + V1_EVENT_COLUMNS + " FROM saved.events");
      s.execute("INSERT INTO titles SELECT " + V1_TITLE_COLUMNS + " FROM saved.titles");
      for (String table : List.of("consent_log", "partner_attributes")) {
        s.execute("INSERT INTO " + table + " SELECT * FROM saved." + table);
      }
      s.execute("INSERT INTO views SELECT " + V1_VIEW_COLUMNS + " FROM saved.views");
      // a version 1 store knew nothing of projections
      s.execute("INSERT INTO marquee_meta SELECT * FROM saved.marquee_meta WHERE key <> 'schema_version' "
          + "AND key NOT LIKE 'projection.%'");
      s.execute("DETACH saved");
    }
    Files.delete(saved);
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  @Test
  void aVersion1Store_isMigrated_keepsItsRows_andLoadsNewEvents() throws Exception {
    try (TestNode old = TestNode.start(dataDir, Settings.defaults())) {
      track(old, "m1", "ada");
      track(old, "m2", "bob");
      old.awaitStore();
    }
    downgradeStoreToVersion1();
    List<String> oldEvents;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve("store/marquee.duckdb"))) {
      oldEvents = rows(c, "SELECT " + V1_EVENT_COLUMNS + " FROM events ORDER BY log_pos");
      assertThat(oldEvents).hasSize(2);
      assertThat(rows(c, "SELECT value FROM marquee_meta WHERE key = 'schema_version'")).containsExactly("1");
    }

    try (TestNode node = TestNode.start(dataDir, Settings.defaults())) {
      try (Connection c = node.node.store().readConnection()) {
        assertThat(rows(c, "SELECT value FROM marquee_meta WHERE key = 'schema_version'"))
            .containsExactly(Integer.toString(Schema.VERSION));
        assertThat(Schema.VERSION).isGreaterThanOrEqualTo(2);
        List<String> columns = rows(c, "SELECT column_name FROM information_schema.columns "
            + "WHERE table_name = 'events' ORDER BY ordinal_position");
        assertThat(columns.get(columns.size() - 1)).isEqualTo("original_timestamp");
        List<String> titleColumns = rows(c, "SELECT column_name FROM information_schema.columns "
            + "WHERE table_name = 'titles' ORDER BY ordinal_position");
        assertThat(titleColumns.subList(titleColumns.size() - 2, titleColumns.size()))
            .containsExactly("series_id", "artist"); // migration 3
        assertThat(rows(c, "SELECT " + V1_EVENT_COLUMNS + " FROM events ORDER BY log_pos")).isEqualTo(oldEvents);
        assertThat(rows(c, "SELECT user_id, events FROM profiles ORDER BY user_id"))
            .as("a projection new to the store is built from its events").containsExactly("ada|1", "bob|1");
        assertThat(rows(c, "SELECT count(*) FROM view_sessions")).as("session states built").containsExactly("2");
      }
      assertThat(node.node.consent().choices("ada")).containsEntry("marketing", false);
      track(node, "m3", "cy");
      node.awaitStore();
      try (Connection c = node.node.store().readConnection()) {
        assertThat(rows(c, "SELECT message_id, user_id FROM events ORDER BY log_pos"))
            .containsExactly("m1|ada", "m2|bob", "m3|cy");
        assertThat(rows(c, "SELECT count(*) FROM views")).containsExactly("3");
      }
    }
  }
}
