package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.testing.TestNode;
import io.marquee.vault.CardNumbers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Card numbers in any field of a message, written in any form, are refused on every endpoint and
 * never reach the log or the store: the fields the streaming {@code /v1/batch} path used to let
 * through ({@code event}, ids, typed properties, {@code integrations}, numbers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardNumbersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STRING = "\"4111111111111111\"";
  private static final String GROUPED = "\"4111-1111-1111-1111\"";
  private static final String NUMBER = "4111111111111111";
  private static final String FLOAT = "4111111111111111.0";
  private static final String EXPONENT = "4.111111111111111e15";
  private Path dataDir;
  private TestNode node;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("card-numbers-it");
    node = TestNode.start(dataDir);
  }

  /** Each field with the forms of a card number it accepts as a value, and its single endpoint. */
  static Stream<Arguments> cases() {
    // every form in every field: the card rule comes first, whatever else is wrong with the message
    String[] any = {STRING, GROUPED, NUMBER, FLOAT, EXPONENT};
    String[] ids = any;
    String[] texts = any;
    String[] numbers = any;
    Object[][] fields = {
        {"track", "{\"type\":\"track\",\"event\":%s,\"userId\":\"u\"}", texts},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"userId\":%s}", ids},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"anonymousId\":%s}", ids},
        {"alias", "{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":%s}", ids},
        {"group", "{\"type\":\"group\",\"userId\":\"u\",\"groupId\":%s}", ids},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"messageId\":%s}", ids},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"session_id\":%s}}", ids},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"asset_id\":%s}}", ids},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"position\":%s}}", numbers},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"integrations\":{\"X\":{\"a\":[%s]}}}", any},
        {"track", "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"amount\":%s}}", any},
    };
    List<Arguments> out = new ArrayList<>();
    for (Object[] f : fields) {
      for (String form : (String[]) f[2]) {
        String message = String.format((String) f[1], form);
        out.add(Arguments.of("/v1/batch", "{\"batch\":[" + message + "]}"));
        out.add(Arguments.of("/v1/" + f[0], message));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void cardNumber_isRefused_onEveryEndpoint(String path, String body) throws Exception {
    HttpResponse<String> r = node.post(path, body, TestNode.WRITE_KEY);
    JsonNode answer = JSON.readTree(r.body());
    if (path.equals("/v1/batch")) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(answer.get("accepted").asInt()).as(r.body()).isZero();
      assertThat(answer.path("rejected").path(0).path("error").asText()).as(r.body()).isEqualTo(CardNumbers.REJECTION);
    } else {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(answer.get("error").asText()).as(r.body()).isEqualTo(CardNumbers.REJECTION);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cardNumber_isRefused_onFileImportsToo(String path, String body) throws Exception {
    JsonNode message = JSON.readTree(body);
    if (path.equals("/v1/batch")) {
      message = message.get("batch").get(0);
    }
    io.marquee.core.BatchResult r = node.node.collector().submit("import", List.of(message), null).get();
    assertThat(r.accepted()).isZero();
    assertThat(r.rejected().get(0).error()).isEqualTo(CardNumbers.REJECTION);
  }

  @org.junit.jupiter.api.Test
  void cardNumber_inTheBatchContext_refusesEveryMessage() throws Exception {
    HttpResponse<String> r = node.post("/v1/batch", "{\"context\":{\"note\":" + STRING + "},\"batch\":["
        + "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\"},{\"type\":\"page\",\"userId\":\"u\"}]}",
        TestNode.WRITE_KEY);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.get("accepted").asInt()).as(r.body()).isZero();
    assertThat(answer.get("rejected")).hasSize(2);
    assertThat(answer.get("rejected").get(1).get("error").asText()).isEqualTo(CardNumbers.REJECTION);
  }

  @AfterAll
  void nothingWasWritten() throws Exception {
    try {
      HttpResponse<String> ok = node.post("/v1/batch",
          "{\"batch\":[{\"type\":\"track\",\"event\":\"ok\",\"userId\":\"u\",\"messageId\":\"fine\"}]}",
          TestNode.WRITE_KEY);
      assertThat(ok.statusCode()).isEqualTo(200);
      node.awaitStore();
      try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT string_agg(message_id, ',') FROM events")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("fine");
      }
    } finally {
      node.close();
    }
    assertThat(io.marquee.testing.DataFiles.containing(dataDir, "111111111111", "1111-1111-1111")).isEmpty();
  }
}
