package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.core.Title;
import io.marquee.testing.TestNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code views} row keeps of what a view watched (the intervals, the retention points
 * against the runtime, the intro) and whether it is still playing (closed, heartbeat interval).
 */
class ViewCoverageIT {
  private static final Instant T0 = Instant.parse("2026-10-01T20:00:00Z");

  @TempDir Path dir;

  /** A playback of {@code asset} with heartbeats every 10 s: [0, 600), a seek, then [1500, 2080). */
  private static List<String> skipAhead(String session, String asset, double totalLength) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String name = i == 0 ? "Video Playback Started" : i == 60 ? "Video Playback Seek Started"
          : i == 61 ? "Video Playback Seek Completed" : "Video Content Playing";
      double position = i <= 60 ? 10.0 * i : 1500 + 10.0 * (i - 61);
      out.add(event(session, asset, name, i, position, totalLength));
    }
    return out;
  }

  private static String event(String session, String asset, String name, int i, double position,
      double totalLength) {
    return "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"u1\",\"messageId\":\"" + session + "-" + i
        + "\",\"timestamp\":\"" + T0.plusSeconds(10L * i) + "\",\"properties\":{\"session_id\":\"" + session
        + "\",\"asset_id\":\"" + asset + "\",\"position\":" + position + ",\"total_length\":" + totalLength + "}}";
  }

  private static void send(TestNode node, List<String> events) throws Exception {
    assertThat(node.post("/v1/batch", "{\"batch\":[" + String.join(",", events) + "]}", TestNode.WRITE_KEY)
        .statusCode()).isEqualTo(200);
    node.awaitStore();
  }

  private static int bits(int from, int to) {
    int m = 0;
    for (int k = from; k <= to; k++) {
      m |= 1 << k;
    }
    return m;
  }

  @Test
  void aSkipAhead_isKeptAsIntervals_andItsRetentionPointsFollowThePlayerLength_orTheCatalogRuntime()
      throws Exception {
    try (TestNode node = TestNode.start(dir)) {
      node.node.store().upsert(List.of(new Title("film-2", "Film 2", "movie", null, null, null, List.of(), null,
          2400, "video", null, null, null)));
      send(node, skipAhead("s1", "film-1", 3600));
      send(node, skipAhead("s2", "film-2", 3600));
      List<List<String>> rows = node.rows("SELECT asset_id, watched, runtime_s, coverage, intro, closed, heartbeat_s "
          + "FROM views ORDER BY asset_id");
      // film-1, runtime 3600 (the player's): point k is second 180k; watched 0..599 and 1500..2079
      assertThat(rows.get(0)).containsExactly("film-1", "[0.0, 600.0, 1500.0, 2080.0]", "3600.0",
          Integer.toString(bits(0, 3) | bits(9, 11)), "true", "false", "10.0");
      // film-2, runtime 2400 (the catalog's): point k is second 120k
      assertThat(rows.get(1).subList(2, 4)).containsExactly("2400.0",
          Integer.toString(bits(0, 4) | bits(13, 17)));
    }
  }

  @Test
  void aView_isClosedByExitOrByTheSessionMovingOn_andOpenWhileItPlays() throws Exception {
    try (TestNode node = TestNode.start(dir)) {
      List<String> events = new ArrayList<>();
      events.add(event("s1", "ep-1", "Video Playback Started", 0, 0, 1200));
      events.add(event("s1", "ep-1", "Video Content Playing", 1, 10, 1200));
      events.add(event("s1", "ep-2", "Video Content Started", 2, 0, 1200));
      events.add(event("s1", "ep-2", "Video Content Playing", 3, 10, 1200));
      send(node, events);
      assertThat(node.rows("SELECT asset_id, closed FROM views ORDER BY asset_id"))
          .containsExactly(List.of("ep-1", "true"), List.of("ep-2", "false"));
      send(node, List.of(event("s1", "ep-2", "Video Playback Exited", 4, 20, 1200)));
      assertThat(node.rows("SELECT asset_id, closed FROM views ORDER BY asset_id"))
          .containsExactly(List.of("ep-1", "true"), List.of("ep-2", "true"));
    }
  }
}
