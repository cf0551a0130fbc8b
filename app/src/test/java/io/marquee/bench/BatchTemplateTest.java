package io.marquee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 50;

  private final Heartbeats heartbeats =
      new Heartbeats(42, "testrun1", BATCH, Heartbeats.FIXED_BASE_MILLIS);

  @Test
  void patchedBatchesAreValidJsonWithDistinctMessageIds() throws Exception {
    BatchTemplate template = new BatchTemplate(heartbeats, BATCH, "127.0.0.1:9", "/v1/batch", "k");
    byte[] request = template.newRequest();
    Set<String> ids = new HashSet<>();
    Set<String> bodies = new HashSet<>();
    for (long b : new long[] {0, 1, 2, 7, 1_999, 123_456_789}) {
      template.patch(request, b);
      JsonNode batch = body(template, request).get("batch");
      assertThat(batch.size()).isEqualTo(BATCH);
      for (JsonNode m : batch) {
        assertThat(m.get("type").asText()).isEqualTo("track");
        assertThat(m.get("event").asText()).isEqualTo("Video Content Playing");
        assertThat(m.get("userId").asText()).startsWith("user-");
        assertThat(m.get("context").get("library").get("name").asText()).isEqualTo("marquee-bench");
        JsonNode p = m.get("properties");
        assertThat(p.get("position").isInt()).isTrue();
        assertThat(p.get("position").asInt()).isBetween(0, p.get("total_length").asInt() - 1);
        assertThat(p.get("media_type").asText()).isIn("video", "audio");
        assertThat(p.get("session_id").asText()).hasSize(17);
        assertThat(p.get("asset_id").asText()).startsWith("asset-");
        assertThat(ids.add(m.get("messageId").asText())).as("messageId unique").isTrue();
        assertThat(bodies.add(m.toString())).as("event distinct").isTrue();
      }
    }
    assertThat(ids).hasSize(6 * BATCH);
  }

  @Test
  void noBenchEventLooksLikeCardData_soTheCollectorAcceptsEveryOne() throws Exception {
    Heartbeats many = new Heartbeats(42, "testrun1", 20_000, Heartbeats.FIXED_BASE_MILLIS);
    for (long n = 0; n < 20_000; n++) {
      StringBuilder one = new StringBuilder();
      many.appendJson(one, n);
      assertThat(io.marquee.vault.CardNumbers.containsCardData(JSON.readTree(one.toString())))
          .as("event %d: %s", n, one).isFalse();
    }
  }

  @Test
  void runIdsEndInALetter_soNoMessageIdRunsDigitsIntoItsNumber() {
    for (long seed = 0; seed < 2_000; seed++) {
      String id = Heartbeats.runIdFromSeed(seed);
      assertThat(Character.isLetter(id.charAt(id.length() - 1))).as(id).isTrue();
    }
  }

  @Test
  void patchedBatchHoldsExactlyTheEventsThatHeartbeatsRender() throws Exception {
    BatchTemplate template = new BatchTemplate(heartbeats, BATCH, "127.0.0.1:9", "/v1/batch", "k");
    byte[] request = template.newRequest();
    long b = 314;
    template.patch(request, b);
    JsonNode batch = body(template, request).get("batch");
    for (int i = 0; i < BATCH; i++) {
      StringBuilder one = new StringBuilder();
      heartbeats.appendJson(one, b * BATCH + i);
      assertThat(batch.get(i)).isEqualTo(JSON.readTree(one.toString()));
    }
    assertThat(batch.get(0).get("messageId").asText()).isEqualTo("testrun1-000000015700");
    assertThat(batch.get(1).get("timestamp").asText()).isEqualTo("2025-01-01T00:52:20.200Z");
  }

  @Test
  void shorterLastBatchContinuesTheNumbering() throws Exception {
    BatchTemplate last = new BatchTemplate(heartbeats, 7, "127.0.0.1:9", "/v1/batch", "k");
    byte[] request = last.newRequest();
    last.patch(request, 3);
    JsonNode batch = body(last, request).get("batch");
    assertThat(batch.size()).isEqualTo(7);
    assertThat(batch.get(0).get("messageId").asText()).isEqualTo("testrun1-000000000150");
    assertThat(batch.get(6).get("messageId").asText()).isEqualTo("testrun1-000000000156");
  }

  @Test
  void requestHeadCarriesBasicAuthAndTheExactContentLength() {
    BatchTemplate template =
        new BatchTemplate(heartbeats, BATCH, "127.0.0.1:9", "/v1/batch", "KEY");
    byte[] request = template.newRequest();
    template.patch(request, 99_999);
    String head = new String(request, 0, template.bodyOffset(), StandardCharsets.US_ASCII);
    assertThat(head).startsWith("POST /v1/batch HTTP/1.1\r\n");
    assertThat(head).contains("Host: 127.0.0.1:9\r\n");
    assertThat(head).contains("Authorization: Basic S0VZOg==\r\n"); // base64("KEY:")
    assertThat(head).contains("Content-Length: " + template.bodyLength() + "\r\n");
    assertThat(head).endsWith("\r\n\r\n");
    assertThat(request.length - template.bodyOffset()).isEqualTo(template.bodyLength());
  }

  @Test
  void anEventIsAboutThreeHundredBytes() {
    for (long n : new long[] {0, 1, 49, 50_000, 999_999}) {
      StringBuilder one = new StringBuilder();
      heartbeats.appendJson(one, n);
      assertThat(one.toString().getBytes(StandardCharsets.UTF_8).length).isBetween(280, 360);
    }
    BatchTemplate template = new BatchTemplate(heartbeats, BATCH, "h:1", "/v1/batch", "k");
    assertThat(template.bodyLength() / BATCH).isBetween(280, 360);
  }

  private static JsonNode body(BatchTemplate template, byte[] request) throws Exception {
    return JSON.readTree(
        new String(
            request, template.bodyOffset(), template.bodyLength(), StandardCharsets.US_ASCII));
  }
}
