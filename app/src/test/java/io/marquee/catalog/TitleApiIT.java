package io.marquee.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.Title;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/titles/{assetId}} on a started node: every field, the key it needs, the 404. */
class TitleApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private TestNode node;
  private String analyst;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults().with("recommend.retrain-minutes", 0));
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    node.node.store().upsert(List.of(
        new Title("series-0001", "Northern Lights", "series", null, null, null, List.of("drama"),
            "TV-14", null, "video", 2019, null, null),
        new Title("ep-0001-s01e02", "The Thaw", "episode", "Northern Lights", 1, 2,
            List.of("drama", "mystery"), "TV-14", 2700, "video", 2019, "series-0001", null),
        new Title("track-000001", "Blue Hour", "track", "Night Drive", null, null, List.of("jazz"),
            null, 214, "audio", 2021, null, "The Quiet Set")));
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void anEpisode_answersEveryField_withItsSeriesId() throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/titles/ep-0001-s01e02", analyst);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"asset_id": "ep-0001-s01e02", "title": "The Thaw", "kind": "episode",
         "series": "Northern Lights", "series_id": "series-0001", "season": 1, "episode": 2,
         "genres": ["drama", "mystery"], "maturity_rating": "TV-14", "runtime_s": 2700,
         "media_type": "video", "release_year": 2019, "artist": null}"""));
  }

  @Test
  void aTrack_answersItsArtist() throws Exception {
    JsonNode t = JSON.readTree(node.call("GET", "/v1/titles/track-000001", analyst).body());
    assertThat(t.get("artist").asText()).isEqualTo("The Quiet Set");
    assertThat(t.get("series").asText()).isEqualTo("Night Drive");
    assertThat(t.get("kind").asText()).isEqualTo("track");
  }

  @Test
  void anUnknownAssetId_is404_namingTheId() throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/titles/no-such-title", analyst);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no-such-title");
  }

  @Test
  void theLookup_needsAnApiKeyOfRoleAnalyst() throws Exception {
    assertThat(node.call("GET", "/v1/titles/series-0001", null).statusCode()).isEqualTo(401);
    String writer = node.node.apiKeys().create(Role.WRITE, "writer");
    assertThat(node.call("GET", "/v1/titles/series-0001", writer).statusCode()).isEqualTo(403);
    String admin = node.node.apiKeys().create(Role.ADMIN, "admin");
    assertThat(node.call("GET", "/v1/titles/series-0001", admin).statusCode()).isEqualTo(200);
  }

  @Test
  void theSimilarRoute_isStillItsOwn() throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/titles/series-0001/similar", analyst);
    // answered by recommendations (a list, or their own 404/503), never as a title lookup
    assertThat(r.body()).doesNotContain("\"series_id\"").doesNotContain("in the catalog");
    assertThat(r.statusCode()).isIn(200, 404, 503);
  }

  @Test
  void aTrackFirstSeenInEvents_getsItsArtistFromProperties() throws Exception {
    String event = "{\"type\":\"track\",\"event\":\"Audio Content Started\",\"userId\":\"u1\","
        + "\"messageId\":\"a1\",\"properties\":{\"session_id\":\"s1\",\"asset_id\":\"track-new\","
        + "\"title\":\"Low Light\",\"program\":\"Harbour Songs\",\"artist\":\"Pale Harbour\","
        + "\"media_type\":\"audio\",\"total_length\":201,\"position\":0}}";
    assertThat(node.post("/v1/track", event, TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    node.awaitStore();

    JsonNode t = JSON.readTree(node.call("GET", "/v1/titles/track-new", analyst).body());
    assertThat(t.get("artist").asText()).isEqualTo("Pale Harbour");
    assertThat(t.get("kind").asText()).isEqualTo("track");
    assertThat(t.get("series").asText()).isEqualTo("Harbour Songs");
    assertThat(t.get("runtime_s").asInt()).isEqualTo(201);
  }

  @Test
  void aCatalogImport_replacesTheSeriesIdAndArtist() throws Exception {
    node.node.store().upsert(List.of(new Title("track-000001", "Blue Hour", "track", "Night Drive", null,
        null, List.of("jazz"), null, 214, "audio", 2021, null, "Another Set")));
    JsonNode t = JSON.readTree(node.call("GET", "/v1/titles/track-000001", analyst).body());
    assertThat(t.get("artist").asText()).isEqualTo("Another Set");
  }
}
