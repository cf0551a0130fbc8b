package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.TestNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code profiles} table: kept current from identify traits, rebuilt identically, erased with the user. */
class ProfilesProjectionIT {
  private static final String COLUMNS = "user_id, age, age_observed_at, age_bracket, gender, country, "
      + "interests, first_seen, last_seen, events, traits, sealed_fields";

  @TempDir Path dataDir;

  private static void post(TestNode node, String... messages) throws Exception {
    assertThat(node.post("/v1/batch", "{\"batch\":[" + String.join(",", messages) + "]}", TestNode.WRITE_KEY)
        .statusCode()).isEqualTo(200);
    node.awaitStore();
  }

  private static String row(TestNode node, String userId) throws Exception {
    try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM profiles WHERE user_id = '" + userId + "'")) {
      if (!r.next()) {
        return null;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 1; i <= 12; i++) {
        out.append(r.getString(i)).append(i < 12 ? " | " : "");
      }
      return out.toString();
    }
  }

  @Test
  void identifyTraits_keepTheLatestByEventTime_inOneBracketVocabulary_andARebuildGivesTheSameRow() throws Exception {
    String expected;
    try (TestNode node = TestNode.start(dataDir)) {
      post(node, "{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":\"i1\",\"timestamp\":\"2026-10-02T10:00:00Z\","
          + "\"traits\":{\"age\":30,\"gender\":\" Female\",\"country\":\"fr\",\"interests\":[\"Drama\",\"sci-fi\"],"
          + "\"plan\":\"basic\"}}");
      post(node, "{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":\"i0\",\"timestamp\":\"2026-10-01T10:00:00Z\","
          + "\"traits\":{\"plan\":\"premium\",\"age\":12}}",
          "{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",\"messageId\":\"t1\","
          + "\"timestamp\":\"2026-10-03T10:00:00Z\"}",
          "{\"type\":\"track\",\"event\":\"Clicked\",\"anonymousId\":\"a1\",\"messageId\":\"t2\","
          + "\"timestamp\":\"2026-10-03T11:00:00Z\"}");
      expected = row(node, "u1");
      assertThat(expected).isEqualTo("u1 | 30 | 2026-10-02 10:00:00.0 | 25-34 | female | FR | [drama, sci-fi]"
          + " | 2026-10-01 10:00:00.0 | 2026-10-03 10:00:00.0 | 3"
          + " | {\"age\":{\"value\":30,\"observed_at\":\"2026-10-02 10:00:00.0\"},"
          + "\"country\":{\"value\":\"fr\",\"observed_at\":\"2026-10-02 10:00:00.0\"},"
          + "\"gender\":{\"value\":\" Female\",\"observed_at\":\"2026-10-02 10:00:00.0\"},"
          + "\"interests\":{\"value\":[\"Drama\",\"sci-fi\"],\"observed_at\":\"2026-10-02 10:00:00.0\"},"
          + "\"plan\":{\"value\":\"basic\",\"observed_at\":\"2026-10-02 10:00:00.0\"}} | []");
      assertThat(row(node, "a1")).as("anonymous activity makes no profile").isNull();
      node.node.store().write(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("DELETE FROM marquee_meta WHERE key = 'projection.profiles'");
          s.execute("DELETE FROM profiles");
        }
        return null;
      });
    }
    try (TestNode node = TestNode.start(dataDir)) {
      assertThat(row(node, "u1")).as("rebuilt from the events table").isEqualTo(expected);
      node.node.store().erase(List.of("u1"));
      assertThat(row(node, "u1")).as("erased").isNull();
    }
  }

  @Test
  void personalTraits_areNamedInSealedFields_butNeitherTheirValueNorTheirCiphertextIsStored() throws Exception {
    try (TestNode node = TestNode.start(dataDir, io.marquee.config.Settings.defaults(),
        io.marquee.vault.MasterKey.generate())) {
      post(node, "{\"type\":\"identify\",\"userId\":\"u2\",\"messageId\":\"i2\","
          + "\"timestamp\":\"2026-10-02T10:00:00Z\",\"traits\":{\"age\":70,\"email\":\"ana@example.org\","
          + "\"contact\":{\"email\":\"work@example.org\",\"preferred\":\"email\"}}}");
      String row = row(node, "u2");
      assertThat(row).contains("| 65+ |").contains("| [contact.email, email]")
          .doesNotContain("example.org").doesNotContain("_vault");
      try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT traits FROM events WHERE user_id = 'u2'")) {
        r.next();
        assertThat(r.getString(1)).as("the ciphertext the vault sealed").contains("_vault");
      }
    }
  }
}
