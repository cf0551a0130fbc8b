package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests built to cost the server a lot or to slip past its parser: each is refused cheaply with
 * its reason, and the server keeps serving.
 */
class HostileRequestsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;
  private TestNode node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private TestNode start() throws Exception {
    return start(Settings.defaults());
  }

  private TestNode start(Settings settings) throws Exception {
    node = TestNode.start(dataDir, settings);
    return node;
  }

  private static String track(String id) {
    return "{\"type\":\"track\",\"event\":\"Played\",\"userId\":\"u1\",\"messageId\":\"" + id
        + "\",\"timestamp\":\"2026-10-01T20:00:00Z\",\"properties\":{}}";
  }

  private long storedEvents() throws Exception {
    node.awaitStore();
    try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** One raw HTTP/1.1 exchange on a socket: writes {@code request}, returns the whole answer. */
  private String raw(byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", node.server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String basic(String key) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unknownKeyInTheHeader_isRefusedBeforeTheBodyIsRead() throws Exception {
    start();
    // a declared 400 KB body that never comes: the answer cannot depend on reading it
    String head = "POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Authorization: " + basic("not-a-key") + "\r\nContent-Length: 400000\r\n\r\n{\"batch\":[";
    try (Socket s = new Socket("127.0.0.1", node.server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      byte[] answer = new byte[4096];
      int n = s.getInputStream().read(answer);
      String text = new String(answer, 0, n, StandardCharsets.UTF_8);
      assertThat(text).startsWith("HTTP/1.1 401").contains("unknown write key");
    }
  }

  @Test
  void keylessBatchOfAQuarterMillionTinyElements_isRefusedWithASmallAnswer() throws Exception {
    start();
    // just under the 500 KB batch limit with the key in the body too
    String elements = "1,".repeat(249_000) + "1";
    HttpResponse<String> noKey = node.post("/v1/batch", "{\"batch\":[" + elements + "]}", null);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.body().length()).isLessThan(300);

    HttpResponse<String> bodyKey = node.post("/v1/batch",
        "{\"writeKey\":\"" + TestNode.WRITE_KEY + "\",\"batch\":[" + elements + "]}", null);
    assertThat(bodyKey.statusCode()).isEqualTo(413);
    assertThat(bodyKey.body()).contains("batch has more than 2500 messages").hasSizeLessThan(300);
    assertThat(node.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void fortyConcurrentKeylessFloods_getSmallRefusals_andTheServerStaysResponsive() throws Exception {
    start();
    String flood = "{\"writeKey\":\"" + TestNode.WRITE_KEY + "\",\"batch\":[" + "1,".repeat(249_999) + "1]}";
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(pool.submit(() -> node.post("/v1/batch", flood, null)));
      }
      for (java.util.concurrent.Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isIn(413, 503);
        assertThat(r.body().length()).isLessThan(300);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(node.get("/health").statusCode()).isEqualTo(200);
    assertThat(node.post("/v1/batch", "{\"batch\":[" + track("after") + "]}", TestNode.WRITE_KEY)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void manyRejections_listTheFirstHundred_andCountThemAll() throws Exception {
    start();
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      bad.add("{\"type\":\"track\",\"messageId\":\"b" + i + "\"}");
    }
    bad.add(track("good"));
    HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[" + String.join(",", bad) + "]}",
        TestNode.WRITE_KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("rejected")).hasSize(100);
    assertThat(body.get("rejectedCount").asInt()).isEqualTo(150);
  }

  @Test
  void bodiesWithoutAHeaderKey_overTheConcurrencyCap_get503WithRetryAfter() throws Exception {
    start(Settings.defaults().with("server.max-unauthenticated", 0));
    HttpResponse<String> bodyKey = node.post("/v1/batch",
        "{\"writeKey\":\"" + TestNode.WRITE_KEY + "\",\"batch\":[" + track("c1") + "]}", null);
    assertThat(bodyKey.statusCode()).isEqualTo(503);
    assertThat(bodyKey.headers().firstValue("Retry-After")).isPresent();
    assertThat(bodyKey.body()).contains("HTTP Basic").contains("\"code\":\"unauthenticated_limit\"");
    assertThat(node.post("/v1/batch", "{\"batch\":[" + track("c2") + "]}", TestNode.WRITE_KEY)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesBeyondTheBufferBudget_get503BeforeAByteIsRead() throws Exception {
    start(Settings.defaults().with("server.max-body-buffer-bytes", 2000));
    StringBuilder big = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 30; i++) {
      big.append(i == 0 ? "" : ",").append(track("big" + i));
    }
    HttpResponse<String> refused = node.post("/v1/batch", big.append("]}").toString(), TestNode.WRITE_KEY);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("too many request bodies").contains("\"code\":\"body_buffer_full\"");
    assertThat(node.post("/v1/batch", "{\"batch\":[" + track("small") + "]}", TestNode.WRITE_KEY)
        .statusCode()).isEqualTo(200);
    assertThat(storedEvents()).isEqualTo(1);
  }

  @Test
  void envelopeTricks_areRefusedWithTheirReason() throws Exception {
    start();
    String m = track("e1");
    assertRefused(400, ("{\"batch\":[" + m + "],\"batch\":[]}").getBytes(StandardCharsets.UTF_8), "batch");
    assertRefused(400, ("{\"batch\":[" + m + "]} trailing").getBytes(StandardCharsets.UTF_8), "after");
    assertRefused(400, ("{\"batch\":[" + m + "]}{}").getBytes(StandardCharsets.UTF_8), "after");
    assertRefused(400, ("{\"writeKey\":\"a\",\"batch\":[" + m + "],\"writeKey\":\"b\"}")
        .getBytes(StandardCharsets.UTF_8), "'writeKey' twice");
    assertRefused(400, ("{\"batch\":[" + m + "],\"context\":{\"ip\":\"x\",\"ip\":null}}")
        .getBytes(StandardCharsets.UTF_8), "Duplicate");
    // C0 AF is an overlong '/': a lenient decoder would read "a/b"
    byte[] overlong = ("{\"batch\":[" + m.replace("Played", "a__b") + "]}").getBytes(StandardCharsets.UTF_8);
    String text = new String(overlong, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("a__b") + 1;
    overlong[at] = (byte) 0xC0;
    overlong[at + 1] = (byte) 0xAF;
    assertRefused(400, overlong, "not valid UTF-8");
    String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
    assertRefused(413, ("{\"batch\":[],\"context\":" + deep + "}").getBytes(StandardCharsets.UTF_8), "depth");
    assertThat(node.post("/v1/track", "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"userId\":\"v\"}",
        TestNode.WRITE_KEY).body()).containsIgnoringCase("duplicate");
    assertThat(storedEvents()).isZero();
  }

  private void assertRefused(int status, byte[] body, String reason) throws Exception {
    HttpResponse<String> r = node.post("/v1/batch", body, TestNode.WRITE_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.get("success").asBoolean()).isFalse();
    assertThat(answer.get("error").asText()).containsIgnoringCase(reason);
  }

  @Test
  void gzipBomb_isRefusedWith413_andUnknownEncodingWith415() throws Exception {
    start();
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write("{\"batch\":[".getBytes(StandardCharsets.UTF_8));
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 300; i++) {
        gz.write(spaces);
      }
    }
    assertThat(zipped.size()).isLessThan(500_000);
    long t0 = System.nanoTime();
    String answer = raw(request("gzip", zipped.toByteArray()));
    assertThat(answer).startsWith("HTTP/1.1 413").contains("larger than 500 KB once inflated");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);

    assertThat(raw(request("br", "{}".getBytes(StandardCharsets.UTF_8))))
        .startsWith("HTTP/1.1 415").contains("'br' is not supported");
    assertThat(raw(request("gzip", "not gzip at all".getBytes(StandardCharsets.UTF_8))))
        .startsWith("HTTP/1.1 400").contains("not valid gzip");
  }

  private static byte[] request(String encoding, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Authorization: " + basic(TestNode.WRITE_KEY) + "\r\nContent-Encoding: " + encoding
        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Test
  void truncatedOrMalformedChunkedBody_is400_withOneLogLineAndNoStackTrace() throws Exception {
    start();
    String writeRole = node.node.apiKeys().create(io.marquee.access.Role.WRITE, "test");
    java.io.PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      for (String[] route : new String[][] {{"POST /v1/batch", basic(TestNode.WRITE_KEY)},
          {"PUT /v1/users/u1/consent", "Bearer " + writeRole}}) {
        String head = route[0] + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: " + route[1] + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        String malformed = raw((head + "5\r\n{\"bat\r\nZZ-not-a-size\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(malformed).as(route[0]).startsWith("HTTP/1.1 400");
        if (route[0].contains("batch")) {
          assertThat(malformed).contains("\"code\":\"unreadable_body\"");
        }
        String truncated = raw((head + "ff\r\n{\"batch\":[").getBytes(StandardCharsets.US_ASCII));
        assertThat(truncated).as(route[0]).doesNotStartWith("HTTP/1.1 500");
      }
    } finally {
      System.setErr(err);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("unreadable").doesNotContain("\tat ").doesNotContain("ERROR");
    assertThat(logged.lines().count()).as(logged).isLessThanOrEqualTo(4);
    assertThat(node.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void threeHundredTricklingClients_doNotStallHealthOrAnAuthenticatedBatch() throws Exception {
    start();
    List<Socket> tricklers = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        Socket s = new Socket("127.0.0.1", node.server.port());
        s.setSoTimeout(30_000);
        String key = i % 2 == 0 ? "Authorization: " + basic(TestNode.WRITE_KEY) + "\r\n" : "";
        s.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: x\r\n" + key
            + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        tricklers.add(s);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      for (int round = 0; round < 3; round++) {
        for (Socket s : tricklers) {
          try {
            s.getOutputStream().write(' ');
          } catch (IOException refused) {
            // the server may already have dropped it (too slow, or over the cap): that is the point
          }
        }
        long t0 = System.nanoTime();
        assertThat(node.get("/health").statusCode()).isEqualTo(200);
        assertThat(node.post("/v1/batch", "{\"batch\":[" + track("t" + round) + "]}", TestNode.WRITE_KEY)
            .statusCode()).isEqualTo(200);
        assertThat(System.nanoTime() - t0).isLessThan(3_000_000_000L);
        assertThat(System.nanoTime()).isLessThan(deadline);
      }
    } finally {
      for (Socket s : tricklers) {
        s.close();
      }
    }
  }

  @Test
  void bodySlowerThanTheMinimumRate_isCutWith408() throws Exception {
    start(Settings.defaults().with("server.min-data-rate", 1000));
    try (Socket s = new Socket("127.0.0.1", node.server.port())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: x\r\nAuthorization: "
          + basic(TestNode.WRITE_KEY) + "\r\nContent-Length: 50000\r\n\r\n{")
          .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      byte[] answer = new byte[4096];
      int n = in.read(answer);
      assertThat(new String(answer, 0, n, StandardCharsets.UTF_8))
          .startsWith("HTTP/1.1 408").contains("slower than 1000 bytes per second")
          .contains("\"code\":\"too_slow\"");
    }
  }
}
