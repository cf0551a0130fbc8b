package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marquee.core.Title;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartTest {
  /**
   * Four titles: a (horror, R, 2020, watched by u0, u1), b (horror and thriller, R, 2010, watched by
   * u2), c (comedy, PG, 2020, watched by u3) and d (a horror track, 2020, watched by u0); no factors.
   */
  private static final Dataset DATA = dataset();
  private static final Map<String, Integer> YEARS = Map.of("a", 2020, "b", 2010, "c", 2020, "d", 2020);

  private static Dataset dataset() {
    Interactions.Builder b = Interactions.builder();
    for (String i : List.of("a", "b", "c", "d")) {
      b.addItem(i);
    }
    b.add("u0", "a", 2, Float.NaN, 1).add("u1", "a", 1, Float.NaN, 1).add("u2", "b", 1, Float.NaN, 1)
        .add("u3", "c", 1, Float.NaN, 1).add("u0", "d", 1, Float.NaN, 1);
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    f.set(x.items().indexOf("a"), "A", List.of("horror"), null, "R", "video");
    f.set(x.items().indexOf("b"), "B", List.of("horror", "thriller"), null, "R", "video");
    f.set(x.items().indexOf("c"), "C", List.of("comedy"), null, "PG", "video");
    f.set(x.items().indexOf("d"), "D", List.of("horror"), null, null, "audio");
    return new Dataset(x, f.build(), new UserProfile[0], 2);
  }

  private static ColdStart coldStart() {
    ContentBased content = new ContentBased();
    content.fit(DATA);
    return new ColdStart(DATA, content, null);
  }

  private static int item(String id) {
    return DATA.interactions().items().indexOf(id);
  }

  @Test
  void similarity_addsGenreCosineYearAndMaturity_andIgnoresOtherMediaAndUnsharedGenres() {
    ColdStart cold = coldStart();
    // a new R horror film of 2020 with one genre nobody carries ("slasher")
    ColdStart.Description t = cold.describe(new Title("new", "New", "film", null, null, null,
        List.of("Horror", "slasher"), "R", 5400, "video", 2020, null, null));
    double idfHorror = Math.log(1 + 4.0 / (1 + 3)); // horror on a, b, d of 4 items
    double idfThriller = Math.log(1 + 4.0 / (1 + 1));
    double idfUnknown = Math.log(1 + 4.0);
    double norm = Math.sqrt(idfHorror * idfHorror + idfUnknown * idfUnknown);

    double toA = idfHorror * idfHorror / (norm * idfHorror) + ColdStart.YEAR + ColdStart.MATURITY;
    double toB = idfHorror * idfHorror / (norm * Math.sqrt(idfHorror * idfHorror + idfThriller * idfThriller))
        + ColdStart.YEAR * (1 - 10.0 / ColdStart.YEAR_SPAN) + ColdStart.MATURITY;

    assertThat(t.unknownGenres()).isEqualTo(1);
    assertThat((double) cold.similarity(t, item("a"), 2020)).isCloseTo(toA, within(1e-5));
    assertThat((double) cold.similarity(t, item("b"), 2010)).isCloseTo(toB, within(1e-5));
    assertThat(cold.similarity(t, item("c"), 2020)).isZero(); // no shared genre
    assertThat(cold.similarity(t, item("d"), 2020)).isZero(); // a track
    assertThat(cold.neighbours(t, -1, 10, i -> YEARS.get(DATA.interactions().items().id(i))))
        .extracting(ColdStart.Neighbour::item, ColdStart.Neighbour::viewers)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(item("a"), 2), org.assertj.core.groups.Tuple.tuple(item("b"), 1));
  }

  @Test
  void similarPart_withoutFactors_isTheSimilarityWeightedMeanOfTheNeighboursFeedback() {
    ColdStart cold = coldStart();
    List<ColdStart.Neighbour> two = List.of(new ColdStart.Neighbour(item("a"), 3, 2), new ColdStart.Neighbour(item("b"), 1, 1));

    float[] part = cold.similarPart(two);

    Interactions x = DATA.interactions();
    assertThat(part[x.users().indexOf("u0")]).isCloseTo(0.75f * 2, within(1e-6f));
    assertThat(part[x.users().indexOf("u1")]).isCloseTo(0.75f, within(1e-6f));
    assertThat(part[x.users().indexOf("u2")]).isCloseTo(0.25f, within(1e-6f));
    assertThat(part[x.users().indexOf("u3")]).isZero();
  }

  @Test
  void contentPart_isWhatContentBasedScoresEachUser_forAnUnwatchedItem_onRandomHistoriesInterestsSeriesAndRatings() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    List<String> genres = List.of("drama", "comedy", "horror", "family", "sci-fi", "crime");
    List<String> ratings = java.util.Arrays.asList("G", "PG", "PG-13", "R", null);
    Interactions.Builder b = Interactions.builder();
    for (int i = 0; i < 30; i++) {
      b.addItem("i" + i);
    }
    b.addItem("new"); // described, nobody watched it: ContentBased gives it no popularity prior
    for (int u = 0; u < 50; u++) {
      b.addUser("u" + u);
      for (int i = 0; i < 30; i++) {
        if (rng.nextInt(4) == 0) {
          b.add("u" + u, "i" + i, 0.2f + 3 * (float) rng.nextDouble(), Float.NaN, 1);
        }
      }
    }
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    for (int i = 0; i < 30; i++) {
      f.set(x.items().indexOf("i" + i), "T" + i, List.of(genres.get(rng.nextInt(6)), genres.get(rng.nextInt(6))),
          i % 3 == 0 ? "show " + i % 2 : null, ratings.get(rng.nextInt(5)), "video");
    }
    f.set(x.items().indexOf("new"), "New", "episode", List.of("horror", "crime", "western"), null, "show 0", "PG-13",
        "video");
    UserProfile[] profiles = new UserProfile[x.userCount()];
    for (int u = 0; u < 50; u += 2) {
      profiles[x.users().indexOf("u" + u)] = new UserProfile(30, "f", "FR",
          u % 4 == 0 ? List.of("Horror", "crime", "unknown genre") : List.of());
    }
    Dataset data = new Dataset(x, f.build(), profiles, 1);
    ContentBased content = new ContentBased();
    content.fit(data);
    ColdStart cold = new ColdStart(data, content, null);
    int item = x.items().indexOf("new");
    ColdStart.Description t = cold.describe(item, null);

    float[] part = cold.contentPart(t);

    assertThat(t.series()).isNotNegative();
    float[] want = new float[1];
    int nonZero = 0;
    for (int u = 0; u < x.userCount(); u++) {
      content.score(UserContext.of(data, u), Candidates.of(x.itemCount(), item), want);
      assertThat(part[u]).as("user %d", u).isCloseTo(want[0], within(1e-5f));
      nonZero += want[0] != 0 ? 1 : 0;
    }
    assertThat(nonZero).isGreaterThan(40);
  }

  @Test
  void describe_mapsAnEpisodeOntoItsSeriesByTheSeriesId() {
    Interactions.Builder b = Interactions.builder();
    b.addItem("s");
    b.addItem("e1");
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    f.set(x.items().indexOf("s"), "Show", "series", List.of("drama"), "s", null, null, "video");
    f.set(x.items().indexOf("e1"), "Ep 1", "episode", List.of("drama"), "s", "Show", null, "video");
    Dataset data = new Dataset(x, f.build(), new UserProfile[0], 0);
    ContentBased content = new ContentBased();
    content.fit(data);

    ColdStart.Description e2 = new ColdStart(data, content, null).describe(new Title("e2", "Ep 2", "episode", "Show",
        1, 2, List.of("drama"), null, 3000, "video", 2026, "s", null));

    assertThat(e2.series()).isEqualTo(data.items().seriesOf(x.items().indexOf("e1"))).isNotNegative();
  }
}
