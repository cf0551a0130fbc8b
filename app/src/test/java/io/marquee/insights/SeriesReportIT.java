package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/insights/series/{seriesId}} on {@link TitleFixture}'s series "Saga", computed by hand. */
class SeriesReportIT {

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

  private static JsonNode report(String query) throws Exception {
    return TitleFixture.get(node, analyst, "/v1/insights/series/series-s", query);
  }

  @Test
  void episodes_areInSeasonAndEpisodeOrder_withTheirViews() throws Exception {
    JsonNode s = report("");
    assertThat(s.get("title").asText()).isEqualTo("Saga");
    JsonNode eps = s.get("episodes");
    assertThat(eps).hasSize(4);
    assertThat(eps.get(0).get("asset_id").asText()).isEqualTo("ep-1");
    assertThat(eps.get(3).get("asset_id").asText()).isEqualTo("ep-4");
    assertThat(eps.get(3).get("season").asInt()).isEqualTo(2);
    assertThat(eps.get(0).get("views").asLong()).isEqualTo(30);
    assertThat(eps.get(1).get("views").asLong()).isEqualTo(20);
    // ep-3: 12 full views and 3 of 100 s (views, not completed)
    assertThat(eps.get(2).get("views").asLong()).isEqualTo(15);
    assertThat(eps.get(2).get("completed_views").asLong()).isEqualTo(12);
    assertThat(eps.get(3).get("viewers").asText()).isEqualTo("<10");
    assertThat(eps.get(3).get("views").asText()).isEqualTo("<10");
  }

  @Test
  void theFunnel_isTheShareOfEachEpisodesViewersWhoStartTheNext_unlessEitherPartIsSmall() throws Exception {
    JsonNode eps = report("").get("episodes");
    // ep-1 -> ep-2: 20 of 30 (and 10 who did not): both shown
    assertThat(eps.get(0).get("next_starters").asLong()).isEqualTo(20);
    assertThat(eps.get(0).get("to_next").asDouble()).isCloseTo(20.0 / 30, within(1e-12));
    // ep-2 -> ep-3: 15 of 20, but the 5 who stopped are a small cell, so both go
    assertThat(eps.get(1).get("next_starters").asText()).isEqualTo("<10");
    assertThat(eps.get(1).get("to_next").isNull()).isTrue();
    // ep-3 -> ep-4: 5 of 15
    assertThat(eps.get(2).get("to_next").isNull()).isTrue();
    // the last episode has no next one
    assertThat(eps.get(3).get("to_next").isNull()).isTrue();
    assertThat(eps.get(3).get("next_starters").isNull()).isTrue();
  }

  @Test
  void seasonCompletion_isTheShareOfTheFirstEpisodesViewersWhoCompletedTheLast() throws Exception {
    JsonNode seasons = report("").get("seasons");
    assertThat(seasons).hasSize(2);
    // season 1: 12 of ep-1's 30 viewers completed ep-3
    assertThat(seasons.get(0).get("season").asInt()).isEqualTo(1);
    assertThat(seasons.get(0).get("first_episode_viewers").asLong()).isEqualTo(30);
    assertThat(seasons.get(0).get("completed_last").asLong()).isEqualTo(12);
    assertThat(seasons.get(0).get("completion").asDouble()).isCloseTo(0.4, within(1e-12));
    // season 2: 5 viewers
    assertThat(seasons.get(1).get("first_episode_viewers").asText()).isEqualTo("<10");
    assertThat(seasons.get(1).get("completion").isNull()).isTrue();
  }

  @Test
  void csv_listsTheEpisodes_andAnUnknownSeriesIs404() throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/insights/series/series-s?" + TitleFixture.RANGE + "&format=csv",
        analyst);
    String[] lines = r.body().split("\r?\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).isEqualTo(String.join(",", SeriesReport.COLUMNS));
    assertThat(lines[1]).startsWith("ep-1,Saga 1x1,1,1,30,30,30,20,0.66");
    HttpResponse<String> missing = node.call("GET", "/v1/insights/series/no-such-series", analyst);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("no-such-series");
  }
}
