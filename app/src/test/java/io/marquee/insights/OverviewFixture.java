package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds hand-made playback data for the platform reports' tests and posts it through the node's
 * collection API ({@code /v1/batch}): each play is a session of Video Spec events whose content
 * clock advances exactly as its wall clock does, so its {@code watch_seconds} is known in advance.
 */
final class OverviewFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 400;
  /** Message and session ids unique across fixtures, so a second fixture on a node is not deduplicated. */
  private static final AtomicLong IDS = new AtomicLong();

  private final TestNode node;
  private final List<String> pending = new ArrayList<>();

  OverviewFixture(TestNode node) {
    this.node = node;
  }

  /**
   * A closed play: started at {@code at}, {@code seconds} of content watched in one stretch, then
   * {@code Video Playback Completed}. With {@code total} 600, 540 s or more is a completed view.
   */
  OverviewFixture play(String user, String asset, Instant at, int seconds, int total, String mediaType) {
    String s = "s" + IDS.incrementAndGet();
    event("Video Playback Started", user, s, asset, at, 0, total, mediaType);
    event("Video Content Playing", user, s, asset, at.plusSeconds(seconds), seconds, total, mediaType);
    event("Video Playback Completed", user, s, asset, at.plusSeconds(seconds), seconds, total, mediaType);
    return this;
  }

  /** A closed video view of a 600 s title: 540 s (completed) or 60 s (not). */
  OverviewFixture view(String user, String asset, Instant at, boolean completed) {
    return play(user, asset, at, completed ? 540 : 60, 600, "video");
  }

  /**
   * A session still playing: started at {@code at}, then a heartbeat ({@code Video Content Playing})
   * at each of {@code beats}; never closed.
   */
  OverviewFixture open(String user, String asset, Instant at, Instant... beats) {
    String s = "s" + IDS.incrementAndGet();
    event("Video Playback Started", user, s, asset, at, 0, 3600, "video");
    for (Instant b : beats) {
      event("Video Content Playing", user, s, asset, b, (b.toEpochMilli() - at.toEpochMilli()) / 1000.0, 3600,
          "video");
    }
    return this;
  }

  /** An identify call giving the user an age. */
  OverviewFixture age(String user, int age) {
    pending.add("{\"type\":\"identify\",\"userId\":\"" + user + "\",\"messageId\":\"m" + IDS.incrementAndGet()
        + "\",\"traits\":{\"age\":" + age + "}}");
    return this;
  }

  private void event(String name, String user, String session, String asset, Instant at, double position,
      int total, String mediaType) {
    pending.add("{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"messageId\":\"m"
        + IDS.incrementAndGet() + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"session_id\":\"" + session
        + "\",\"asset_id\":\"" + asset + "\",\"position\":" + position + ",\"total_length\":" + total
        + ",\"media_type\":\"" + mediaType + "\"}}");
  }

  /** Posts everything built so far and waits until the store holds it. */
  void send() throws Exception {
    for (int i = 0; i < pending.size(); i += BATCH) {
      String body = "{\"batch\":[" + String.join(",", pending.subList(i, Math.min(pending.size(), i + BATCH))) + "]}";
      HttpResponse<String> r = node.post("/v1/batch", body, TestNode.WRITE_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    pending.clear();
    node.awaitStore();
  }

  /** A report's JSON, asserting a 200. */
  static JsonNode get(TestNode node, String path, String key) throws Exception {
    HttpResponse<String> r = node.call("GET", path, key);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** {@code n} user ids {@code prefix00}, {@code prefix01}, ... */
  static List<String> users(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(prefix + String.format("%02d", i));
    }
    return out;
  }
}
