package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.config.Settings;
import io.marquee.testing.Cli;
import io.marquee.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marquee sql} reads the store and nothing else: no files, databases, extensions or settings. */
class SqlLockdownIT {
  @TempDir Path dataDir;
  @TempDir Path elsewhere;
  private byte[] writeKeys;

  @BeforeEach
  void data() throws Exception {
    try (TestNode node = TestNode.start(dataDir, Settings.defaults())) {
      assertThat(node.post("/v1/track", "{\"event\":\"Video Content Started\",\"userId\":\"ada\",\"properties\":"
          + "{\"session_id\":\"s1\",\"asset_id\":\"film-1\",\"title\":\"Metropolis\",\"genre\":\"Drama\","
          + "\"position\":0,\"total_length\":100}}", TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
      node.awaitStore();
    }
    writeKeys = Files.readAllBytes(dataDir.resolve("write-keys"));
  }

  private Cli sql(String query) {
    return Cli.run("sql", "--data-dir", dataDir.toString(), query);
  }

  private void assertRefused(String query) throws Exception {
    Cli r = sql(query);
    assertThat(r.exitCode).as(query + "\n" + r).isEqualTo(1);
    assertThat(r.err).as(query).startsWith("sql: ").doesNotContain("\tat ");
    assertThat(r.out).as(query).isEmpty();
    assertThat(Files.readAllBytes(dataDir.resolve("write-keys"))).as(query).isEqualTo(writeKeys);
  }

  @Test
  void copyTo_fileReads_globAndGetenv_export_attach_install_load_andSet_areRefused() throws Exception {
    String keys = dataDir.resolve("write-keys").toString();
    List<String> attacks = List.of(
        "COPY (SELECT 'planted-key') TO '" + keys + "' (HEADER false)",
        "COPY events TO '" + elsewhere.resolve("events.csv") + "'",
        "SELECT * FROM read_text('" + keys + "')",
        "SELECT * FROM read_csv('" + keys + "')",
        "SELECT * FROM read_blob('" + keys + "')",
        "SELECT * FROM '" + keys + "'",
        "EXPORT DATABASE '" + elsewhere.resolve("export") + "'",
        "ATTACH '" + elsewhere.resolve("other.duckdb") + "' AS other",
        "SELECT getenv('HOME')",
        "SELECT * FROM glob('" + dataDir + "/*')",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "RESET lock_configuration");
    for (String attack : attacks) {
      assertRefused(attack);
    }
    assertThat(sql("COPY (SELECT 1) TO '" + keys + "'").err).contains("out of reach");
    try (var files = Files.list(elsewhere)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void ordinaryQueriesOverEventsViewsAndTitles_withJsonFunctions_stillWork() {
    Cli events = sql("SELECT user_id, json_extract_string(properties, '$.asset_id') AS asset, "
        + "properties->>'title' AS title FROM events");
    assertThat(events.exitCode).as(events.toString()).isZero();
    assertThat(events.out).isEqualTo("user_id,asset,title\nada,film-1,Metropolis\n".replace("\n", System.lineSeparator()));
    Cli views = sql("SELECT count(*) AS n, max(max_position) AS furthest FROM views");
    assertThat(views.exitCode).as(views.toString()).isZero();
    assertThat(views.out).startsWith("n,furthest");
    Cli titles = sql("SELECT asset_id, title, date_trunc('day', updated_at) IS NOT NULL AS dated FROM titles");
    assertThat(titles.exitCode).as(titles.toString()).isZero();
    assertThat(titles.out).contains("film-1,Metropolis,true");
  }
}
