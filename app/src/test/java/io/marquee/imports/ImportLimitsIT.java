package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.config.Settings;
import io.marquee.testing.Cli;
import io.marquee.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field limits on the paths that need a node: partner CSV imports and titles derived from events. */
class ImportLimitsIT {
  @TempDir Path dataDir;
  @TempDir Path files;

  private static String play(String messageId, String assetId, String title, String genre) {
    return "{\"event\":\"Video Content Started\",\"userId\":\"ana\",\"messageId\":\"" + messageId + "\","
        + "\"properties\":{\"session_id\":\"s-" + messageId + "\",\"asset_id\":\"" + assetId + "\",\"title\":\""
        + title + "\",\"genre\":\"" + genre + "\",\"position\":0,\"total_length\":100}}";
  }

  private static List<String> column(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  @Test
  void titlesDerivedFromEvents_overAFieldLimit_areNotStored_whileTheEventsAre() throws Exception {
    try (TestNode node = TestNode.start(dataDir, Settings.defaults())) {
      for (String event : List.of(play("m1", "film-1", "Metropolis", "drama"),
          play("m2", "film-2", "t".repeat(1_001), "drama"),
          play("m3", "film-3", "Nosferatu", "g".repeat(65)))) {
        assertThat(node.post("/v1/track", event, TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
      }
      node.awaitStore();
      try (Connection c = node.node.store().readConnection()) {
        assertThat(column(c, "SELECT message_id FROM events ORDER BY log_pos")).containsExactly("m1", "m2", "m3");
        assertThat(column(c, "SELECT asset_id FROM titles")).containsExactly("film-1");
      }
    }
  }

  @Test
  void partnerCsv_refusesOverlongIdsValuesAndLines_withTheirLine() throws Exception {
    try (TestNode node = TestNode.start(dataDir, Settings.defaults())) {
      assertThat(node.post("/v1/track", "{\"event\":\"x\",\"userId\":\"ana\"}", TestNode.WRITE_KEY).statusCode())
          .isEqualTo(200);
      node.awaitStore();
    }
    Path csv = files.resolve("acme.csv");
    Files.writeString(csv, "user_id,segment\nana,gold\nana," + "v".repeat(1_001) + "\n" + "u".repeat(257)
        + ",gold\nana," + "x".repeat(2 << 20) + "\nana,silver\n");
    Cli imported = Cli.run("import", "partner", "--data-dir", dataDir.toString(), "--source", "acme", "--party",
        "second", "--match", "user_id", csv.toString());
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(imported.out)
        .contains("line 3: segment is 1,001 characters long; the limit is 1,000")
        .contains("line 4: user_id is 257 characters long; the limit is 256")
        .contains("line 5: the line has 2,097,156 characters; the limit is 1,048,576; it was skipped")
        .contains("2 attributes stored, 3 rejected");
  }
}
