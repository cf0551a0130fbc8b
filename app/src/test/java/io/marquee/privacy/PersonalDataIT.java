package io.marquee.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
import io.marquee.vault.Pseudonyms;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data under common names, nested, or only shaped like an e-mail address is encrypted
 * before anything is written: no file under the data dir, no store row and no line of the server's
 * log holds it in plaintext, and only {@code include=pii} shows it. E-mail user ids become pseudonyms
 * that every user-id route accepts as the address.
 */
class PersonalDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAIL_ADDRESS = "ada-alt@example.net";
  private static final String MOBILE = "+44 7700 900123";
  private static final String DOB = "1815-12-10";
  private static final String SURNAME = "Lovelace-Byron";
  private static final String FULL_NAME = "Augusta Ada King";
  private static final String CONTACT_EMAIL = "contact-ada@example.net";
  private static final String CONTEXT_EMAIL = "context-ada@example.net";
  private static final String PROPERTIES_EMAIL = "props-ada@example.net";
  private static final String USER_EMAIL = "Ada.Lovelace@example.org";
  private static final String SINGLE_EMAIL = "single-ada@example.net";
  private static final String PAGE_EMAIL = "page-ada@example.net";
  private static final List<String> PLAINTEXT = List.of(EMAIL_ADDRESS, MOBILE, DOB, SURNAME, FULL_NAME,
      CONTACT_EMAIL, CONTEXT_EMAIL, PROPERTIES_EMAIL, USER_EMAIL, USER_EMAIL.toLowerCase(), SINGLE_EMAIL,
      PAGE_EMAIL);

  @TempDir Path dataDir;

  @Test
  void everyShape_isEncrypted_andNoFileOrLogLineHoldsItInPlaintext() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    System.setErr(new PrintStream(tee(originalErr, log), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(tee(originalOut, log), true, StandardCharsets.UTF_8));
    try (TestNode node = TestNode.start(dataDir, Settings.defaults(), MasterKey.generate())) {
      String admin = node.node.apiKeys().create(Role.ADMIN, "test");
      String analyst = node.node.apiKeys().create(Role.ANALYST, "test");
      String batch = "{\"batch\":["
          + "{\"type\":\"identify\",\"userId\":\"u-pd\",\"messageId\":\"i1\",\"traits\":{\"email_address\":\""
          + EMAIL_ADDRESS + "\",\"mobile\":\"" + MOBILE + "\",\"dob\":\"" + DOB + "\",\"surname\":\"" + SURNAME
          + "\",\"full_name\":\"" + FULL_NAME + "\",\"plan\":\"premium\",\"contact\":{\"email\":\"" + CONTACT_EMAIL
          + "\",\"preferred\":\"email\"}}},"
          + "{\"type\":\"track\",\"event\":\"Video Content Started\",\"userId\":\"u-pd\",\"messageId\":\"t1\","
          + "\"context\":{\"email\":\"" + CONTEXT_EMAIL + "\",\"library\":{\"name\":\"analytics.js\"}},"
          + "\"properties\":{\"asset_id\":\"film-1\",\"title\":\"Dune\",\"name\":\"Dune\","
          + "\"user\":{\"email\":\"" + PROPERTIES_EMAIL + "\"}}},"
          + "{\"type\":\"identify\",\"userId\":\"" + USER_EMAIL + "\",\"messageId\":\"i2\",\"traits\":{\"plan\":\"basic\"}}"
          + "]}";
      HttpResponse<String> r = node.post("/v1/batch", batch, TestNode.WRITE_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("accepted").asInt()).as(r.body()).isEqualTo(3);
      HttpResponse<String> page = node.post("/v1/page", "{\"userId\":\"u-pd\",\"name\":\"" + PAGE_EMAIL
          + "\",\"properties\":{\"name\":\"Home\"}}", TestNode.WRITE_KEY);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      HttpResponse<String> event = node.post("/v1/track", "{\"userId\":\"u-pd\",\"event\":\"" + PAGE_EMAIL + "\"}",
          TestNode.WRITE_KEY);
      assertThat(event.statusCode()).as(event.body()).isEqualTo(400);
      assertThat(event.body()).contains("event is an e-mail address");
      HttpResponse<String> key = node.post("/v1/track", "{\"userId\":\"u-pd\",\"event\":\"e\",\"properties\":{\""
          + PAGE_EMAIL + "\":true}}", TestNode.WRITE_KEY);
      assertThat(key.statusCode()).as(key.body()).isEqualTo(400);
      assertThat(key.body()).contains("a field name is an e-mail address").doesNotContain(PAGE_EMAIL);
      HttpResponse<String> single = node.post("/v1/track", "{\"event\":\"Signed Up\",\"userId\":\"u-pd\","
          + "\"properties\":{\"referrer\":\"" + SINGLE_EMAIL + "\"}}", TestNode.WRITE_KEY);
      assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
      node.awaitStore();

      HttpResponse<String> profile = node.call("GET", "/v1/profiles/u-pd", analyst);
      assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
      for (String value : PLAINTEXT) {
        assertThat(profile.body()).doesNotContain(value);
      }
      assertThat(JSON.readTree(profile.body()).get("personal_fields_held").asInt()).isEqualTo(6);
      JsonNode personal = JSON.readTree(node.call("GET", "/v1/profiles/u-pd?include=pii", admin).body())
          .get("personal");
      assertThat(personal.get("email").asText()).isEqualTo(EMAIL_ADDRESS);
      assertThat(personal.get("mobile").asText()).isEqualTo(MOBILE);
      assertThat(personal.get("birthday").asText()).isEqualTo(DOB);
      assertThat(personal.get("lastName").asText()).isEqualTo(SURNAME);
      assertThat(personal.get("name").asText()).isEqualTo(FULL_NAME);
      assertThat(personal.get("contact.email").asText()).isEqualTo(CONTACT_EMAIL);

      String pseudonym = Pseudonyms.userId(node.node.vault(), USER_EMAIL);
      assertThat(pseudonym).startsWith(Pseudonyms.PREFIX);
      HttpResponse<String> byAddress = node.call("GET", "/v1/profiles/" + USER_EMAIL.toLowerCase(), analyst);
      assertThat(byAddress.statusCode()).as(byAddress.body()).isEqualTo(200);
      assertThat(JSON.readTree(byAddress.body()).get("user_id").asText()).isEqualTo(pseudonym);
      assertThat(node.call("GET", "/v1/users/" + USER_EMAIL + "/consent", analyst).body()).contains(pseudonym);

      try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT concat_ws('|', user_id, anonymous_id, name, properties, "
              + "traits, context) FROM events")) {
        int n = 0;
        while (rows.next()) {
          n++;
          for (String value : PLAINTEXT) {
            assertThat(rows.getString(1)).doesNotContain(value);
          }
        }
        assertThat(n).isEqualTo(5);
      }
      try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT properties->>'$.name' FROM events WHERE message_id = 't1'")) {
        rows.next();
        assertThat(rows.getString(1)).as("a title's name is not personal").isEqualTo("Dune");
      }
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    assertThat(io.marquee.testing.DataFiles.containing(dataDir, PLAINTEXT.toArray(String[]::new))).isEmpty();
    String logText = log.toString(StandardCharsets.UTF_8);
    for (String value : PLAINTEXT) {
      assertThat(logText).as("server log").doesNotContain(value);
    }
  }

  @Test
  void emailUserId_withoutAMasterKey_isRefusedNamingWhy() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"e\","
          + "\"userId\":\"" + USER_EMAIL + "\"}]}", TestNode.WRITE_KEY);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("rejected").path(0).path("error").asText())
          .startsWith("userId is an e-mail address").contains("master key");
    }
  }

  private static OutputStream tee(OutputStream a, OutputStream b) {
    return new OutputStream() {
      @Override
      public void write(int c) throws java.io.IOException {
        a.write(c);
        b.write(c);
      }

      @Override
      public void write(byte[] buf, int off, int len) throws java.io.IOException {
        a.write(buf, off, len);
        b.write(buf, off, len);
      }
    };
  }
}
