package io.marquee.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.audit.AuditLog;
import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Personal data end to end: encrypted before it is written, readable only by admins, erasable. */
class PrivacyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAIL = "ada.lovelace@example.org";
  private static final String PHONE = "+44 20 7946 0958";
  private static final String LAST_NAME = "Lovelace";
  private static final String STREET = "12 Analytical Row";
  private static final String IP = "203.0.113.77";
  private static final String CARD = "4111 1111 1111 1111";

  @TempDir Path dataDir;
  private TestNode node;
  private String admin;
  private String analyst;
  private final MasterKey master = MasterKey.generate();

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults(), master);
    admin = node.node.apiKeys().create(Role.ADMIN, "test");
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private void sendPersonalData() throws Exception {
    String identify = "{\"type\":\"identify\",\"userId\":\"ada\",\"anonymousId\":\"anon-ada\",\"messageId\":\"i1\","
        + "\"traits\":{\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\",\"firstName\":\"Ada\","
        + "\"lastName\":\"" + LAST_NAME + "\",\"birthday\":\"1990-12-10\",\"plan\":\"premium\","
        + "\"address\":{\"street\":\"" + STREET + "\",\"postalCode\":\"SW1A 1AA\",\"country\":\"GB\"},"
        + "\"payment\":{\"token\":\"tok_123\",\"brand\":\"visa\",\"last4\":\"1111\"}},"
        + "\"context\":{\"ip\":\"" + IP + "\"}}";
    String track = "{\"type\":\"track\",\"event\":\"Video Content Started\",\"userId\":\"ada\",\"messageId\":\"t1\","
        + "\"properties\":{\"session_id\":\"s1\",\"asset_id\":\"film-1\",\"position\":0,\"total_length\":100},"
        + "\"context\":{\"traits\":{\"email\":\"" + EMAIL + "\"}}}";
    HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[" + identify + "," + track + "]}", TestNode.WRITE_KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("accepted").asInt()).as(r.body()).isEqualTo(2);
    node.awaitStore();
  }

  private static List<String> filesContaining(Path dir, String... needles) throws Exception {
    return io.marquee.testing.DataFiles.containing(dir, needles);
  }

  @Test
  void noPlaintextPersonalDataAnywhereUnderTheDataDir() throws Exception {
    sendPersonalData();
    node.close();
    node = TestNode.start(dataDir, Settings.defaults(), master);
    assertThat(filesContaining(dataDir, EMAIL, PHONE, LAST_NAME, STREET, IP, "SW1A 1AA")).isEmpty();
  }

  @Test
  void cardNumbers_areRejected_andNeverWritten() throws Exception {
    HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"Order Completed\","
        + "\"userId\":\"ada\",\"properties\":{\"card_number\":\"" + CARD + "\"}},"
        + "{\"type\":\"identify\",\"userId\":\"bob\",\"traits\":{\"payment\":{\"cvv\":\"123\"}}}]}", TestNode.WRITE_KEY);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("accepted").asInt()).isZero();
    assertThat(body.get("rejected")).hasSize(2);
    assertThat(body.get("rejected").get(0).get("error").asText()).isEqualTo("card numbers must be tokenized");
    assertThat(body.get("rejected").get(1).get("error").asText()).isEqualTo("card numbers must be tokenized");
    node.awaitStore();
    assertThat(filesContaining(dataDir, CARD, "4111111111111111")).isEmpty();
  }

  @Test
  void profiles_needAnAnalystKey_andPersonalDataNeedsAdmin() throws Exception {
    sendPersonalData();
    assertThat(node.call("GET", "/v1/profiles/ada", null).statusCode()).isEqualTo(401);
    assertThat(node.call("GET", "/v1/profiles/ada", "not-a-key").statusCode()).isEqualTo(401);
    HttpResponse<String> plain = node.call("GET", "/v1/profiles/ada", analyst);
    assertThat(plain.statusCode()).isEqualTo(200);
    JsonNode profile = JSON.readTree(plain.body());
    assertThat(profile.at("/attributes/plan/value").asText()).isEqualTo("premium");
    assertThat(profile.at("/attributes/plan/source").asText()).isEqualTo("self_reported");
    assertThat(profile.at("/attributes/age_bracket/value").asText()).isEqualTo("35-44");
    assertThat(plain.body()).doesNotContain(EMAIL).doesNotContain(LAST_NAME);
    assertThat(node.call("GET", "/v1/profiles/ada?include=pii", analyst).statusCode()).isEqualTo(403);
    HttpResponse<String> pii = node.call("GET", "/v1/profiles/ada?include=pii", admin);
    assertThat(pii.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(pii.body()).at("/personal/email").asText()).isEqualTo(EMAIL);
    assertThat(JSON.readTree(pii.body()).at("/personal/address/street").asText()).isEqualTo(STREET);
    assertThat(node.call("GET", "/v1/profiles/nobody", analyst).statusCode()).isEqualTo(404);
    assertThat(node.call("GET", "/v1/privacy/users/ada/export", analyst).statusCode()).isEqualTo(403);
    assertThat(node.call("DELETE", "/v1/privacy/users/ada", analyst).statusCode()).isEqualTo(403);
    assertThat(AuditLog.verify(dataDir).ok()).isTrue();
  }

  @Test
  void export_holdsEverything_andErasureLeavesNoRowNamingTheUser() throws Exception {
    sendPersonalData();
    HttpResponse<String> export = node.call("GET", "/v1/privacy/users/ada/export", admin);
    assertThat(export.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(export.body());
    assertThat(doc.at("/profile/personal/phone").asText()).isEqualTo(PHONE);
    assertThat(doc.get("events")).hasSize(2);
    assertThat(doc.get("views")).hasSize(1);

    HttpResponse<String> erased = node.call("DELETE", "/v1/privacy/users/ada", admin);
    assertThat(erased.statusCode()).isEqualTo(202);
    String request = JSON.readTree(erased.body()).get("request_id").asText();
    assertThat(JSON.readTree(node.call("GET", "/v1/privacy/requests/" + request, admin).body())
        .get("status").asText()).isEqualTo("completed");

    // later events for the erased user are acknowledged and dropped
    assertThat(node.post("/v1/track", "{\"event\":\"Video Playback Started\",\"userId\":\"ada\"}", TestNode.WRITE_KEY)
        .statusCode()).isEqualTo(200);
    node.awaitStore();
    try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM events WHERE user_id IN ('ada','anon-ada') "
            + "OR anonymous_id IN ('ada','anon-ada')) + (SELECT count(*) FROM views WHERE user_id = 'ada')")) {
      r.next();
      assertThat(r.getLong(1)).isZero();
    }
    assertThat(node.call("GET", "/v1/profiles/ada", analyst).statusCode()).isEqualTo(404);
    assertThat(node.get("/metrics").body()).contains("marquee_events_dropped_total{reason=\"erased\"} 1");
    assertThat(AuditLog.verify(dataDir).ok()).isTrue();
  }

  @Test
  void withoutAMasterKey_personalDataIsRefusedNotStoredInTheClear() throws Exception {
    node.close();
    node = TestNode.start(dataDir);
    HttpResponse<String> r = node.post("/v1/identify", "{\"userId\":\"eve\",\"traits\":{\"email\":\"eve@example.org\"}}",
        TestNode.WRITE_KEY);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("no master key");
  }

  private HttpResponse<String> putConsent(String userId, String body, String key) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(node.url("/v1/users/" + userId + "/consent")))
        .header("Authorization", "Bearer " + key)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long storedEvents(String userId) throws Exception {
    node.awaitStore();
    try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM events WHERE user_id = '" + userId
            + "' AND event <> 'Consent Updated'")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void withoutAnalyticsConsent_eventsAreAcknowledgedButNotStored() throws Exception {
    String writer = node.node.apiKeys().create(Role.WRITE, "test");
    assertThat(putConsent("cy", "{\"analytics\":false,\"marketing\":false}", writer).statusCode()).isEqualTo(200);
    assertThat(putConsent("cy", "{\"sharing\":false}", writer).body()).contains("unknown consent category 'sharing'");
    assertThat(putConsent("cy", "{\"analytics\":false}", analyst).statusCode()).isEqualTo(403);
    assertThat(node.post("/v1/track", "{\"event\":\"Video Playback Started\",\"userId\":\"cy\"}",
        TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    assertThat(storedEvents("cy")).isZero();
    // Segment's consent context works the same, per event
    node.post("/v1/track", "{\"event\":\"x\",\"userId\":\"dee\",\"context\":{\"consent\":{\"categoryPreferences\":"
        + "{\"analytics\":false}}}}", TestNode.WRITE_KEY);
    assertThat(storedEvents("dee")).isZero();
    assertThat(putConsent("cy", "{\"analytics\":true}", writer).statusCode()).isEqualTo(200);
    node.post("/v1/track", "{\"event\":\"Video Playback Started\",\"userId\":\"cy\"}", TestNode.WRITE_KEY);
    assertThat(storedEvents("cy")).isEqualTo(1);
    JsonNode consent = JSON.readTree(node.call("GET", "/v1/users/cy/consent", analyst).body());
    assertThat(consent.at("/consent/analytics").asBoolean()).isTrue();
    assertThat(consent.at("/consent/marketing").asBoolean()).isFalse();
    assertThat(consent.get("history")).hasSize(2);
  }

  @Test
  void masterKey_rotatesOnlineWithoutStoppingTheServer(@TempDir Path keys) throws Exception {
    sendPersonalData();
    Path next = keys.resolve("next.key");
    assertThat(io.marquee.testing.Cli.run("keys", "init-master", "--out", next.toString()).exitCode).isZero();
    io.marquee.testing.Cli rotated = io.marquee.testing.Cli.run("keys", "rotate-master", "--url", node.url(""),
        "--api-key", admin, "--new-master-key-file", next.toString());
    assertThat(rotated.exitCode).as(rotated.toString()).isZero();
    assertThat(rotated.out).contains("\"rewrapped\":1");
    HttpResponse<String> pii = node.call("GET", "/v1/profiles/ada?include=pii", admin);
    assertThat(JSON.readTree(pii.body()).at("/personal/email").asText()).isEqualTo(EMAIL);
    node.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestNode.start(dataDir, Settings.defaults(), master))
        .hasMessageContaining("not by the given master key");
    node = TestNode.start(dataDir, Settings.defaults(), MasterKey.load(next));
    String admin2 = node.node.apiKeys().create(Role.ADMIN, "test");
    pii = node.call("GET", "/v1/profiles/ada?include=pii", admin2);
    assertThat(JSON.readTree(pii.body()).at("/personal/phone").asText()).isEqualTo(PHONE);
    assertThat(AuditLog.verify(dataDir).ok()).isTrue();
  }
}
