package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.TestNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playback session that continues after a restart ends with the same views as one followed
 * without a restart, and is resumed from its {@code view_sessions} state, not by scanning events.
 */
class ViewsResumeIT {
  private static final Instant T0 = Instant.parse("2026-10-01T20:00:00Z");

  @TempDir Path once;
  @TempDir Path restarted;

  /** Heartbeat {@code i} of session s1: a seek from 600 s to 1500 s at heartbeat 60. */
  private static String beat(int i) {
    String name = i == 0 ? "Video Playback Started" : i == 60 ? "Video Playback Seek Started"
        : i == 61 ? "Video Playback Seek Completed" : "Video Content Playing";
    double position = i <= 60 ? 10.0 * i : 1500 + 10.0 * (i - 61);
    return "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"u1\",\"messageId\":\"m" + i
        + "\",\"timestamp\":\"" + T0.plusSeconds(10L * i) + "\",\"properties\":{\"session_id\":\"s1\","
        + "\"asset_id\":\"film-1\",\"position\":" + position + ",\"total_length\":3600}}";
  }

  private static void send(TestNode node, int from, int to) throws Exception {
    for (int i = from; i < to; i += 7) {
      List<String> batch = new ArrayList<>();
      for (int k = i; k < Math.min(to, i + 7); k++) {
        batch.add(beat(k));
      }
      assertThat(node.post("/v1/batch", "{\"batch\":[" + String.join(",", batch) + "]}", TestNode.WRITE_KEY)
          .statusCode()).isEqualTo(200);
      node.awaitStore();
    }
  }

  private static List<String> views(TestNode node) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT view_id, user_id, asset_id, started_at, ended_at, watch_seconds, "
            + "max_position, total_length, completed, watched, runtime_s, coverage, intro, closed, heartbeat_s "
            + "FROM views ORDER BY view_id")) {
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
          row.append(r.getString(i)).append('|');
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private static ViewsProjection viewsOf(TestNode node) {
    return (ViewsProjection) node.node.loader().projections().stream()
        .filter(p -> p instanceof ViewsProjection).findFirst().orElseThrow();
  }

  @Test
  void sessionContinuedAfterARestart_givesTheSameViews_resumedFromItsStateWithoutScanningEvents() throws Exception {
    List<String> expected;
    try (TestNode node = TestNode.start(once)) {
      send(node, 0, 120);
      expected = views(node);
    }
    assertThat(expected).hasSize(1);
    assertThat(expected.get(0)).contains("|1180.0|"); // 600 s before the seek, 580 s after it

    try (TestNode node = TestNode.start(restarted)) {
      send(node, 0, 70);
    }
    try (TestNode node = TestNode.start(restarted)) {
      send(node, 70, 120);
      assertThat(views(node)).isEqualTo(expected);
      assertThat(viewsOf(node).stateLoads()).as("resumed from view_sessions").isEqualTo(1);
      assertThat(viewsOf(node).eventScans()).as("no scan of events").isZero();
    }
  }

  @Test
  void eventOlderThanTheWindowAfterARestart_rebuildsTheSessionFromItsEvents_toTheSameViews() throws Exception {
    List<String> expected;
    try (TestNode node = TestNode.start(once)) {
      send(node, 0, 120);
      expected = views(node);
    }
    try (TestNode node = TestNode.start(restarted)) {
      send(node, 0, 10);
      send(node, 11, 120);
    }
    try (TestNode node = TestNode.start(restarted)) {
      send(node, 10, 11); // 18 minutes behind the session's newest event
      assertThat(views(node)).isEqualTo(expected);
      assertThat(viewsOf(node).eventScans()).as("rebuilt from its events").isEqualTo(1);
    }
  }

  @Test
  void erasure_removesTheViewsAndTheSessionStatesNamingTheUser() throws Exception {
    try (TestNode node = TestNode.start(once)) {
      send(node, 0, 20);
      assertThat(node.node.store().count("view_sessions")).isEqualTo(1);
      node.node.store().erase(List.of("u1"));
      assertThat(node.node.store().count("view_sessions")).isZero();
      assertThat(node.node.store().count("views")).isZero();
      send(node, 20, 30);
      assertThat(views(node)).as("a later event starts from nothing, not from the erased state in memory")
          .singleElement().asString().startsWith("s1:film-1|u1|film-1|2026-10-01 20:03:20.0|");
    }
  }
}
