package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import io.marquee.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Segment-family clients, unchanged, against a started node: what they send is stored. */
class RealClientsIT {
  @TempDir Path dataDir;
  private TestNode node;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dataDir);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private List<String> column(String sql) throws Exception {
    node.awaitStore();
    List<String> out = new ArrayList<>();
    try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  @Test
  void segmentsJavaLibrary_postsToImportWithBasicAuth_andEveryMessageTypeIsStored() throws Exception {
    CountDownLatch sent = new CountDownLatch(6);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Analytics analytics = Analytics.builder(TestNode.WRITE_KEY)
        .endpoint(node.url(""))
        .flushQueueSize(100)
        .retries(1)
        .callback(new Callback() {
          @Override
          public void success(Message message) {
            sent.countDown();
          }

          @Override
          public void failure(Message message, Throwable error) {
            failures.add(message.type() + ": " + error);
            sent.countDown();
          }
        })
        .build();
    try {
      analytics.enqueue(TrackMessage.builder("Video Content Started").userId("j1")
          .properties(Map.of("session_id", "js1", "asset_id", "film-9", "position", 0)));
      analytics.enqueue(IdentifyMessage.builder().userId("j1").traits(Map.of("plan", "premium")));
      analytics.enqueue(PageMessage.builder("Home").userId("j1"));
      analytics.enqueue(ScreenMessage.builder("Player").userId("j1"));
      analytics.enqueue(GroupMessage.builder("household-1").userId("j1"));
      analytics.enqueue(AliasMessage.builder("anon-j1").userId("j1"));
      analytics.flush();
      assertThat(sent.await(30, TimeUnit.SECONDS)).as("the library reported every message").isTrue();
    } finally {
      analytics.shutdown();
    }
    assertThat(failures).isEmpty();
    assertThat(column("SELECT type FROM events WHERE user_id = 'j1' ORDER BY type"))
        .containsExactly("alias", "group", "identify", "page", "screen", "track");
    assertThat(column("SELECT json_extract_string(context, '$.library.name') FROM events WHERE type = 'track'"))
        .containsExactly("analytics-java");
  }

  /** Byte for byte what {@code @rudderstack/rudder-sdk-node} 3.x sends: a gzipped batch posted as a form. */
  @Test
  void rudderStackNodeSdk_gzippedBatch_isAccepted() throws Exception {
    String json = "{\"batch\":[{\"type\":\"track\",\"event\":\"Video Content Playing\",\"userId\":\"r1\","
        + "\"properties\":{\"session_id\":\"rs1\",\"asset_id\":\"ep-3\",\"position\":30},"
        + "\"context\":{\"library\":{\"name\":\"analytics-node\",\"version\":\"3.0.0\"}},"
        + "\"_metadata\":{\"nodeVersion\":\"20.11.0\"},\"timestamp\":\"2026-10-01T20:00:00.000Z\","
        + "\"messageId\":\"node-5b1c3f6e\",\"sentAt\":\"2026-10-01T20:00:01.000Z\"}],"
        + "\"timestamp\":\"2026-10-01T20:00:01.000Z\",\"sentAt\":\"2026-10-01T20:00:01.000Z\"}";
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url("/v1/batch")))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json, text/plain, */*")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("User-Agent", "analytics-node/3.0.0")
        .header("Content-Encoding", "gzip")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (TestNode.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"accepted\":1");
    assertThat(column("SELECT message_id FROM events WHERE user_id = 'r1'")).containsExactly("node-5b1c3f6e");
  }

  @Test
  void deflateBody_isAcceptedToo() throws Exception {
    String json = "{\"batch\":[{\"type\":\"track\",\"event\":\"x\",\"userId\":\"d1\",\"messageId\":\"d-1\"}]}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(out)) {
      d.write(json.getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url("/v1/batch")))
        .header("Content-Encoding", "deflate")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (TestNode.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(column("SELECT message_id FROM events WHERE user_id = 'd1'")).containsExactly("d-1");
  }

  @Test
  void everyRoute_acceptsATrailingSlash() throws Exception {
    String m = "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"s1\",\"messageId\":\"slash-1\"}";
    assertThat(node.post("/v1/import/", "{\"batch\":[" + m + "]}", TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    assertThat(node.post("/v1/track/", m.replace("slash-1", "slash-2"), TestNode.WRITE_KEY).statusCode())
        .isEqualTo(200);
    assertThat(node.get("/health/").statusCode()).isEqualTo(200);
    assertThat(node.get("/metrics/").statusCode()).isEqualTo(200);
    assertThat(column("SELECT message_id FROM events ORDER BY message_id")).containsExactly("slash-1", "slash-2");
  }

  @Test
  void browserPreflight_onCollectionRoutes_isAnswered_andNotOnAdminRoutes() throws Exception {
    HttpResponse<String> pre = http.send(HttpRequest.newBuilder(URI.create(node.url("/v1/batch")))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://shop.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type, authorization").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("Authorization").contains("Content-Type");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(node.url("/v1/page")))
        .header("Origin", "https://shop.example").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"writeKey\":\"" + TestNode.WRITE_KEY
            + "\",\"type\":\"page\",\"name\":\"Home\",\"anonymousId\":\"a1\",\"messageId\":\"cors-1\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

    HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create(node.url("/v1/keys")))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "GET").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(admin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
