package io.marquee.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consent as the collector records it, as the store reloads it, and what erasure leaves of both. */
class ConsentErasureIT {
  private static final List<String> USERS = List.of("cy", "dee", "eve", "fay");
  @TempDir Path dataDir;
  private TestNode node;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults());
    admin = node.node.apiKeys().create(Role.ADMIN, "test");
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private void post(String path, String body) throws Exception {
    assertThat(node.post(path, body, TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
  }

  private static String context(String preferences) {
    return "\"context\":{\"consent\":{\"categoryPreferences\":" + preferences + "}}";
  }

  private Map<String, Map<String, Boolean>> choices() {
    Map<String, Map<String, Boolean>> out = new LinkedHashMap<>();
    USERS.forEach(u -> out.put(u, node.node.consent().choices(u)));
    return out;
  }

  @Test
  void theRegistryAndTheStoreLoaderRecordTheSameChoices() throws Exception {
    post("/v1/track", "{\"event\":\"Consent Updated\",\"userId\":\"cy\",\"properties\":{\"categoryPreferences\":"
        + "{\"analytics\":false,\"marketing\":false,\"sharing\":true}}}");
    post("/v1/track", "{\"event\":\"Video Playback Started\",\"userId\":\"dee\"," + context("{\"analytics\":false}") + "}");
    post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"x\",\"userId\":\"eve\","
        + context("{\"marketing\":false,\"personalization\":\"yes\"}") + "},"
        + "{\"type\":\"page\",\"userId\":\"eve\",\"name\":\"Home\"," + context("{\"marketing\":true}") + "},"
        + "{\"type\":\"track\",\"event\":\"x\",\"anonymousId\":\"fay\"," + context("{\"data_sharing\":false}") + "}]}");
    node.awaitStore();
    Map<String, Map<String, Boolean>> live = choices();
    assertThat(live).containsEntry("cy", Map.of("analytics", false, "marketing", false))
        .containsEntry("dee", Map.of("analytics", false)).containsEntry("eve", Map.of("marketing", true))
        .containsEntry("fay", Map.of("data_sharing", false));
    node.close();
    node = TestNode.start(dataDir, Settings.defaults());
    assertThat(choices()).isEqualTo(live);
  }

  @Test
  void anErasedUsersLateEvent_doesNotRecreateConsent_beforeOrAfterARestart() throws Exception {
    post("/v1/track", "{\"event\":\"x\",\"userId\":\"fay\"," + context("{\"marketing\":false}") + "}");
    node.awaitStore();
    assertThat(node.call("DELETE", "/v1/privacy/users/fay", admin).statusCode()).isEqualTo(202);
    post("/v1/track", "{\"event\":\"x\",\"userId\":\"fay\"," + context("{\"personalization\":false}") + "}");
    post("/v1/track", "{\"event\":\"Consent Updated\",\"userId\":\"fay\",\"properties\":{\"categoryPreferences\":"
        + "{\"analytics\":false}}}");
    node.awaitStore();
    assertThat(node.node.consent().choices("fay")).isEmpty();
    node.close();
    node = TestNode.start(dataDir, Settings.defaults());
    assertThat(node.node.consent().choices("fay")).isEmpty();
  }

  @Test
  void erasure_leavesNoSessionOfTheUserInTheLoadersTables() throws Exception {
    post("/v1/track", "{\"event\":\"Video Content Started\",\"userId\":\"gus\",\"properties\":"
        + "{\"session_id\":\"gus-session-1\",\"asset_id\":\"film-1\",\"position\":0,\"total_length\":100}}");
    post("/v1/track", "{\"event\":\"Video Content Playing\",\"userId\":\"gus\",\"properties\":"
        + "{\"session_id\":\"gus-session-1\",\"asset_id\":\"film-1\",\"position\":10,\"total_length\":100}}");
    node.awaitStore();
    String held = "SELECT (SELECT count(*) FROM view_sessions WHERE session_id = 'gus-session-1')"
        + " + (SELECT count(*) FROM views WHERE session_id = 'gus-session-1')"
        + " + (SELECT count(*) FROM session_staging)";
    assertThat(count(held)).as("the session's state and view before the erasure").isEqualTo(2);

    assertThat(node.call("DELETE", "/v1/privacy/users/gus", admin).statusCode()).isEqualTo(202);

    assertThat(count(held)).isZero();
  }

  private long count(String sql) throws Exception {
    try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
