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

/** {@code GET /v1/insights/titles/{assetId}} on {@link TitleFixture}'s platform, every figure computed by hand. */
class TitleReportIT {
  private static final double EPS = 1e-9;

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

  private static JsonNode report(String asset, String query) throws Exception {
    return TitleFixture.get(node, analyst, "/v1/insights/titles/" + asset, query);
  }

  private static List<Double> numbers(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asDouble()));
    return out;
  }

  @Test
  void headlineFigures_countViewsByThe30SecondRule_andHoursOfViews() throws Exception {
    JsonNode a = report("film-a", "");
    // 32 starts; u30 and u31 watched 20 s, so 30 views by 30 viewers
    assertThat(a.get("starts").asLong()).isEqualTo(32);
    assertThat(a.get("views").asLong()).isEqualTo(30);
    assertThat(a.get("unique_viewers").asLong()).isEqualTo(30);
    // 16 x 2000 + 8 x 1000 + 6 x (200 + 500) = 44,200 s = 12.2778 h; runtime 2000 s: 22.1 full views
    assertThat(a.get("hours_watched").asDouble()).isCloseTo(44200.0 / 3600, within(EPS));
    assertThat(a.get("full_view_equivalents").asDouble()).isCloseTo(22.1, within(EPS));
    assertThat(a.get("completion_rate").asDouble()).isCloseTo(16.0 / 30, within(EPS));
    // (16 x 1 + 8 x 0.5 + 6 x 0.35) / 30
    assertThat(a.get("avg_share_watched").asDouble()).isCloseTo(22.1 / 30, within(EPS));
    // second 30 was watched in 30 of the 32 starts
    assertThat(a.get("intro").asDouble()).isCloseTo(30.0 / 32, within(EPS));
    assertThat(a.get("title").asText()).isEqualTo("Alpha");
    assertThat(a.get("kind").asText()).isEqualTo("film");
    assertThat(a.get("runtime_s").asInt()).isEqualTo(2000);
    assertThat(a.get("range").get("from").asText()).isEqualTo("2026-10-01");
    assertThat(a.get("freshness").has("as_of")).isTrue();
    assertThat(a.get("freshness").has("baselines_as_of")).isTrue();
  }

  @Test
  void retention_followsASkipAhead_upwards_andItsDropOffsAreTheLargestFalls() throws Exception {
    JsonNode a = report("film-a", "");
    // point k is second 100k (k = 20: 1999). Points 0, 1: all 30; 2..9: the 24 that watched past 200;
    // 10..14: the 16 full views; 15..20: the 16 and the 6 who skipped to 1500 (22).
    List<Double> expected = new ArrayList<>();
    for (int k = 0; k <= 20; k++) {
      expected.add(k <= 1 ? 1.0 : k <= 9 ? 24.0 / 30 : k <= 14 ? 16.0 / 30 : 22.0 / 30);
    }
    List<Double> curve = numbers(a.get("retention"));
    assertThat(curve).hasSize(21);
    for (int k = 0; k <= 20; k++) {
      assertThat(curve.get(k)).as("point " + k).isCloseTo(expected.get(k), within(EPS));
    }
    JsonNode d = a.get("drop_offs");
    assertThat(d).hasSize(2); // 14 -> 15 is a rise, not a drop-off
    assertThat(d.get(0).get("from_point").asInt()).isEqualTo(9);
    assertThat(d.get(0).get("to_percent").asInt()).isEqualTo(50);
    assertThat(d.get(0).get("fall").asDouble()).isCloseTo(8.0 / 30, within(EPS));
    assertThat(d.get(1).get("from_point").asInt()).isEqualTo(1);
    assertThat(d.get(1).get("fall").asDouble()).isCloseTo(6.0 / 30, within(EPS));
  }

  @Test
  void daily_isPerDayInTheRequestedZone_withSmallDaysAndTheirComplementSuppressed() throws Exception {
    JsonNode utc = report("film-a", "").get("daily");
    // UTC: 10-01 12 viewers, 10-02 18, 10-03 none. 10-03 is under 10, so 10-01, the next smallest, goes too.
    assertThat(utc).hasSize(3);
    assertThat(utc.get(0).get("date").asText()).isEqualTo("2026-10-01");
    assertThat(utc.get(0).get("views").asText()).isEqualTo("<10");
    assertThat(utc.get(0).get("hours").isNull()).isTrue();
    assertThat(utc.get(1).get("views").asLong()).isEqualTo(18);
    assertThat(utc.get(1).get("viewers").asLong()).isEqualTo(18);
    // u12..u15 2000 s, u16..u23 1000 s, u24..u29 700 s
    assertThat(utc.get(1).get("hours").asDouble()).isCloseTo(20200.0 / 3600, within(EPS));
    assertThat(utc.get(2).get("viewers").asText()).isEqualTo("<10");

    // New York: the views of 02:00 UTC on 10-02 were at 22:00 on 10-01, so 10-01 has all 30 (two empty days hidden)
    JsonNode ny = report("film-a", "&tz=America/New_York").get("daily");
    assertThat(ny.get(0).get("views").asLong()).isEqualTo(30);
    assertThat(ny.get(0).get("hours").asDouble()).isCloseTo(44200.0 / 3600, within(EPS));
    assertThat(ny.get(1).get("views").asText()).isEqualTo("<10");
  }

  @Test
  void audience_hasShareAndIndexAgainstActiveViewers_andSuppressesSmallCellsAndTheirComplement() throws Exception {
    JsonNode cells = report("film-a", "").get("audience");
    // ages of film-a's 30 viewers: 16 25-34, 11 35-44, 3 18-24. 18-24 is small; 35-44 is its complement.
    // platform: 20 of 60 active viewers are 25-34, so index = 100 x (16/30) / (20/60) = 160
    JsonNode age = cell(cells, "age_bracket", "25-34");
    assertThat(age.get("viewers").asLong()).isEqualTo(16);
    assertThat(age.get("share").asDouble()).isCloseTo(16.0 / 30, within(EPS));
    assertThat(age.get("index").asDouble()).isCloseTo(160, within(EPS));
    for (String v : List.of("35-44", "18-24")) {
      JsonNode c = cell(cells, "age_bracket", v);
      assertThat(c.get("viewers").asText()).isEqualTo("<10");
      assertThat(c.get("share").isNull()).isTrue();
      assertThat(c.get("index").isNull()).isTrue();
    }
    // gender: 20 female, 10 male of 30; platform 20 female of 60: indices 200 and 50
    assertThat(cell(cells, "gender", "female").get("index").asDouble()).isCloseTo(200, within(EPS));
    assertThat(cell(cells, "gender", "male").get("index").asDouble()).isCloseTo(50, within(EPS));
    assertThat(cell(cells, "country", "US").get("index").asDouble()).isCloseTo(100, within(EPS));
  }

  @Test
  void resonatesWith_isIndexAtLeast120_andSignificantByTheTwoProportionZTest() throws Exception {
    JsonNode r = report("film-a", "").get("resonates_with");
    // female: 20 of 30 title viewers against 0 of the 30 other active viewers; pooled p = 20/60 = 1/3;
    // se = sqrt(1/3 x 2/3 x (1/30 + 1/30)) = 0.1217161; z = (0.6667 - 0) / 0.1217161 = 5.477226;
    // p = erfc(5.477226 / sqrt 2) = 4.3205e-8.
    // 25-34: 16 of 30 against (20 - 16) = 4 of 30: same pooled p and se, z = 0.4 / 0.1217161 = 3.286335,
    // p = 0.0010150. Male (index 50) and US (100) are below 120.
    assertThat(r).hasSize(2);
    assertThat(r.get(0).get("value").asText()).isEqualTo("female");
    assertThat(r.get(0).get("viewers").asLong()).isEqualTo(20);
    assertThat(r.get(0).get("index").asDouble()).isCloseTo(200, within(EPS));
    assertThat(r.get(0).get("p_value").asDouble()).isCloseTo(4.320463057827508e-08, within(1e-13));
    assertThat(r.get(1).get("value").asText()).isEqualTo("25-34");
    assertThat(r.get(1).get("p_value").asDouble()).isCloseTo(0.0010150009471130675, within(1e-9));
  }

  @Test
  void similar_isByCosineOfCoViewers_withAtLeast10CoViewers() throws Exception {
    JsonNode s = report("film-a", "").get("similar");
    // film-c: 10 of film-a's 30 viewers among its 20: 10 / sqrt(30 x 20) = 0.408248;
    // film-b: 12 among its 42: 12 / sqrt(30 x 42) = 0.338062. film-d and the episodes share no viewer with it;
    // track-1 shares 12 (12 / sqrt(30 x 24) = 0.447) but is audio.
    assertThat(s).hasSize(2);
    assertThat(s.get(0).get("asset_id").asText()).isEqualTo("film-c");
    assertThat(s.get(0).get("co_viewers").asLong()).isEqualTo(10);
    assertThat(s.get(0).get("score").asDouble()).isCloseTo(0.408248290463863, within(EPS));
    assertThat(s.get(1).get("asset_id").asText()).isEqualTo("film-b");
    assertThat(s.get(1).get("co_viewers").asLong()).isEqualTo(12);
    assertThat(s.get(1).get("score").asDouble()).isCloseTo(0.3380617018914066, within(EPS));
  }

  @Test
  void relativeRetention_isAgainstTheMedianOfFilmsOfSimilarRuntime() throws Exception {
    JsonNode rel = report("film-a", "").get("relative_retention");
    // peers (film, 1500..2500 s, >= 20 views): film-b (2100 s, all watched: 1 everywhere) and film-c
    // (1900 s, [0, 950): points 0..9 only); film-d has 5 views. Median: 1 for 0..9, 0.5 for 10..20.
    assertThat(rel.get("peers").asInt()).isEqualTo(2);
    List<Double> median = numbers(rel.get("median"));
    List<Double> diff = numbers(rel.get("difference"));
    for (int k = 0; k <= 20; k++) {
      assertThat(median.get(k)).isCloseTo(k <= 9 ? 1.0 : 0.5, within(EPS));
      double own = k <= 1 ? 1.0 : k <= 9 ? 24.0 / 30 : k <= 14 ? 16.0 / 30 : 22.0 / 30;
      assertThat(diff.get(k)).isCloseTo(own - median.get(k), within(EPS));
    }
  }

  @Test
  void ratingWatchlistAndConcurrentViewers_countDistinctUsers_withTheLatestRatingOfEach() throws Exception {
    JsonNode a = report("film-a", "");
    // u00 re-rated 5, u01..u11 rated 4: (5 + 11 x 4) / 12
    assertThat(a.get("rating").get("average").asDouble()).isCloseTo(49.0 / 12, within(EPS));
    assertThat(a.get("rating").get("count").asLong()).isEqualTo(12);
    assertThat(a.get("watchlist_adds").asText()).isEqualTo("<10"); // three adds
    assertThat(a.get("concurrent_viewers").asLong()).isEqualTo(10); // u10's session of now was exited
  }

  @Test
  void aTitleWithFewerThan10Viewers_showsNoFigureBuiltFromThem() throws Exception {
    JsonNode d = report("film-d", "");
    assertThat(d.get("views").asText()).isEqualTo("<10");
    assertThat(d.get("unique_viewers").asText()).isEqualTo("<10");
    assertThat(d.get("starts").asText()).isEqualTo("<10");
    for (String f : List.of("hours_watched", "full_view_equivalents", "completion_rate", "avg_share_watched",
        "retention", "intro")) {
      assertThat(d.get(f).isNull()).as(f).isTrue();
    }
    assertThat(d.get("drop_offs")).isEmpty();
    assertThat(d.get("audience")).isEmpty();
    assertThat(d.get("similar")).isEmpty();
    assertThat(d.get("rating").get("average").isNull()).isTrue();
    assertThat(d.get("concurrent_viewers").asText()).isEqualTo("<10");
    d.get("daily").forEach(day -> assertThat(day.get("views").asText()).isEqualTo("<10"));
  }

  @Test
  void csv_answersTheChosenList_withFormulaTitlesNeutralised() throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/insights/titles/film-a?" + TitleFixture.RANGE
        + "&format=csv&list=similar", analyst);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = r.body().split("\r?\n");
    assertThat(lines[0]).isEqualTo("asset_id,title,co_viewers,viewers,score");
    assertThat(lines[1]).startsWith("film-c,'=Gamma,10,20,0.408");
    String retention = node.call("GET", "/v1/insights/titles/film-a?" + TitleFixture.RANGE
        + "&format=csv&list=retention", analyst).body();
    assertThat(retention.split("\r?\n")).hasSize(22);
    assertThat(retention).startsWith("point,percent,retention,median,difference");
    String audience = node.call("GET", "/v1/insights/titles/film-a?" + TitleFixture.RANGE
        + "&format=csv&list=audience", analyst).body();
    assertThat(audience).contains("age_bracket,25-34,16,0.5333").contains("\nage_bracket,35-44,<10,,\n");
    String daily = node.call("GET", "/v1/insights/titles/film-a?" + TitleFixture.RANGE + "&format=csv", analyst).body();
    assertThat(daily.split("\r?\n")).containsExactly("date,views,hours,viewers", "2026-10-01,<10,,<10",
        "2026-10-02,18," + (20200.0 / 3600) + ",18", "2026-10-03,<10,,<10");
  }

  @Test
  void badParameters_are400NamingThem_andAnUnknownTitleIs404() throws Exception {
    HttpResponse<String> list = node.call("GET", "/v1/insights/titles/film-a?list=weekly", analyst);
    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(list.body()).contains("list");
    HttpResponse<String> tz = node.call("GET", "/v1/insights/titles/film-a?tz=Mars/Olympus", analyst);
    assertThat(tz.statusCode()).isEqualTo(400);
    assertThat(tz.body()).contains("tz");
    HttpResponse<String> missing = node.call("GET", "/v1/insights/titles/no-such-film", analyst);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("no-such-film");
  }

  private static JsonNode cell(JsonNode cells, String dimension, String value) {
    for (JsonNode c : cells) {
      if (c.get("dimension").asText().equals(dimension) && c.get("value").asText().equals(value)) {
        return c;
      }
    }
    throw new AssertionError("no cell " + dimension + "=" + value + " in " + cells);
  }
}
