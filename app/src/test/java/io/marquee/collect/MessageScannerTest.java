package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming scanner must judge every message exactly as the tree validator does. */
class MessageScannerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  private static MessageScanner.Scan scan(String json) throws Exception {
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      return MessageScanner.scan(p, NOW);
    }
  }

  private static io.marquee.core.Reason treeVerdict(String json) throws Exception {
    return MessageValidator.validate(JSON.readTree(json), null, NOW);
  }

  static Stream<String> messages() {
    return Stream.of(
        "[1,2]", "42", "{}",
        "{\"userId\":\"u\"}",
        "{\"type\":7,\"userId\":\"u\"}",
        "{\"type\":\"click\",\"userId\":\"u\"}",
        "{\"type\":\"track\",\"event\":\"x\"}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":{}}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"\",\"anonymousId\":\"a\"}",
        "{\"type\":\"track\",\"userId\":\"u\"}",
        "{\"type\":\"track\",\"event\":\"\",\"userId\":\"u\"}",
        "{\"type\":\"track\",\"event\":5,\"userId\":\"u\"}",
        "{\"type\":\"alias\",\"userId\":\"u\"}",
        "{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"p\"}",
        "{\"type\":\"group\",\"userId\":\"u\"}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":[]}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":{\"position\":\"ten\"}}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":{\"position\":true}}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":{\"session_id\":[1]}}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"timestamp\":\"yesterday\"}",
        "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"timestamp\":5}",
        "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":\"x\"}",
        "{\"type\":\"identify\",\"userId\":42,\"messageId\":7,\"traits\":{\"a\":1}}",
        "{\"type\":\"page\",\"anonymousId\":\"a\",\"timestamp\":\"2026-10-01T12:00:00+02:00\"}",
        "{\"type\":\"track\",\"event\":\"Video Content Playing\",\"userId\":\"u\",\"messageId\":\"m\","
            + "\"timestamp\":\"2026-10-01T12:00:00.123Z\",\"properties\":{\"position\":10,\"total_length\":60.5,"
            + "\"session_id\":\"s\",\"extra\":{\"nested\":[1,2,{\"x\":null}]}},\"context\":{\"ip\":\"1.2.3.4\"}}",
        TRACK + "\"properties\":{\"position\":1e400}}",
        "{\"type\":\"identify\",\"userId\":\"u\\ud800\",\"traits\":{\"age\":3}}",
        TRACK + "\"properties\":{\"k\\udc00\":\"ok \\ud83c\\udfac\"}}",
        TRACK + "\"properties\":{\"list\":[1,{\"deep\":-1e999}]}}",
        TRACK + "\"integrations\":{\"x\":1" + "0".repeat(400) + "}}",
        TRACK + "\"properties\":" + nested(40) + "}",
        TRACK + "\"properties\":" + nested(31) + "}",
        TRACK + "\"properties\":{\"many\":[" + "1,".repeat(5_000) + "1]}}",
        TRACK + "\"sentAt\":\"later\"}",
        TRACK + "\"sentAt\":7}",
        TRACK + "\"timestamp\":\"+999999999-01-01T00:00:00Z\"}",
        TRACK + "\"timestamp\":\"2026-10-01T12:00:00Z\",\"sentAt\":\"2026-10-01T12:00:05Z\"}");
  }

  private static final String TRACK = "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",";

  private static String nested(int levels) {
    return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
  }

  @ParameterizedTest
  @MethodSource("messages")
  void scannerAndValidator_agree(String json) throws Exception {
    assertThat(scan(json).error).isEqualTo(treeVerdict(json));
  }

  @Test
  void validMessage_yieldsTheHeaderFields() throws Exception {
    MessageScanner.Scan s = scan("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"messageId\":\"m-1\","
        + "\"timestamp\":\"2026-10-01T12:00:00.5Z\"}");
    assertThat(s.error).isNull();
    assertThat(s.type).isEqualTo("track");
    assertThat(s.messageId).isEqualTo("m-1");
    assertThat(s.timestamp).isEqualTo(Instant.parse("2026-10-01T12:00:00.5Z"));
    assertThat(scan("{\"type\":\"page\",\"anonymousId\":\"a\"}").timestamp).isEqualTo(NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"userId\":\"x\",\"userId\":null", "\"properties\":{\"a\":1,\"b\":2,\"a\":3}",
      "\"context\":{\"traits\":{\"x\":1,\"x\":1}}"})
  void duplicateKey_isRefusedNamingTheKey(String fields) throws Exception {
    MessageScanner.Scan s = scan("{\"type\":\"track\",\"event\":\"e\",\"anonymousId\":\"a\"," + fields + "}");
    assertThat(s.error.code()).isEqualTo(io.marquee.core.RejectionCode.DUPLICATE_KEY);
    assertThat(s.error.message()).startsWith("duplicate key '").contains("' at ");
  }

  @Test
  void limits_nameWhatWasExceeded() throws Exception {
    assertThat(scan(TRACK + "\"properties\":{\"position\":1e400}}").error.message())
        .isEqualTo("non-finite number at properties.position: numbers must fit a double");
    assertThat(scan(TRACK + "\"properties\":" + nested(40) + "}").error.message())
        .startsWith("message nests deeper than 32 levels");
    assertThat(scan("{\"type\":\"identify\",\"userId\":\"u\\ud800\",\"traits\":{}}").error.code())
        .isEqualTo(io.marquee.core.RejectionCode.INVALID_UNICODE);
    assertThat(scan(TRACK + "\"properties\":{\"title\":\"clap \\ud83c\\udfac\"}}").error).isNull();
    assertThat(scan(TRACK + "\"properties\":{\"many\":[" + "1,".repeat(5_000) + "1]}}").error.message())
        .isEqualTo("message has more than 5000 values; the limit is 5000");
  }

  /** Every field the streaming path used to skip, with a card number in each way it can be written. */
  static Stream<org.junit.jupiter.params.provider.Arguments> cardNumbers() {
    String[] forms = {"\"4111111111111111\"", "4111111111111111", "4111111111111111.0", "4.111111111111111e15",
        "\"4111 1111 1111 1111\""};
    String[] templates = {
        "{\"type\":\"track\",\"event\":%s,\"userId\":\"u\"}",
        "{\"type\":\"track\",\"event\":\"e\",\"userId\":%s}",
        "{\"type\":\"track\",\"event\":\"e\",\"anonymousId\":%s}",
        "{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":%s}",
        "{\"type\":\"group\",\"userId\":\"u\",\"groupId\":%s}",
        "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"messageId\":%s}",
        "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"session_id\":%s}}",
        "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"asset_id\":%s}}",
        "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"position\":%s}}",
        "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"integrations\":{\"x\":{\"y\":[%s]}}}",
        "{\"type\":\"page\",\"userId\":\"u\",\"name\":%s}",
        "{\"type\":\"page\",\"userId\":\"u\",\"unknownTopLevel\":%s}"};
    List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
    for (String t : templates) {
      for (String f : forms) {
        out.add(org.junit.jupiter.params.provider.Arguments.of(String.format(t, f)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cardNumbers")
  void cardNumberInAnyField_neverTakesTheUncheckedFastPath(String json) throws Exception {
    MessageScanner.Scan s = scan(json);
    assertThat(s.needsTree || s.error != null).as(json).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"context\":{\"email\":\"ada@example.com\"}}",
      "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"user\":{\"name\":\"Ada\"}}}",
      "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"mobile\":\"555\"}}",
      "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"note\":\"ada@example.com\"}}",
      "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"ada@example.com\"}",
      "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"integrations\":{\"x\":{\"dob\":\"1990-01-01\"}}}"})
  void personalDataAnywhere_sendsTheMessageDownTheTreePath(String json) throws Exception {
    MessageScanner.Scan s = scan(json);
    assertThat(s.error).isNull();
    assertThat(s.needsTree).isTrue();
  }

  @Test
  void ordinaryPlaybackEvent_staysOnTheFastPath() throws Exception {
    assertThat(scan("{\"type\":\"track\",\"event\":\"Video Content Playing\",\"userId\":\"u-1234567\","
        + "\"messageId\":\"0b7e5c4e-4762-9038-6457-93a1b2c3d4e5\",\"timestamp\":\"2026-10-01T12:00:00.123Z\","
        + "\"properties\":{\"position\":1735.5,\"total_length\":5400,\"session_id\":\"s-99\","
        + "\"asset_id\":\"film-42\",\"title\":\"Dune\",\"name\":\"Dune\",\"artist\":{\"name\":\"X\"}},"
        + "\"context\":{\"library\":{\"name\":\"analytics.js\",\"version\":\"4.1.0\"},"
        + "\"timezone\":\"Europe/Paris\"}}").needsTree).isFalse();
  }

  @Test
  void sentAt_correctsTheClientsClockSkew_asTheValidatorDoes() throws Exception {
    String json = TRACK + "\"timestamp\":\"2026-10-01T12:00:00Z\",\"sentAt\":\"2026-10-01T12:00:05Z\"}";
    MessageScanner.Scan s = scan(json);
    assertThat(s.clientTime).isEqualTo(Instant.parse("2026-10-01T12:00:00Z"));
    assertThat(s.timestamp).isEqualTo(NOW.minusSeconds(5));
    Instant[] times = new Instant[2];
    assertThat(MessageValidator.validate(JSON.readTree(json), null, NOW, null, true, times)).isNull();
    assertThat(times[0]).isEqualTo(s.timestamp);
    assertThat(times[1]).isEqualTo(s.clientTime);
  }

  @Test
  void writeKeyInAMessage_sendsItDownTheTreePathToBeStripped() throws Exception {
    assertThat(scan("{\"type\":\"page\",\"anonymousId\":\"a\",\"writeKey\":\"secret\"}").needsTree).isTrue();
  }

  /** Random mutations of valid messages: field types swapped, fields dropped. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomMutations_getTheSameVerdict(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    String[] fields = {"type", "event", "userId", "anonymousId", "messageId", "previousId", "timestamp",
        "originalTimestamp", "properties", "traits", "context"};
    String[] values = {"\"track\"", "\"identify\"", "\"alias\"", "\"x\"", "\"\"", "7", "1.5", "true", "null",
        "{}", "[]", "{\"position\":\"p\"}", "{\"total_length\":3}", "\"2026-01-01T00:00:00Z\"", "\"nope\""};
    for (int round = 0; round < 400; round++) {
      List<String> parts = new ArrayList<>();
      for (String f : fields) {
        if (random.nextInt(3) > 0) {
          parts.add("\"" + f + "\":" + values[random.nextInt(values.length)]);
        }
      }
      String json = "{" + String.join(",", parts) + "}";
      assertThat(scan(json).error).as(json).isEqualTo(treeVerdict(json));
    }
  }
}
