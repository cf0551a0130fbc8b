package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.Title;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/insights/music} on a hand-built data set (range 2026-10-01 .. 2026-10-28).
 *
 * <p>t1 (artist A): 12 listeners u00..u11 stream 200 s, and u00..u02 also skip it after 10 s. t2
 * (artist A): u00..u09 play exactly 30 s (streams), u10 and u11 play 29 s (skips, not streams). t3
 * (artist B): 4 listeners stream 100 s (a small cell). Outside: u20 streams t1 in September, u30
 * watches a video in October.
 */
class MusicReportIT {
  @TempDir static Path dataDir;
  private static TestNode node;
  private static String analyst;
  private static final String RANGE = "from=2026-10-01&to=2026-10-28";

  private static Title track(String id, String artist) {
    return new Title(id, "Track " + id, "track", "Album", null, null, List.of("jazz"), null, 240, "audio", 2026,
        null, artist);
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults());
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    node.node.store().upsert(List.of(track("t1", "A"), track("t2", "A"), track("t3", "B"),
        new Title("v1", "A film", "film", null, null, null, List.of("drama"), null, 600, "video", 2026, null, null)));
    OverviewFixture f = new OverviewFixture(node);
    Instant day = Instant.parse("2026-10-10T18:00:00Z");
    List<String> u = OverviewFixture.users("u", 12);
    for (int i = 0; i < 12; i++) {
      f.play(u.get(i), "t1", day.plusSeconds(1000L * i), 200, 240, "audio");
    }
    for (int i = 0; i < 3; i++) {
      f.play(u.get(i), "t1", day.plusSeconds(1000L * i + 500), 10, 240, "audio");
    }
    for (int i = 0; i < 12; i++) {
      f.play(u.get(i), "t2", day.plusSeconds(20_000L + 1000L * i), i < 10 ? 30 : 29, 240, "audio");
    }
    for (int i = 0; i < 4; i++) {
      f.play(u.get(i), "t3", day.plusSeconds(40_000L + 1000L * i), 100, 240, "audio");
    }
    f.play("u20", "t1", Instant.parse("2026-09-20T18:00:00Z"), 200, 240, "audio");
    f.play("u30", "v1", day, 300, 600, "video");
    f.send();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void aPlayIsAStreamFromThirtySeconds_andASkipBefore() throws Exception {
    JsonNode r = OverviewFixture.get(node, "/v1/insights/music?" + RANGE, analyst);
    assertThat(r.get("plays").asLong()).isEqualTo(15 + 12 + 4);
    assertThat(r.get("streams").asLong()).isEqualTo(12 + 10 + 4);
    assertThat(r.get("skips").asLong()).isEqualTo(3 + 2);
    assertThat(r.get("skip_rate").asDouble()).isCloseTo(5.0 / 31, within(1e-9));
    assertThat(r.get("listeners").asLong()).isEqualTo(12);
    assertThat(r.get("hours_listened").asDouble())
        .isCloseTo((12 * 200 + 3 * 10 + 10 * 30 + 2 * 29 + 4 * 100) / 3600.0, within(1e-9));
    assertThat(r.get("active_listeners_28d").asLong()).isEqualTo(12);
  }

  @Test
  void topTracksAndArtists_rankByStreams_andLeaveOutThoseWithFewerThanTenListeners() throws Exception {
    JsonNode r = OverviewFixture.get(node, "/v1/insights/music?" + RANGE, analyst);
    JsonNode tracks = r.get("top_tracks");
    assertThat(tracks).hasSize(2);
    assertThat(tracks.get(0).get("asset_id").asText()).isEqualTo("t1");
    assertThat(tracks.get(0).get("artist").asText()).isEqualTo("A");
    assertThat(tracks.get(0).get("streams").asLong()).isEqualTo(12);
    assertThat(tracks.get(0).get("listeners").asLong()).isEqualTo(12);
    assertThat(tracks.get(0).get("skip_rate").asDouble()).isCloseTo(3.0 / 15, within(1e-9));
    assertThat(tracks.get(1).get("asset_id").asText()).isEqualTo("t2");
    assertThat(tracks.get(1).get("streams").asLong()).isEqualTo(10);
    assertThat(tracks.get(1).get("listeners").asLong()).isEqualTo(10);
    assertThat(tracks.get(1).get("skip_rate").asDouble()).isCloseTo(2.0 / 12, within(1e-9));
    assertThat(r.get("tracks_not_shown").asLong()).isEqualTo(1);

    JsonNode artists = r.get("top_artists");
    assertThat(artists).hasSize(1);
    assertThat(artists.get(0).get("artist").asText()).isEqualTo("A");
    assertThat(artists.get(0).get("tracks").asLong()).isEqualTo(2);
    assertThat(artists.get(0).get("streams").asLong()).isEqualTo(22);
    assertThat(artists.get(0).get("listeners").asLong()).isEqualTo(12);
    assertThat(artists.get(0).get("skip_rate").asDouble()).isCloseTo(5.0 / 27, within(1e-9));
    assertThat(r.get("artists_not_shown").asLong()).isEqualTo(1);
  }

  @Test
  void aRangeWithFewerThanTenListeners_showsLessThanTenAndNoFigures() throws Exception {
    JsonNode r = OverviewFixture.get(node, "/v1/insights/music?from=2026-09-01&to=2026-09-28", analyst);
    assertThat(r.get("listeners").asText()).isEqualTo("<10");
    assertThat(r.get("streams").isNull()).isTrue();
    assertThat(r.get("skip_rate").isNull()).isTrue();
    assertThat(r.get("top_tracks")).isEmpty();
    assertThat(r.get("tracks_not_shown").asLong()).isEqualTo(1);
  }

  @Test
  void theCsv_isTheTopTracks_orTheTopArtists() throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/insights/music?" + RANGE + "&format=csv", analyst);
    assertThat(r.body().split("\r?\n")).containsExactly("asset_id,title,artist,streams,listeners,plays,skip_rate",
        "t1,Track t1,A,12,12,15,0.2", "t2,Track t2,A,10,10,12," + (2.0 / 12));
    String artists = node.call("GET", "/v1/insights/music?" + RANGE + "&format=csv&list=artists", analyst).body();
    assertThat(artists.split("\r?\n")[1]).startsWith("A,2,22,12,27,");
    assertThat(node.call("GET", "/v1/insights/music?list=albums", analyst).statusCode()).isEqualTo(400);
  }
}
