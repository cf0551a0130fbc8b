package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules on one message end to end: clock skew corrected as Segment does with the client's value
 * kept, batch-level context merged, and the limits (non-finite numbers, duplicate keys, depth)
 * refused with their reason on the batch and the single endpoints alike, storing nothing.
 */
class MessageRulesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;
  private TestNode node;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dataDir);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private List<List<String>> query(String sql) throws Exception {
    return node.rows(sql);
  }

  @Test
  void clockSkew_isCorrectedWithSentAt_andTheClientsTimeIsKept() throws Exception {
    // the client's clock is a day behind: it says it sent the batch at 2020-01-02T00:00:10Z
    Instant before = Instant.now();
    HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":["
        + "{\"type\":\"track\",\"event\":\"fast\",\"userId\":\"u\",\"messageId\":\"batch-sent\","
        + "\"timestamp\":\"2020-01-02T00:00:00Z\"},"
        + "{\"type\":\"track\",\"event\":\"own\",\"userId\":\"u\",\"messageId\":\"own-sent\","
        + "\"timestamp\":\"2020-01-02T00:00:00Z\",\"sentAt\":\"2020-01-02T00:00:04Z\"},"
        + "{\"type\":\"identify\",\"userId\":\"u\",\"messageId\":\"tree\",\"traits\":{\"plan\":\"x\"},"
        + "\"timestamp\":\"2020-01-02T00:00:00Z\"},"
        + "{\"type\":\"track\",\"event\":\"none\",\"userId\":\"u\",\"messageId\":\"no-time\"}"
        + "],\"sentAt\":\"2020-01-02T00:00:10Z\"}", TestNode.WRITE_KEY);
    Instant after = Instant.now();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    HttpResponse<String> single = node.post("/v1/track", "{\"event\":\"single\",\"userId\":\"u\",\"messageId\":"
        + "\"single\",\"timestamp\":\"2020-01-02T00:00:00Z\",\"sentAt\":\"2020-01-02T00:00:02Z\"}", TestNode.WRITE_KEY);
    assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
    Instant afterSingle = Instant.now();
    List<List<String>> rows = query("SELECT message_id, strftime(timestamp, '%Y-%m-%dT%H:%M:%S.%fZ'), "
        + "strftime(original_timestamp, '%Y-%m-%dT%H:%M:%S.%fZ') FROM events ORDER BY message_id");
    assertThat(rows).extracting(row -> row.get(0)).containsExactly("batch-sent", "no-time", "own-sent", "single", "tree");
    for (List<String> row : rows) {
      Duration delay = switch (row.get(0)) {
        case "batch-sent", "tree" -> Duration.ofSeconds(10);
        case "own-sent" -> Duration.ofSeconds(4);
        case "single" -> Duration.ofSeconds(2);
        default -> Duration.ZERO;
      };
      Instant logged = Instant.parse(row.get(1));
      Instant latest = row.get(0).equals("single") ? afterSingle : after;
      assertThat(logged).as(row.toString())
          .isBetween(before.minus(delay).minusMillis(1), latest.minus(delay).plusMillis(1));
      if (row.get(0).equals("no-time")) {
        assertThat(row.get(2)).isNull();
      } else {
        assertThat(row.get(2)).isEqualTo("2020-01-02T00:00:00.000000Z");
      }
    }
  }

  @Test
  void fileImports_areNotCorrected() throws Exception {
    io.marquee.core.BatchResult r = node.node.collector().submit("import", List.of(JSON.readTree(
        "{\"type\":\"track\",\"event\":\"old\",\"userId\":\"u\",\"messageId\":\"imp\","
            + "\"timestamp\":\"2020-01-02T00:00:00Z\",\"sentAt\":\"2020-01-02T00:00:10Z\"}")), null).get();
    assertThat(r.rejected()).isEmpty();
    assertThat(query("SELECT strftime(timestamp, '%Y-%m-%dT%H:%M:%SZ') FROM events"))
        .containsExactly(List.of("2020-01-02T00:00:00Z"));
  }

  @Test
  void batchContext_isMergedUnderEachMessagesOwn() throws Exception {
    HttpResponse<String> r = node.post("/v1/batch", "{\"context\":{\"library\":{\"name\":\"analytics-java\"},"
        + "\"locale\":\"en-GB\"},\"batch\":["
        + "{\"type\":\"track\",\"event\":\"a\",\"userId\":\"u\",\"messageId\":\"m1\"},"
        + "{\"type\":\"track\",\"event\":\"b\",\"userId\":\"u\",\"messageId\":\"m2\",\"context\":{\"locale\":\"fr-FR\"}}"
        + "]}", TestNode.WRITE_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(query("SELECT message_id, context->>'$.library.name', context->>'$.locale' FROM events ORDER BY 1"))
        .containsExactly(List.of("m1", "analytics-java", "en-GB"), List.of("m2", "analytics-java", "fr-FR"));
  }

  static List<String> limits() {
    return List.of(
        "\"properties\":{\"position\":1e400}|non-finite number at properties.position",
        "\"properties\":{\"position\":-1e999}|non-finite number at properties.position",
        "\"userId\":null|duplicate key 'userId'",
        "\"properties\":" + "{\"a\":".repeat(34) + "1" + "}".repeat(34) + "|message nests deeper than 32 levels");
  }

  @ParameterizedTest
  @MethodSource("limits")
  void limit_isRefusedWithItsReason_onBatchAndSingleEndpoints(String spec) throws Exception {
    String[] parts = spec.split("\\|");
    String message = "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\"," + parts[0] + "}";
    HttpResponse<String> batch = node.post("/v1/batch", "{\"batch\":[" + message + "]}", TestNode.WRITE_KEY);
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(batch.body());
    assertThat(answer.get("accepted").asInt()).isZero();
    assertThat(answer.path("rejected").path(0).path("error").asText()).contains(parts[1]);
    HttpResponse<String> single = node.post("/v1/track", message, TestNode.WRITE_KEY);
    assertThat(single.statusCode()).as(single.body()).isEqualTo(400);
    assertThat(single.body()).contains(parts[1]);
    assertThat(query("SELECT count(*) FROM events")).containsExactly(List.of("0"));
  }
}
