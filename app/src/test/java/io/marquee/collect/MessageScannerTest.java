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

  private static String treeVerdict(String json) throws Exception {
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
            + "\"session_id\":\"s\",\"extra\":{\"nested\":[1,2,{\"x\":null}]}},\"context\":{\"ip\":\"1.2.3.4\"}}");
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
