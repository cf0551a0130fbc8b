package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/insights/titles} on {@link TitleFixture}'s platform: rows, sorts, filters, paging, growth. */
class TitleListIT {

  @TempDir static Path dir;
  private static TestNode node;
  private static String analyst;

  @BeforeAll
  static void start() throws Exception {
    node = TitleFixture.start(dir);
    analyst = TitleFixture.analyst(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  /** The list of video titles (the figures below are of the video titles; track-1 is audio). */
  private static JsonNode list(String query) throws Exception {
    return any("&media_type=video" + query);
  }

  private static JsonNode any(String query) throws Exception {
    return TitleFixture.get(node, analyst, "/v1/insights/titles", query);
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("titles").forEach(t -> out.add(t.get("asset_id").asText()));
    return out;
  }

  @Test
  void byViews_shownRowsComeFirst_andTitlesUnder10ViewersLast_byAssetId() throws Exception {
    JsonNode l = list("");
    // views: film-b 42, ep-1 30, film-a 30 (tie: by asset id), ep-2 20, film-c 20, ep-3 15; ep-4 and film-d have 5 viewers
    assertThat(ids(l)).containsExactly("film-b", "ep-1", "film-a", "ep-2", "film-c", "ep-3", "ep-4", "film-d");
    assertThat(l.get("total").asLong()).isEqualTo(8);
    JsonNode d = l.get("titles").get(7);
    assertThat(d.get("views").asText()).isEqualTo("<10");
    assertThat(d.get("unique_viewers").asText()).isEqualTo("<10");
    assertThat(d.get("hours_watched").isNull()).isTrue();
    assertThat(d.get("completion_rate").isNull()).isTrue();
  }

  @Test
  void aRow_hasTheHeadlineFigures_andGrowthAgainstThePreviousPeriod() throws Exception {
    JsonNode a = list("&q=ALP").get("titles");
    assertThat(a).hasSize(1);
    JsonNode row = a.get(0);
    assertThat(row.get("title").asText()).isEqualTo("Alpha");
    assertThat(row.get("kind").asText()).isEqualTo("film");
    assertThat(row.get("views").asLong()).isEqualTo(30);
    assertThat(row.get("unique_viewers").asLong()).isEqualTo(30);
    assertThat(row.get("hours_watched").asDouble()).isCloseTo(44200.0 / 3600, within(1e-9));
    assertThat(row.get("full_view_equivalents").asDouble()).isCloseTo(22.1, within(1e-9));
    assertThat(row.get("completion_rate").asDouble()).isCloseTo(16.0 / 30, within(1e-9));
    // 30 views against 15 in 2026-09-28..09-30
    assertThat(row.get("growth").asDouble()).isCloseTo(1.0, within(1e-12));
    assertThat(list("&q=beta").get("titles").get(0).get("growth").isNull()).isTrue(); // nothing before
  }

  @Test
  void sorts_rankHighestFirst() throws Exception {
    // full views: film-b 42, ep-1 30, film-a 22.1, ep-2 20, ep-3 (12 x 300 + 3 x 100) / 300 = 13, film-c 10
    assertThat(ids(list("&sort=full_view_equivalents"))).containsExactly("film-b", "ep-1", "film-a", "ep-2", "ep-3",
        "film-c", "ep-4", "film-d");
    // completion: ep-1, ep-2, film-b 1.0; ep-3 0.8; film-a 0.533; film-c 0
    assertThat(ids(list("&sort=completion_rate"))).containsExactly("ep-1", "ep-2", "film-b", "ep-3", "film-a",
        "film-c", "ep-4", "film-d");
    assertThat(ids(list("&sort=growth")).get(0)).isEqualTo("film-a");
    assertThat(ids(list("&sort=hours")).get(0)).isEqualTo("film-b");
  }

  @Test
  void filters_byKindGenreAndTitle_andPaging_keepTheTotal() throws Exception {
    assertThat(ids(list("&kind=film"))).containsExactly("film-b", "film-a", "film-c", "film-d");
    JsonNode drama = list("&genre=DRAMA");
    assertThat(drama.get("total").asLong()).isEqualTo(7); // all but film-c; film-b's genre is "Drama"
    JsonNode page = list("&limit=2&offset=1");
    assertThat(ids(page)).containsExactly("ep-1", "film-a");
    assertThat(page.get("total").asLong()).isEqualTo(8);
    JsonNode past = list("&limit=2&offset=100");
    assertThat(past.get("titles")).isEmpty();
    assertThat(past.get("total").asLong()).isEqualTo(8);
  }

  @Test
  void byDefault_everyMediaType_isListed_andMediaTypeChoosesOne() throws Exception {
    assertThat(ids(any("&media_type=audio"))).containsExactly("track-1");
    JsonNode all = any("");
    assertThat(all.get("total").asLong()).isEqualTo(9);
    // track-1: 24 views, after film-b's 42 and ep-1's and film-a's 30
    assertThat(ids(all).subList(0, 4)).containsExactly("film-b", "ep-1", "film-a", "track-1");
    assertThat(ids(list(""))).doesNotContain("track-1");
    assertThat(node.call("GET", "/v1/insights/titles?media_type=vinyl", analyst).statusCode()).isEqualTo(400);
  }

  @Test
  void csv_hasOneLinePerRow_withFormulaTitlesNeutralised() throws Exception {
    String body = node.call("GET", "/v1/insights/titles?" + TitleFixture.RANGE + "&kind=film&format=csv", analyst)
        .body();
    String[] lines = body.split("\r?\n");
    assertThat(lines[0]).isEqualTo(String.join(",", TitleList.COLUMNS));
    assertThat(lines).hasSize(5);
    assertThat(body).contains("film-c,'=Gamma,film,20,20,");
  }

  @Test
  void badParameters_are400NamingThem() throws Exception {
    for (String q : List.of("sort=popularity", "limit=501", "limit=0", "offset=-1", "limit=x", "from=2026-13-01",
        "format=xml")) {
      HttpResponse<String> r = node.call("GET", "/v1/insights/titles?" + q, analyst);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(r.body()).as(q).contains(q.substring(0, q.indexOf('=')));
    }
  }
}
