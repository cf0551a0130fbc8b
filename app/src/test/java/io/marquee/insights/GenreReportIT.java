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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/insights/genres} on a hand-built data set (range 2026-10-01 .. 2026-10-28; the
 * previous period 2026-09-03 .. 2026-09-30), every figure computed here by hand.
 *
 * <p>Drama: four releases b1..b4 first viewed in September, 10 views each in their first days (5
 * completed), then d (12 views, 6 completed, and 3 more views 10 days later), e (11 views, 6
 * completed) and f (20 views, 4 completed) in October. The drama baseline is the seven releases:
 * first-7-day views 10, 10, 10, 10, 11, 12, 20, median 10, so promote needs 12: d has it (and
 * completion 0.5, the median), e (11) is just under, f has the views but completion 0.2. Comedy: one
 * episode c1 of series srs-1, 10 views of 300 s in September and 10 completed views of 540 s in
 * October: hours grew 80 %. Horror: h1 (5 views of 60 s) and h2 (25 completed views, more than any
 * other release), each seen by the same 5 viewers (small cells).
 */
class GenreReportIT {
  @TempDir static Path dataDir;
  private static TestNode node;
  private static String analyst;
  private static final String RANGE = "from=2026-10-01&to=2026-10-28";

  private static Title film(String id, String genre) {
    return new Title(id, "Film " + id, "film", null, null, null, List.of(genre), null, 600, "video", 2026, null,
        null);
  }

  private static Instant at(String day) {
    return Instant.parse(day + "T20:00:00Z");
  }

  /** {@code n} views of {@code asset} by users u00.., one an hour from {@code first}; the first {@code completed} complete. */
  private static void views(OverviewFixture f, String asset, Instant first, int n, int completed) {
    List<String> users = OverviewFixture.users("u", n);
    for (int i = 0; i < n; i++) {
      f.view(users.get(i), asset, first.plus(Duration.ofHours(i)), i < completed);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults());
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    List<Title> titles = new ArrayList<>();
    for (String id : List.of("b1", "b2", "b3", "b4", "d", "e", "f")) {
      titles.add(film(id, "drama"));
    }
    titles.add(new Title("c1", "Pilot", "episode", "Laughs", 1, 1, List.of("comedy"), null, 600, "video", 2026,
        "srs-1", null));
    titles.add(film("h1", "horror"));
    titles.add(film("h2", "horror"));
    node.node.store().upsert(titles);
    OverviewFixture f = new OverviewFixture(node);
    views(f, "b1", at("2026-09-05"), 10, 5);
    views(f, "b2", at("2026-09-06"), 10, 5);
    views(f, "b3", at("2026-09-07"), 10, 5);
    views(f, "b4", at("2026-09-08"), 10, 5);
    views(f, "d", at("2026-10-05"), 12, 6);
    views(f, "d", at("2026-10-15"), 3, 0);
    views(f, "e", at("2026-10-06"), 11, 6);
    views(f, "f", at("2026-10-07"), 20, 4);
    List<String> ten = OverviewFixture.users("u", 10);
    for (int i = 0; i < 10; i++) {
      f.play(ten.get(i), "c1", at("2026-09-10").plusSeconds(600L * i), 300, 600, "video");
      f.view(ten.get(i), "c1", at("2026-10-10").plusSeconds(600L * i), true);
    }
    views(f, "h1", at("2026-10-12"), 5, 0);
    for (int k = 0; k < 5; k++) {
      views(f, "h2", at("2026-10-20").plusSeconds(36_000L * k), 5, 5);
    }
    f.send();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static JsonNode report() throws Exception {
    return OverviewFixture.get(node, "/v1/insights/genres?" + RANGE, analyst);
  }

  private static JsonNode genre(JsonNode report, String name) {
    for (JsonNode g : report.get("genres")) {
      if (g.get("genre").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no genre " + name + " in " + report.get("genres"));
  }

  @Test
  void theLeagueTable_givesEachGenresFigures_andGrowthAgainstThePreviousPeriod() throws Exception {
    JsonNode drama = genre(report(), "drama");
    assertThat(drama.get("titles").asLong()).isEqualTo(3);
    assertThat(drama.get("views").asLong()).isEqualTo(15 + 11 + 20);
    assertThat(drama.get("unique_viewers").asLong()).isEqualTo(20);
    // d: 6 x 540 + 6 x 60 + 3 x 60; e: 6 x 540 + 5 x 60; f: 4 x 540 + 16 x 60
    assertThat(drama.get("hours_watched").asDouble()).isCloseTo((3780 + 3540 + 3120) / 3600.0, within(1e-9));
    assertThat(drama.get("completion_rate").asDouble()).isCloseTo(16.0 / 46, within(1e-9));
    assertThat(drama.get("previous_views").asLong()).isEqualTo(40);
    assertThat(drama.get("previous_hours_watched").asDouble()).isCloseTo(4 * 3000 / 3600.0, within(1e-9));
    assertThat(drama.get("growth").asDouble()).isCloseTo((46 - 40) / 40.0, within(1e-9));
    assertThat(drama.get("hours_growth").asDouble()).isCloseTo((10440 - 12000) / 12000.0, within(1e-9));

    JsonNode comedy = genre(report(), "comedy");
    assertThat(comedy.get("views").asLong()).isEqualTo(10);
    assertThat(comedy.get("hours_watched").asDouble()).isCloseTo(1.5, within(1e-9));
    assertThat(comedy.get("completion_rate").asDouble()).isEqualTo(1.0);
    assertThat(comedy.get("growth").asDouble()).isEqualTo(0.0);
    assertThat(comedy.get("hours_growth").asDouble()).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void aGenreSeenByFewerThanTenViewers_showsLessThanTen_andNothingFromWhichItCouldBeRecovered() throws Exception {
    JsonNode genres = report().get("genres");
    List<String> order = new ArrayList<>();
    genres.forEach(g -> order.add(g.get("genre").asText()));
    // horror's 25 views of 540 s (3.75 h) and 5 of 60 s are the most hours, but its rank must not tell
    assertThat(order).containsExactly("drama", "comedy", "horror");
    JsonNode horror = genre(report(), "horror");
    assertThat(horror.get("unique_viewers").asText()).isEqualTo("<10");
    for (String field : List.of("titles", "views", "hours_watched", "completion_rate", "growth", "hours_growth")) {
      assertThat(horror.get(field).isNull()).as(field).isTrue();
    }
  }

  @Test
  void newReleases_areTheTitlesFirstViewedInTheRange_withTheirFirstDaysAgainstTheGenreBaseline() throws Exception {
    JsonNode releases = report().get("new_releases");
    List<String> ids = new ArrayList<>();
    releases.forEach(r -> ids.add(r.get("asset_id").asText()));
    // busiest first; the small cells last, by first view, so h2's 25 views cannot be told by its rank
    assertThat(ids).containsExactly("f", "d", "e", "h1", "h2");
    JsonNode d = releases.get(1);
    assertThat(d.get("first_view_at").asText()).isEqualTo("2026-10-05T20:00:00Z");
    assertThat(d.get("views_7d").asLong()).isEqualTo(12);
    assertThat(d.get("views_28d").asLong()).isEqualTo(15);
    assertThat(d.get("completion_7d").asDouble()).isEqualTo(0.5);
    JsonNode base = d.get("baseline");
    assertThat(base.get("releases_7d").asInt()).isEqualTo(7);
    assertThat(base.get("median_views_7d").asDouble()).isEqualTo(10.0);
    assertThat(base.get("median_completion_7d").asDouble()).isEqualTo(0.5);
    assertThat(base.get("releases_28d").asInt()).isEqualTo(7);
    assertThat(base.get("median_views_28d").asDouble()).isEqualTo(10.0); // 10, 10, 10, 10, 11, 15, 20
    JsonNode h1 = releases.get(3);
    assertThat(h1.get("viewers_7d").asText()).isEqualTo("<10");
    assertThat(h1.get("views_7d").isNull()).isTrue();
  }

  @Test
  void promote_goesToTheReleaseAtOnePointTwoTimesTheMedian_notToOneJustUnder_norToOneWithLowCompletion()
      throws Exception {
    List<JsonNode> promote = new ArrayList<>();
    report().get("signals").forEach(s -> {
      if (s.get("signal").asText().equals("promote")) {
        promote.add(s);
      }
    });
    assertThat(promote).hasSize(1);
    JsonNode d = promote.get(0);
    assertThat(d.get("id").asText()).isEqualTo("d");
    JsonNode f = d.get("figures");
    assertThat(f.get("genre").asText()).isEqualTo("drama");
    assertThat(f.get("views_7d").asLong()).isEqualTo(12);
    assertThat(f.get("genre_median_views_7d").asDouble()).isEqualTo(10.0);
    assertThat(f.get("factor").asDouble()).isEqualTo(1.2);
    assertThat(f.get("views_threshold").asDouble()).isCloseTo(12.0, within(1e-9));
    assertThat(f.get("completion_7d").asDouble()).isEqualTo(0.5);
    assertThat(f.get("genre_median_completion_7d").asDouble()).isEqualTo(0.5);
    assertThat(f.get("baseline_releases").asInt()).isEqualTo(7);
  }

  @Test
  void makeMore_goesToTheGenreAndSeriesWhoseHoursGrewTwentyPercent_withCompletionAboveThePlatformMedian()
      throws Exception {
    List<String> found = new ArrayList<>();
    JsonNode comedy = null;
    for (JsonNode s : report().get("signals")) {
      if (s.get("signal").asText().equals("make_more")) {
        found.add(s.get("kind").asText() + ":" + s.get("id").asText());
        comedy = s.get("kind").asText().equals("genre") ? s : comedy;
      }
    }
    assertThat(found).containsExactly("genre:comedy", "series:srs-1");
    JsonNode f = comedy.get("figures");
    assertThat(f.get("hours_watched").asDouble()).isCloseTo(1.5, within(1e-9));
    assertThat(f.get("previous_hours_watched").asDouble()).isCloseTo(3000 / 3600.0, within(1e-9));
    assertThat(f.get("growth").asDouble()).isCloseTo(0.8, within(1e-9));
    assertThat(f.get("growth_threshold").asDouble()).isEqualTo(0.2);
    assertThat(f.get("completion_rate").asDouble()).isEqualTo(1.0);
    // titles with 10 viewers or more in October: d 6/15, e 6/11, f 4/20, c1 10/10
    assertThat(f.get("platform_median_completion").asDouble()).isCloseTo((6 / 15.0 + 6 / 11.0) / 2, within(1e-9));
  }

  @Test
  void theCsv_isTheLeagueTable_orTheListNamed() throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/insights/genres?" + RANGE + "&format=csv", analyst);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = r.body().split("\r?\n");
    assertThat(lines[0]).startsWith("genre,titles,views,unique_viewers,hours_watched");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("drama,3,46,20,"));
    String signals = node.call("GET", "/v1/insights/genres?" + RANGE + "&format=csv&list=signals", analyst).body();
    assertThat(signals.split("\r?\n")[0]).isEqualTo("signal,kind,id,name,figures");
    assertThat(signals).contains("promote,title,d,");
    String releases = node.call("GET", "/v1/insights/genres?" + RANGE + "&format=csv&list=new_releases", analyst)
        .body();
    assertThat(releases.split("\r?\n")).hasSize(6);
  }

  @Test
  void badParameters_get400sNamingThem() throws Exception {
    for (String q : List.of("list=nope", "limit=0", "limit=x", "from=2026-13-01", "tz=Mars/Olympus", "format=xml")) {
      HttpResponse<String> r = node.call("GET", "/v1/insights/genres?" + q, analyst);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(r.body()).as(q).contains(q.substring(0, q.indexOf('=')));
    }
  }
}
