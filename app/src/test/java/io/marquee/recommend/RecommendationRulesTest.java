package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationRulesTest {
  // Items by descending score: two adult films, four episodes of one series, a song, two dramas.
  private static final List<String> IDS = List.of(
      "alien", "heat", "exp1", "exp2", "exp3", "exp4", "song", "drama1", "drama2");
  private final IdIndex index = new IdIndex(IDS);
  private final ItemFeatures items = ItemFeatures.builder(index)
      .set(0, "Alien", List.of("sci-fi", "horror"), null, "R", "video")
      .set(1, "Heat", List.of("crime"), null, "TV-MA", "video")
      .set(2, "The Expanse 1", List.of("sci-fi"), "The Expanse", "TV-14", "video")
      .set(3, "The Expanse 2", List.of("sci-fi"), "The Expanse", "TV-14", "video")
      .set(4, "The Expanse 3", List.of("sci-fi"), "The Expanse", "TV-14", "video")
      .set(5, "The Expanse 4", List.of("sci-fi"), "The Expanse", "TV-14", "video")
      .set(6, "Song", List.of("pop"), "Hits", null, "audio")
      .set(7, "Drama 1", List.of("drama"), null, "PG", "video")
      .set(8, "Drama 2", List.of("drama"), null, "PG", "video")
      .build();
  private final float[] scores = {9, 8, 7, 6, 5, 4, 3, 2, 1};
  private final RecommendationRules rules =
      new RecommendationRules(items, new RecommendationRules.Settings(1.0, 10, 5));

  private static UserContext user(int age, int... watched) {
    float[] w = new float[watched.length];
    Arrays.fill(w, 1);
    return new UserContext(0, watched, w, new UserProfile(age, null, null, null));
  }

  private List<String> ids(RecommendationRules r, UserContext u, RecommendationRules.Request q) {
    return r.apply(scores, u, q, i -> null).stream().map(Recommendation::assetId).toList();
  }

  private List<String> ids(UserContext u, int n) {
    return ids(rules, u, new RecommendationRules.Request(n, null, null));
  }

  @Test
  void watchedVideo_isLeftOut_butMusicReplaysAreAllowed() {
    List<String> list = ids(user(30, 0, 2, 6), 9);
    assertThat(list).doesNotContain("alien", "exp1").contains("song");
    assertThat(list).containsExactly("heat", "exp2", "exp3", "exp4", "song", "drama1", "drama2");
  }

  @Test
  void minors_getNoAdultTitles_andNeitherDoUsersOfUnknownAge() {
    assertThat(ids(user(16), 9)).doesNotContain("alien", "heat").hasSize(7);
    assertThat(ids(user(-1), 9)).doesNotContain("alien", "heat").hasSize(7);
    assertThat(ids(user(17), 9)).startsWith("alien", "heat");
  }

  @Test
  void filters_selectMediaTypeAndGenre() {
    assertThat(ids(rules, user(30), new RecommendationRules.Request(5, "audio", null)))
        .containsExactly("song");
    assertThat(ids(rules, user(30), new RecommendationRules.Request(3, "video", "Drama")))
        .containsExactly("drama1", "drama2");
    assertThat(ids(rules, user(30), new RecommendationRules.Request(3, null, "western"))).isEmpty();
  }

  @Test
  void seriesCap_holdsBackAThirdEpisode() {
    RecommendationRules capped =
        new RecommendationRules(items, new RecommendationRules.Settings(1.0, 2, 5));
    assertThat(ids(capped, user(16), new RecommendationRules.Request(4, null, null)))
        .containsExactly("exp1", "exp2", "song", "drama1");
  }

  @Test
  void genreCap_limitsTheShareOfAPrimaryGenre() {
    // n = 5, share 0.4: at most two items whose primary genre is sci-fi.
    RecommendationRules capped =
        new RecommendationRules(items, new RecommendationRules.Settings(0.4, 10, 5));
    assertThat(ids(capped, user(30), new RecommendationRules.Request(5, null, null)))
        .containsExactly("alien", "heat", "exp1", "song", "drama1");
  }

  @Test
  void caps_areSoft_whenTheyWouldLeaveTheListShort() {
    RecommendationRules capped =
        new RecommendationRules(items, new RecommendationRules.Settings(0.2, 1, 5));
    // Only sci-fi episodes are eligible for this genre request: the held-back ones fill the list.
    assertThat(ids(capped, user(30), new RecommendationRules.Request(3, null, "sci-fi")))
        .containsExactly("alien", "exp1", "exp2");
  }

  @Test
  void everyItem_isExplained_byTheExplainerOrAsPopular() {
    UserContext u = user(30, 7);
    List<Recommendation> list = rules.apply(scores, u, new RecommendationRules.Request(3, null, null),
        i -> i == 1 ? new Explanation("watched", "because you watched Drama 1", 7) : null);
    assertThat(list).extracting(r -> r.explanation().text())
        .containsExactly("popular on Marquee", "because you watched Drama 1", "popular on Marquee");
    assertThat(list.get(1).score()).isEqualTo(8f);
    assertThat(list.get(1).item()).isEqualTo(1);
  }

  @Test
  void seriesCap_countsASeriesRowAndItsEpisodesTogether() {
    // Regression: a list held two episodes plus the series row of the same show.
    IdIndex shows = new IdIndex(List.of("show", "show-e1", "show-e2", "late-e3", "film", "song"));
    ItemFeatures f = ItemFeatures.builder(shows)
        .set(0, "Northern Lights", "series", List.of("drama"), "show", null, "TV-14", "video")
        .set(1, "Pilot", "episode", List.of("drama"), "show", "Northern Lights", "TV-14", "video")
        .set(2, "The Thaw", "episode", List.of("drama"), "show", "Northern Lights", "TV-14", "video")
        // first seen in events: no series_id, only the series' name
        .set(3, "Ice", "episode", List.of("drama"), null, "Northern Lights", "TV-14", "video")
        .set(4, "Heat", "film", List.of("crime"), null, null, "PG", "video")
        .set(5, "Song", "track", List.of("pop"), null, "Hits", null, "audio")
        .build();
    RecommendationRules capped = new RecommendationRules(f, new RecommendationRules.Settings(1.0, 2, 5));
    List<Recommendation> list = capped.apply(new float[] {6, 5, 4, 3, 2, 1}, user(30),
        new RecommendationRules.Request(4, null, null), i -> null);
    assertThat(list).extracting(Recommendation::assetId).containsExactly("show", "show-e1", "film", "song");
    assertThat(f.seriesOf(3)).isEqualTo(f.seriesOf(0));
    assertThat(f.seriesName(f.seriesOf(0))).isEqualTo("Northern Lights");
  }

  @Test
  void everyItem_carriesItsTitleAndKind() {
    IdIndex two = new IdIndex(List.of("heat", "unnamed"));
    ItemFeatures f = ItemFeatures.builder(two)
        .set(0, "Heat", "film", List.of("crime"), null, null, "PG", "video").build();
    List<Recommendation> list = new RecommendationRules(f, RecommendationRules.Settings.defaults())
        .apply(new float[] {2, 1}, user(30), new RecommendationRules.Request(2, null, null), i -> null);
    assertThat(list).extracting(Recommendation::title, Recommendation::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Heat", "film"),
            org.assertj.core.groups.Tuple.tuple("unnamed", null));
  }
}
