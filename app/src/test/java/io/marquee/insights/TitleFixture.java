package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.Title;
import io.marquee.testing.TestNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built platform for the title reports, sent through the node's HTTP API: 60 users with
 * age, gender and country; four films and a series of four episodes; Video Spec sessions with
 * explicit timestamps and positions. The range of every test is 2026-10-01..2026-10-03 (UTC).
 *
 * <p>Users: u00..u15 are 30 (25-34), u16..u26 40 (35-44), u27..u29 20 (18-24), u30..u33 30, u34..u59 40;
 * u00..u19 female, u20..u59 male; everyone in US. So the 60 active viewers of the range are 20
 * 25-34, 37 35-44, 3 18-24; 20 female, 40 male.
 *
 * <p>film-a "Alpha" (film, 2000 s, drama), in the range, on 2026-10-01 from 12:00 UTC (u00..u11)
 * and 2026-10-02 02:00 UTC (u12..u31, 22:00 of 10-01 in New York):
 * <ul>
 *   <li>u00..u15 (16): [0, 2000), completed;
 *   <li>u16..u23 (8): [0, 1000);
 *   <li>u24..u29 (6): [0, 200), a seek, [1500, 2000) (a skip-ahead: 700 s);
 *   <li>u30, u31: [0, 20), a start but not a view.
 * </ul>
 * Before the range, on 2026-09-29, u00..u14 viewed it fully (the previous period: 15 views).
 * Ten users have it open now (u00..u09: started 120 s ago, beats 59 s apart); u10's session of now is exited.
 * Ratings: u00..u11 rate it 4, u00 later re-rates it 5. Watchlist adds: u40..u42.
 *
 * <p>film-b "Beta" (film, 2100 s, drama): u00..u11 and u30..u59 (42), all [0, 2100). film-c "=Gamma"
 * (film, 1900 s, comedy; a formula-like title): u00..u09 and u30..u39 (20), all [0, 950). film-d "Delta"
 * (film, 2000 s): u40..u44 (5), [0, 2000).
 *
 * <p>series-s "Saga": ep-1 (s1e1), ep-2 (s1e2), ep-3 (s1e3), ep-4 (s2e1), 300 s each: ep-1 u30..u59
 * (30) full; ep-2 u30..u49 (20) full; ep-3 u30..u41 (12) full and u42..u44 [0, 100); ep-4 u30..u34 (5) full.
 *
 * <p>track-1 "Song" (audio, 200 s): u00..u11 and u60..u71 (users without a profile), each [0, 200); its
 * 12 listeners in common with film-a do not make it a similar title (another media type).
 */
final class TitleFixture {
  static final String FROM = "2026-10-01";
  static final String TO = "2026-10-03";
  static final String RANGE = "from=" + FROM + "&to=" + TO;

  private final TestNode node;
  private final List<String> pending = new ArrayList<>();
  private int messages;
  private String media = "video";

  private TitleFixture(TestNode node) {
    this.node = node;
  }

  /** A started node holding the platform, and an analyst key for it. */
  static TestNode start(Path dir) throws Exception {
    TestNode node = TestNode.start(dir, Settings.defaults().with("recommend.retrain-minutes", 0));
    new TitleFixture(node).load();
    return node;
  }

  /** The JSON answer of GET {@code path} + the fixture's range + {@code query}, which must be 200. */
  static com.fasterxml.jackson.databind.JsonNode get(TestNode node, String key, String path, String query)
      throws Exception {
    java.net.http.HttpResponse<String> r = node.call("GET", path + "?" + RANGE + query, key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
  }

  static String analyst(TestNode node) throws java.io.IOException {
    return node.node.apiKeys().create(Role.ANALYST, "test");
  }

  private static String user(int i) {
    return String.format("u%02d", i);
  }

  private void load() throws Exception {
    // the catalog first: a view's coverage uses the catalog runtime it finds when it is written
    node.node.store().upsert(List.of(
        new Title("film-a", "Alpha", "film", null, null, null, List.of("drama"), null, 2000, "video", 2025, null, null),
        new Title("film-b", "Beta", "film", null, null, null, List.of("Drama"), null, 2100, "video", 2025, null, null),
        new Title("film-c", "=Gamma", "film", null, null, null, List.of("comedy"), null, 1900, "video", 2025, null,
            null),
        new Title("film-d", "Delta", "film", null, null, null, List.of("drama"), null, 2000, "video", 2025, null, null),
        new Title("series-s", "Saga", "series", null, null, null, List.of("drama"), null, null, "video", 2024, null,
            null),
        new Title("track-1", "Song", "track", null, null, null, List.of("pop"), null, 200, "audio", 2025, null, "Band"),
        episode("ep-1", 1, 1), episode("ep-2", 1, 2), episode("ep-3", 1, 3), episode("ep-4", 2, 1)));
    for (int i = 0; i < 60; i++) {
      int age = i <= 15 ? 30 : i <= 26 ? 40 : i <= 29 ? 20 : i <= 33 ? 30 : 40;
      add("{\"type\":\"identify\",\"userId\":\"" + user(i) + "\",\"messageId\":\"id-" + i
          + "\",\"timestamp\":\"2026-09-01T00:00:00Z\",\"traits\":{\"age\":" + age + ",\"gender\":\""
          + (i < 20 ? "female" : "male") + "\",\"country\":\"US\"}}");
    }
    Instant day1 = Instant.parse("2026-10-01T12:00:00Z");
    Instant day2 = Instant.parse("2026-10-02T02:00:00Z");
    for (int i = 0; i < 32; i++) {
      Instant at = (i < 12 ? day1 : day2).plusSeconds(60L * i);
      double[][] segments = i < 16 ? new double[][] {{0, 2000}} : i < 24 ? new double[][] {{0, 1000}}
          : i < 30 ? new double[][] {{0, 200}, {1500, 2000}} : new double[][] {{0, 20}};
      play(user(i), "film-a", 2000, at, segments, true);
    }
    for (int i = 0; i < 15; i++) {
      play(user(i), "film-a", 2000, Instant.parse("2026-09-29T10:00:00Z").plusSeconds(60L * i),
          new double[][] {{0, 2000}}, true);
    }
    Instant day3 = Instant.parse("2026-10-03T10:00:00Z");
    for (int i = 0; i < 60; i++) {
      if (i < 12 || i >= 30) {
        play(user(i), "film-b", 2100, day3.plusSeconds(60L * i), new double[][] {{0, 2100}}, true);
      }
      if (i < 10 || (i >= 30 && i < 40)) {
        play(user(i), "film-c", 1900, day3.plusSeconds(3 * 3600 + 60L * i), new double[][] {{0, 950}}, true);
      }
      if (i >= 40 && i < 45) {
        play(user(i), "film-d", 2000, day3.plusSeconds(60L * i), new double[][] {{0, 2000}}, true);
      }
      if (i >= 30) {
        Instant at = day3.plusSeconds(6 * 3600 + 60L * i);
        play(user(i), "ep-1", 300, at, new double[][] {{0, 300}}, true);
        if (i < 50) {
          play(user(i), "ep-2", 300, at.plusSeconds(600), new double[][] {{0, 300}}, true);
        }
        if (i < 45) {
          play(user(i), "ep-3", 300, at.plusSeconds(1200), new double[][] {{0, i < 42 ? 300 : 100}}, true);
        }
        if (i < 35) {
          play(user(i), "ep-4", 300, at.plusSeconds(1800), new double[][] {{0, 300}}, true);
        }
      }
    }
    for (int i = 0; i < 72; i++) {
      if (i >= 12 && i < 60) {
        continue;
      }
      media = "audio";
      play(user(i), "track-1", 200, day3.plusSeconds(60L * i), new double[][] {{0, 200}}, true);
      media = "video";
    }
    Instant now = Instant.now();
    for (int i = 0; i < 11; i++) {
      String s = "live-" + i;
      add(event(user(i), s, "film-a", "Video Playback Started", now.minusSeconds(120), 0, 2000));
      add(event(user(i), s, "film-a", "Video Content Playing", now.minusSeconds(60), 60, 2000));
      add(event(user(i), s, "film-a", i < 10 ? "Video Content Playing" : "Video Playback Exited", now.minusSeconds(1),
          119, 2000));
    }
    for (int i = 0; i < 12; i++) {
      rate(user(i), "film-a", 4, Instant.parse("2026-10-02T12:00:00Z").plusSeconds(i));
    }
    rate(user(0), "film-a", 5, Instant.parse("2026-10-02T13:00:00Z"));
    for (int i = 40; i < 43; i++) {
      add("{\"type\":\"track\",\"event\":\"Added to Watchlist\",\"userId\":\"" + user(i) + "\",\"messageId\":\"wl-" + i
          + "\",\"timestamp\":\"2026-10-02T09:00:00Z\",\"properties\":{\"asset_id\":\"film-a\"}}");
    }
    flush();
    node.awaitStore();
    // the reports read report_views: make its copy now, so they read the copy (not only the changes since)
    InsightsProjection insights = (InsightsProjection) node.node.loader().projections().stream()
        .filter(InsightsProjection.class::isInstance).findFirst().orElseThrow();
    insights.reportViews().rebuild(node.node.store());
  }

  private static Title episode(String id, int season, int episode) {
    return new Title(id, "Saga " + season + "x" + episode, "episode", "Saga", season, episode, List.of("drama"), null,
        300, "video", 2024, "series-s", null);
  }

  private void rate(String user, String asset, double rating, Instant at) throws Exception {
    add("{\"type\":\"track\",\"event\":\"Content Rated\",\"userId\":\"" + user + "\",\"messageId\":\"r-" + (messages++)
        + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"asset_id\":\"" + asset + "\",\"rating\":" + rating + "}}");
  }

  /**
   * One playback session at 1x: Started at the first segment's start, a heartbeat every 100 s of
   * content (or at the segment's end), a seek between segments, and Exited at the last position.
   */
  private void play(String user, String asset, double length, Instant start, double[][] segments, boolean exit)
      throws Exception {
    String session = "s-" + user + "-" + asset + "-" + start.getEpochSecond();
    Instant at = start;
    add(event(user, session, asset, "Video Playback Started", at, segments[0][0], length));
    for (int k = 0; k < segments.length; k++) {
      double pos = segments[k][0];
      if (k > 0) {
        at = at.plusSeconds(1);
        add(event(user, session, asset, "Video Playback Seek Started", at, segments[k - 1][1], length));
        at = at.plusSeconds(1);
        add(event(user, session, asset, "Video Playback Seek Completed", at, pos, length));
      }
      while (pos < segments[k][1]) {
        double next = Math.min(segments[k][1], pos + 100);
        at = at.plusMillis((long) ((next - pos) * 1000));
        pos = next;
        boolean last = k == segments.length - 1 && pos >= segments[k][1];
        add(event(user, session, asset, last && exit ? "Video Playback Exited" : "Video Content Playing", at, pos,
            length));
      }
    }
  }

  private String event(String user, String session, String asset, String name, Instant at, double position,
      double length) {
    return "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"messageId\":\"m-" + (messages++)
        + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"session_id\":\"" + session + "\",\"asset_id\":\"" + asset
        + "\",\"position\":" + position + ",\"total_length\":" + length + ",\"media_type\":\"" + media + "\"}}";
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
