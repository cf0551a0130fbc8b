package io.marquee.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.core.Title;
import io.marquee.testing.TestNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built platform for releases, sent through the node's HTTP API: 30 users, u00..u19 female,
 * 30 years old (25-34), in FR; u20..u29 male, 40 (35-44), in DE. Title film-x (a 600 s film), on
 * 2026-10-02 (UTC): u00..u09 watch it 8 times each, u10..u29 once, each view [0, 600) in full. So in
 * 2026-10-01..2026-10-03 film-x has 30 viewers; with at most 5 views a user, 10 x 5 + 20 = 70 views;
 * with at most 1 hour a user, 10 x 60 + 20 x 10 = 800 minutes (unbounded, 1000); by age 20 25-34 and 10
 * 35-44, by gender 20 female and 10 male, by country 20 FR and 10 DE. Title film-y is in the catalog
 * with no views.
 */
final class ReleaseFixture {
  static final String FROM = "2026-10-01";
  static final String TO = "2026-10-03";

  private final TestNode node;
  private final List<String> pending = new ArrayList<>();
  private int messages;

  private ReleaseFixture(TestNode node) {
    this.node = node;
  }

  static void load(TestNode node) throws Exception {
    new ReleaseFixture(node).build();
  }

  private static String user(int i) {
    return String.format("u%02d", i);
  }

  private void build() throws Exception {
    node.node.store().upsert(List.of(
        new Title("film-x", "Xi", "film", null, null, null, List.of("drama"), null, 600, "video", 2025, null, null),
        new Title("film-y", "Ypsilon", "film", null, null, null, List.of("drama"), null, 600, "video", 2025, null,
            null)));
    for (int i = 0; i < 30; i++) {
      boolean f = i < 20;
      add("{\"type\":\"identify\",\"userId\":\"" + user(i) + "\",\"messageId\":\"id-" + i
          + "\",\"timestamp\":\"2026-09-01T00:00:00Z\",\"traits\":{\"age\":" + (f ? 30 : 40) + ",\"gender\":\""
          + (f ? "female" : "male") + "\",\"country\":\"" + (f ? "FR" : "DE") + "\"}}");
    }
    Instant day = Instant.parse("2026-10-02T08:00:00Z");
    for (int i = 0; i < 30; i++) {
      int times = i < 10 ? 8 : 1;
      for (int k = 0; k < times; k++) {
        play(user(i), day.plusSeconds(3600L * k + 10L * i));
      }
    }
    flush();
    node.awaitStore();
  }

  /** One full view of film-x: Started at 0, a heartbeat every 100 s, Exited at 600. */
  private void play(String user, Instant start) throws Exception {
    String session = "s-" + user + "-" + start.getEpochSecond();
    for (int pos = 0; pos <= 600; pos += 100) {
      String name = pos == 0 ? "Video Playback Started" : pos == 600 ? "Video Playback Exited" : "Video Content Playing";
      add("{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"messageId\":\"m-" + (messages++)
          + "\",\"timestamp\":\"" + start.plusSeconds(pos) + "\",\"properties\":{\"session_id\":\"" + session
          + "\",\"asset_id\":\"film-x\",\"position\":" + pos + ",\"total_length\":600,\"media_type\":\"video\"}}");
    }
  }

  private void add(String message) throws Exception {
    pending.add(message);
    if (pending.size() >= 400) {
      flush();
    }
  }

  private void flush() throws Exception {
    if (pending.isEmpty()) {
      return;
    }
    var r = node.post("/v1/batch", "{\"batch\":[" + String.join(",", pending) + "]}", TestNode.WRITE_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    pending.clear();
  }
}
