package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: a real HTTP client against a started node, checking what lands in the store. */
class TrackingApiIT {
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

  private static String track(String id, String event, String props) {
    return "{\"type\":\"track\",\"event\":\"" + event + "\",\"userId\":\"u1\",\"messageId\":\"" + id
        + "\",\"timestamp\":\"2026-10-01T20:00:00Z\",\"properties\":" + props + "}";
  }

  private static String batch(String... messages) {
    return "{\"batch\":[" + String.join(",", messages) + "]}";
  }

  private JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private List<List<String>> query(String sql) throws Exception {
    return node.rows(sql);
  }

  @Test
  void aBodyDeclaredSomewhatOverTheLimit_gets413_notAConnectionClosedWhileTheClientSends() throws Exception {
    byte[] body = ("{\"batch\":[" + track("over", "x", "{\"pad\":\"" + "x".repeat(700_000) + "\"}") + "]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = node.post("/v1/batch", body, TestNode.WRITE_KEY);
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(r.body()).contains("batch is larger than 500 KB");
    }
  }

  @Test
  void batch_isAcknowledged_andStoredWithTypedMediaColumns() throws Exception {
    JsonNode body = ok(node.post("/v1/batch", batch(
        track("m1", "Video Content Started", "{\"session_id\":\"s1\",\"asset_id\":\"film-1\",\"title\":\"Dune\","
            + "\"genre\":\"Sci-Fi\",\"total_length\":100,\"position\":0}"),
        "{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":\"m2\",\"traits\":{\"age\":31}}"),
        TestNode.WRITE_KEY));
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(body.get("rejected")).isEmpty();
    assertThat(query("SELECT message_id, type, session_id, asset_id, position, total_length FROM events ORDER BY message_id"))
        .containsExactly(List.of("m1", "track", "s1", "film-1", "0.0", "100.0"),
            java.util.Arrays.asList("m2", "identify", null, null, null, null));
    assertThat(query("SELECT asset_id, title, genres FROM titles"))
        .containsExactly(List.of("film-1", "Dune", "[sci-fi]"));
  }

  @Test
  void playbackEvents_becomeViews_withinTheLoadersNextBatch() throws Exception {
    ok(node.post("/v1/batch", batch(
        track("p1", "Video Playback Started",
            "{\"session_id\":\"s9\",\"content_asset_id\":\"ep-1\",\"position\":0,\"total_length\":100}"),
        track("p2", "Video Content Playing", "{\"session_id\":\"s9\",\"asset_id\":\"ep-1\",\"position\":60,\"total_length\":100}")
            .replace("20:00:00Z", "20:01:00Z")),
        TestNode.WRITE_KEY));
    ok(node.post("/v1/batch", batch(
        track("p3", "Video Content Completed",
            "{\"session_id\":\"s9\",\"asset_id\":\"ep-1\",\"position\":100,\"total_length\":100}")
            .replace("20:00:00Z", "20:01:40Z")),
        TestNode.WRITE_KEY));
    assertThat(query("SELECT view_id, user_id, asset_id, watch_seconds, completed FROM views"))
        .containsExactly(List.of("s9:ep-1", "u1", "ep-1", "100.0", "true"));
  }

  private String beat(String id, String time, int position) {
    return track(id, "Video Content Playing",
        "{\"session_id\":\"s7\",\"asset_id\":\"ep-7\",\"position\":" + position + ",\"total_length\":1000}")
        .replace("2026-10-01T20:00:00Z", time);
  }

  @Test
  void sessionContinuedAfterARestart_isRebuiltFromTheStore() throws Exception {
    ok(node.post("/v1/batch", batch(beat("r1", "2026-10-01T20:00:00Z", 0), beat("r2", "2026-10-01T20:01:00Z", 60)),
        TestNode.WRITE_KEY));
    node.awaitStore();
    node.close();
    node = TestNode.start(dataDir);
    ok(node.post("/v1/batch", batch(beat("r3", "2026-10-01T20:02:00Z", 120)), TestNode.WRITE_KEY));
    assertThat(query("SELECT view_id, watch_seconds FROM views")).containsExactly(List.of("s7:ep-7", "120.0"));
    assertThat(node.get("/metrics").body()).contains("marquee_store_session_loads_total 1");
  }

  @Test
  void lateEventsInALaterBatch_arePlacedInTimeOrder() throws Exception {
    ok(node.post("/v1/batch", batch(beat("o1", "2026-10-01T20:00:00Z", 0), beat("o2", "2026-10-01T20:01:00Z", 60),
        beat("o5", "2026-10-01T20:02:02Z", 560)), TestNode.WRITE_KEY));
    // 60 -> 560 in 62 s cannot be playback: only the first minute counts so far
    assertThat(query("SELECT watch_seconds FROM views")).containsExactly(List.of("60.0"));
    ok(node.post("/v1/batch", batch(
        beat("o3", "2026-10-01T20:01:01Z", 60).replace("Video Content Playing", "Video Playback Seek Started"),
        beat("o4", "2026-10-01T20:01:02Z", 500).replace("Video Content Playing", "Video Playback Seek Completed")),
        TestNode.WRITE_KEY));
    // with the seek known, 500 -> 560 was played too
    assertThat(query("SELECT watch_seconds FROM views")).containsExactly(List.of("120.0"));
  }

  @Test
  void alias_attributesAnAnonymousViewersPastViewsToTheUser() throws Exception {
    ok(node.post("/v1/batch", batch(track("an1", "Video Content Started",
        "{\"session_id\":\"s-anon\",\"asset_id\":\"f1\",\"position\":0,\"total_length\":60}")
        .replace("\"userId\":\"u1\"", "\"anonymousId\":\"anon-7\"")), TestNode.WRITE_KEY));
    assertThat(query("SELECT user_id, anonymous_id FROM views")).containsExactly(java.util.Arrays.asList(null, "anon-7"));
    ok(node.post("/v1/alias", "{\"userId\":\"u7\",\"previousId\":\"anon-7\"}", TestNode.WRITE_KEY));
    assertThat(query("SELECT user_id, anonymous_id FROM views")).containsExactly(List.of("u7", "anon-7"));
  }

  @Test
  void repeatedMessageId_isAcknowledgedAndStoredOnce() throws Exception {
    String b = batch(track("dup-1", "Added to Watchlist", "{\"asset_id\":\"a\"}"));
    assertThat(ok(node.post("/v1/batch", b, TestNode.WRITE_KEY)).get("accepted").asInt()).isEqualTo(1);
    assertThat(ok(node.post("/v1/batch", b, TestNode.WRITE_KEY)).get("accepted").asInt()).isEqualTo(1);
    assertThat(ok(node.post("/v1/track", track("dup-1", "Added to Watchlist", "{}"), TestNode.WRITE_KEY))
        .get("accepted").asInt()).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM events WHERE message_id = 'dup-1'")).containsExactly(List.of("1"));
    assertThat(node.get("/metrics").body()).contains("marquee_events_duplicate_total 2");
  }

  @Test
  void invalidMessages_areNamedWithReasons_andTheValidOnesKept() throws Exception {
    JsonNode body = ok(node.post("/v1/batch", batch(
        track("good-1", "Video Playback Started", "{}"),
        "{\"type\":\"track\",\"userId\":\"u1\",\"messageId\":\"no-event\"}",
        "{\"type\":\"track\",\"event\":\"x\",\"messageId\":\"no-user\"}",
        track("bad-pos", "Video Playback Paused", "{\"position\":\"ten\"}"),
        "42",
        track("good-2", "Video Playback Paused", "{\"position\":10}")),
        TestNode.WRITE_KEY));
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    JsonNode rejected = body.get("rejected");
    assertThat(rejected).hasSize(4);
    assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
    assertThat(rejected.get(0).get("messageId").asText()).isEqualTo("no-event");
    assertThat(rejected.get(0).get("error").asText()).contains("event name");
    assertThat(rejected.get(1).get("error").asText()).contains("userId or anonymousId is required");
    assertThat(rejected.get(2).get("error").asText()).contains("properties.position must be a number");
    assertThat(rejected.get(3).get("error").asText()).contains("must be a JSON object");
    assertThat(query("SELECT message_id FROM events ORDER BY 1"))
        .containsExactly(List.of("good-1"), List.of("good-2"));
    assertThat(node.get("/metrics").body()).contains("marquee_events_rejected_total{reason=\"not_a_number\"} 1");
  }

  @Test
  void badRequests_getTheirStatus_andTheServerKeepsServing() throws Exception {
    HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[{\"type\":", TestNode.WRITE_KEY);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not valid JSON").contains("line 1");
    assertThat(node.post("/v1/batch", "{\"events\":[]}", TestNode.WRITE_KEY).body()).contains("no 'batch' array");
    assertThat(node.post("/v1/batch", "{\"batch\":{}}", TestNode.WRITE_KEY).statusCode()).isEqualTo(400);
    assertThat(node.post("/v1/batch", "[]", TestNode.WRITE_KEY).statusCode()).isEqualTo(400);

    HttpResponse<String> noKey = node.post("/v1/batch", batch(track("k1", "x", "{}")), null);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.body()).contains("write key is required");
    assertThat(node.post("/v1/batch", batch(track("k2", "x", "{}")), "wrong").statusCode()).isEqualTo(401);
    String bodyKey = "{\"writeKey\":\"" + TestNode.WRITE_KEY + "\",\"batch\":[" + track("k3", "x", "{}") + "]}";
    assertThat(node.post("/v1/batch", bodyKey, null).statusCode()).isEqualTo(200);

    String pad = "x".repeat(40_000);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      many.add(track("big-" + i, "x", "{\"pad\":\"" + pad + "\"}"));
    }
    HttpResponse<String> tooBig = node.post("/v1/batch", batch(many.toArray(String[]::new)), TestNode.WRITE_KEY);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.body()).contains("batch is larger than 500 KB");

    JsonNode oneBig = ok(node.post("/v1/batch",
        batch(track("big-a", "x", "{\"pad\":\"" + pad + "\"}"), track("small", "x", "{}")), TestNode.WRITE_KEY));
    assertThat(oneBig.get("accepted").asInt()).isEqualTo(1);
    assertThat(oneBig.get("rejected").get(0).get("error").asText()).contains("the limit is 32 KB");
    assertThat(node.post("/v1/track", track("big-b", "x", "{\"pad\":\"" + pad + "\"}"), TestNode.WRITE_KEY)
        .statusCode()).isEqualTo(413);

    HttpResponse<String> invalidSingle = node.post("/v1/identify", "{\"traits\":{}}", TestNode.WRITE_KEY);
    assertThat(invalidSingle.statusCode()).isEqualTo(400);
    assertThat(invalidSingle.body()).contains("userId or anonymousId is required");

    assertThat(node.get("/health").statusCode()).isEqualTo(200);
    assertThat(ok(node.post("/v1/batch", batch(track("after", "x", "{}")), TestNode.WRITE_KEY))
        .get("accepted").asInt()).isEqualTo(1);
    assertThat(query("SELECT message_id FROM events ORDER BY 1"))
        .containsExactly(List.of("after"), List.of("k3"), List.of("small"));
  }

  @Test
  void singleMessageEndpoints_acceptEachSegmentType() throws Exception {
    String key = TestNode.WRITE_KEY;
    assertThat(node.post("/v1/identify", "{\"userId\":\"u5\",\"traits\":{\"age\":20}}", key).statusCode()).isEqualTo(200);
    assertThat(node.post("/v1/page", "{\"anonymousId\":\"a5\",\"name\":\"Home\"}", key).statusCode()).isEqualTo(200);
    assertThat(node.post("/v1/screen", "{\"userId\":\"u5\",\"name\":\"Player\"}", key).statusCode()).isEqualTo(200);
    assertThat(node.post("/v1/alias", "{\"userId\":\"u5\",\"previousId\":\"a5\"}", key).statusCode()).isEqualTo(200);
    assertThat(node.post("/v1/track", "{\"userId\":\"u5\",\"event\":\"Content Rated\","
        + "\"properties\":{\"asset_id\":\"f1\",\"rating\":4}}", key).statusCode()).isEqualTo(200);
    assertThat(query("SELECT type FROM events ORDER BY log_pos"))
        .containsExactly(List.of("identify"), List.of("page"), List.of("screen"), List.of("alias"), List.of("track"));
  }

  @Test
  void batchLimit_isThe500KbSegmentDocuments_oneNumberInTheDefaultTheErrorAndTheDocs() throws Exception {
    String head = "{\"batch\":[],\"pad\":\"";
    String exact = head + "x".repeat(500_000 - head.length() - 2) + "\"}";
    assertThat(exact).hasSize(500_000);
    assertThat(node.post("/v1/batch", exact, TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    HttpResponse<String> over = node.post("/v1/batch", exact.replace("\"}", "x\"}"), TestNode.WRITE_KEY);
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).contains("batch is larger than 500 KB").contains("\"code\":\"too_large\"");
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "api.md")))
        .contains("batch body over 500 KB").doesNotContain("512 KB");
  }

  @Test
  void metrics_exposePrometheusText() throws Exception {
    ok(node.post("/v1/batch", batch(track("mm", "x", "{}")), TestNode.WRITE_KEY));
    String metrics = node.get("/metrics").body();
    assertThat(metrics)
        .contains("# TYPE marquee_events_received_total counter")
        .contains("marquee_events_accepted_total 1")
        .contains("marquee_log_fsync_seconds_count")
        .contains("marquee_log_queue_bytes")
        .contains("marquee_store_lag_bytes");
  }
}
