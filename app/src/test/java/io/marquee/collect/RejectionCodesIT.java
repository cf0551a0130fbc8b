package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.RejectionCode;
import io.marquee.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the collection API carries its stable code: in each listed rejection and in a
 * whole-request error, the same code that {@code marquee_events_rejected_total} counts.
 */
class RejectionCodesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACK = "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",";
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

  /** One bad message per code a message can get, each in a batch of its own next to a good one. */
  private static Map<String, RejectionCode> badMessages() {
    Map<String, RejectionCode> m = new LinkedHashMap<>();
    m.put(TRACK + "\"properties\":{\"card\":\"4111 1111 1111 1111\"}}", RejectionCode.CARD_DATA);
    m.put("{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"email\":\"ann@example.com\"}}",
        RejectionCode.PERSONAL_DATA_WITHOUT_VAULT);
    m.put("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"ann@example.com\"}", RejectionCode.PERSONAL_DATA_WITHOUT_VAULT);
    m.put("{\"type\":\"track\",\"event\":\"ann@example.com\",\"userId\":\"u\"}", RejectionCode.EMAIL_IN_CLEAR_FIELD);
    m.put("42", RejectionCode.NOT_AN_OBJECT);
    m.put(TRACK + "\"properties\":[1]}", RejectionCode.NOT_AN_OBJECT);
    m.put("{\"userId\":\"u\"}", RejectionCode.MISSING_FIELD);
    m.put("{\"type\":\"track\",\"userId\":\"u\"}", RejectionCode.MISSING_FIELD);
    m.put("{\"type\":\"track\",\"event\":\"x\"}", RejectionCode.NO_USER);
    m.put("{\"type\":\"click\",\"userId\":\"u\"}", RejectionCode.BAD_MESSAGE_TYPE);
    m.put("{\"type\":\"track\",\"event\":\"x\",\"userId\":{}}", RejectionCode.NOT_A_STRING);
    m.put(TRACK + "\"properties\":{\"position\":\"ten\"}}", RejectionCode.NOT_A_NUMBER);
    m.put(TRACK + "\"timestamp\":\"yesterday\"}", RejectionCode.BAD_TIMESTAMP);
    m.put("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"" + "u".repeat(300) + "\"}", RejectionCode.TOO_LONG);
    m.put(TRACK + "\"properties\":{\"pad\":\"" + "x".repeat(33_000) + "\"}}", RejectionCode.TOO_LARGE);
    m.put(TRACK + "\"properties\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}", RejectionCode.TOO_DEEP);
    m.put(TRACK + "\"properties\":{\"many\":[" + "1,".repeat(5_000) + "1]}}", RejectionCode.TOO_MANY_VALUES);
    m.put(TRACK + "\"properties\":{\"a\":1,\"a\":2}}", RejectionCode.DUPLICATE_KEY);
    m.put(TRACK + "\"properties\":{\"position\":1e400}}", RejectionCode.NON_FINITE_NUMBER);
    return m;
  }

  @Test
  void everyRejectedMessage_carriesTheCodeOfItsProblem_andIsCountedUnderIt() throws Exception {
    Map<RejectionCode, Integer> expected = new EnumMap<>(RejectionCode.class);
    int n = 0;
    for (Map.Entry<String, RejectionCode> e : badMessages().entrySet()) {
      String good = "{\"type\":\"track\",\"event\":\"ok\",\"userId\":\"u\",\"messageId\":\"good-" + n++ + "\"}";
      HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[" + good + "," + e.getKey() + "]}",
          TestNode.WRITE_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode rejected = JSON.readTree(r.body()).get("rejected");
      assertThat(rejected).as(r.body()).hasSize(1);
      assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
      assertThat(rejected.get(0).get("error").asText()).isNotBlank();
      assertThat(rejected.get(0).get("code").asText()).as(abbreviate(e.getKey())).isEqualTo(e.getValue().code());
      expected.merge(e.getValue(), 1, Integer::sum);
    }
    String metrics = node.get("/metrics").body();
    expected.forEach((code, count) -> assertThat(metrics)
        .contains("marquee_events_rejected_total{reason=\"" + code.code() + "\"} " + count + ".0"));
  }

  @Test
  void anInvalidSingleMessage_answers400WithItsCode() throws Exception {
    HttpResponse<String> r = node.post("/v1/track", "{\"event\":\"x\",\"properties\":{\"position\":\"ten\"}}",
        TestNode.WRITE_KEY);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asText()).isEqualTo("no_user");
    assertThat(body.get("error").asText()).isEqualTo("userId or anonymousId is required");
  }

  @Test
  void everyRequestRefusedWhole_carriesItsCode_andIsCountedUnderIt() throws Exception {
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[", null, 400, RejectionCode.BAD_JSON});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[]} x", null, 400, RejectionCode.BAD_JSON});
    cases.add(new Object[] {"/v1/batch", new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'}, null,
        400, RejectionCode.NOT_UTF8});
    cases.add(new Object[] {"/v1/batch", "{}", null, 400, RejectionCode.BAD_ENVELOPE});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":{}}", null, 400, RejectionCode.BAD_ENVELOPE});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[],\"batch\":[]}", null, 400, RejectionCode.DUPLICATE_KEY});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[],\"sentAt\":\"soon\"}", null, 400, RejectionCode.BAD_TIMESTAMP});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[" + "[".repeat(100) + "]".repeat(100) + "]}", null, 413,
        RejectionCode.TOO_DEEP});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[" + "{},".repeat(2_500) + "{}]}", null, 413,
        RejectionCode.TOO_MANY_MESSAGES});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[],\"pad\":\"" + "x".repeat(510_000) + "\"}", null, 413,
        RejectionCode.TOO_LARGE});
    cases.add(new Object[] {"/v1/batch", "{\"batch\":[]}", "br", 415, RejectionCode.UNSUPPORTED_ENCODING});
    cases.add(new Object[] {"/v1/batch", "not gzip at all", "gzip", 400, RejectionCode.BAD_ENCODING});
    cases.add(new Object[] {"/v1/batch", gzip("{\"batch\":[],\"pad\":\"" + "x".repeat(600_000) + "\"}"), "gzip", 413,
        RejectionCode.TOO_LARGE});
    cases.add(new Object[] {"/v1/track", "[1]", null, 400, RejectionCode.NOT_AN_OBJECT});
    Map<RejectionCode, Integer> expected = new EnumMap<>(RejectionCode.class);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String auth = "Basic " + java.util.Base64.getEncoder()
        .encodeToString((TestNode.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    for (Object[] c : cases) {
      byte[] body = c[1] instanceof byte[] b ? b : ((String) c[1]).getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(node.url((String) c[0])))
          .timeout(Duration.ofSeconds(30)).header("Authorization", auth)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (c[2] != null) {
        req.header("Content-Encoding", (String) c[2]);
      }
      HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      RejectionCode code = (RejectionCode) c[4];
      String what = c[0] + " " + abbreviate(new String(body, StandardCharsets.UTF_8)) + ": " + r.body();
      assertThat(r.statusCode()).as(what).isEqualTo(c[3]);
      JsonNode answer = JSON.readTree(r.body());
      assertThat(answer.get("success").asBoolean()).as(what).isFalse();
      assertThat(answer.get("error").asText()).as(what).isNotBlank();
      assertThat(answer.get("code").asText()).as(what).isEqualTo(code.code());
      expected.merge(code, 1, Integer::sum);
    }
    assertThat(node.post("/v1/batch", "{\"batch\":[]}", "not-a-key").body()).contains("\"code\":\"unauthorized\"");
    assertThat(node.post("/v1/batch", "{\"batch\":[]}", null).body()).contains("\"code\":\"unauthorized\"");
    expected.put(RejectionCode.UNAUTHORIZED, 2);
    String metrics = node.get("/metrics").body();
    expected.forEach((code, count) -> assertThat(metrics)
        .contains("marquee_events_rejected_total{reason=\"" + code.code() + "\"} " + count + ".0"));
  }

  @Test
  void aRequestWhileTheServerDrains_gets503ShuttingDown() throws Exception {
    TestNode draining = TestNode.start(dataDir.resolve("draining"), io.marquee.config.Settings.defaults()
        .with("server.drain-seconds", 20).with("server.max-unauthenticated", 1));
    Thread closer = null;
    try (java.net.Socket slow = new java.net.Socket("127.0.0.1", draining.server.port())) {
      // a keyless request in flight (half its body sent) holds the one unauthenticated permit, and
      // keeps the server draining (not stopped) while the next request comes
      String body = "{\"writeKey\":\"" + TestNode.WRITE_KEY + "\",\"batch\":[]}";
      slow.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
          + "\r\n\r\n" + body.substring(0, 5)).getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      HttpResponse<String> probe;
      do {
        probe = draining.post("/v1/batch", body, null);
      } while (probe.statusCode() != 503 && System.nanoTime() < deadline);
      assertThat(probe.body()).as("the slow request is in flight").contains("\"code\":\"unauthenticated_limit\"");
      closer = new Thread(draining.server::close, "closer");
      closer.start();
      HttpResponse<String> r;
      do {
        r = draining.post("/v1/batch", "{\"batch\":[]}", TestNode.WRITE_KEY);
      } while (r.statusCode() == 200 && System.nanoTime() < deadline);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("shutting_down");
      slow.getOutputStream().write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
    } finally {
      if (closer != null) {
        closer.join(30_000);
      }
      draining.node.close();
    }
  }

  private static byte[] gzip(String s) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
