package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AffinityTest {
  /** Fans per taste: enough viewers that the default regularisation leaves the factors their shape. */
  private static final int FANS = 200;
  private static final Dataset DATA = dataset();
  private static final TrainedModel MODEL = TrainedModel.train(DATA);

  /**
   * Users u0..u199 watch seven of the ten sci-fi titles s0..s9, u200..u399 seven of the ten
   * romance titles r0..r9 (drawn with a fixed seed); "s-new" is a sci-fi title nobody watched yet.
   */
  private static Dataset dataset() {
    Interactions.Builder b = Interactions.builder();
    for (int g = 0; g < 2; g++) {
      for (int t = 0; t < 10; t++) {
        b.addItem(TwoTastes.title(g, t));
      }
    }
    b.addItem("s-new");
    SplittableRandom rng = new SplittableRandom(7);
    UserProfile[] profiles = new UserProfile[2 * FANS];
    for (int u = 0; u < 2 * FANS; u++) {
      int group = u < FANS ? 0 : 1;
      for (int t = 0, left = 7; t < 10; t++) {
        if (rng.nextInt(10 - t) < left) {
          b.add("u" + u, TwoTastes.title(group, t), 1, Float.NaN, 1_000_000 + u);
          left--;
        }
      }
      profiles[u] = new UserProfile(30, group == 0 ? "female" : "male", "FR", List.of());
    }
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    for (int t = 0; t < 10; t++) {
      f.set(x.items().indexOf(TwoTastes.title(0, t)), "Space " + t, List.of("sci-fi", "action"), null, "PG-13",
          "video");
      f.set(x.items().indexOf(TwoTastes.title(1, t)), "Love " + t, List.of("romance", "comedy"), null, "PG", "video");
    }
    f.set(x.items().indexOf("s-new"), "Space New", List.of("sci-fi", "action"), null, "PG-13", "video");
    UserProfile[] byRow = new UserProfile[x.userCount()];
    for (int u = 0; u < 2 * FANS; u++) {
      byRow[x.users().indexOf("u" + u)] = profiles[u];
    }
    return new Dataset(x, f.build(), byRow, 2_000_000);
  }

  private static boolean sciFiFan(String userId) {
    return Integer.parseInt(userId.substring(1)) < FANS;
  }

  /** The lowest score of a sci-fi fan must beat the highest of a romance fan. */
  private static void assertSciFiFansFirst(Map<String, Float> scores) {
    float lowestFan = Float.POSITIVE_INFINITY;
    float highestOther = Float.NEGATIVE_INFINITY;
    for (Map.Entry<String, Float> e : scores.entrySet()) {
      if (sciFiFan(e.getKey())) {
        lowestFan = Math.min(lowestFan, e.getValue());
      } else {
        highestOther = Math.max(highestOther, e.getValue());
      }
    }
    assertThat(lowestFan).isGreaterThan(highestOther);
  }

  @Test
  void affinity_ofWatchedTitle_scoresEveryUserFromTheFactors_sciFiFansAboveRomanceFans() {
    Affinity a = MODEL.affinity("s3");

    assertThat(a.basis()).isEqualTo(Affinity.COLLABORATIVE);
    assertThat(a.scores()).hasSize(2 * FANS);
    assertSciFiFansFirst(a.scores());
    assertThat(a.trainedAt()).isEqualTo(MODEL.trainedAt());
  }

  @Test
  void affinity_listsTheUsersByDescendingScore_tiesByAscendingId() {
    for (String asset : List.of("s3", "s-new")) {
      List<Map.Entry<String, Float>> entries = List.copyOf(MODEL.affinity(asset).scores().entrySet());
      List<Map.Entry<String, Float>> sorted = new java.util.ArrayList<>(entries);
      sorted.sort(Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));

      int first = 0;
      while (first < entries.size() && entries.get(first).equals(sorted.get(first))) {
        first++;
      }
      assertThat(first).as(asset + " first difference at " + first + ": "
          + entries.subList(Math.max(0, first - 2), Math.min(entries.size(), first + 3)) + " vs "
          + sorted.subList(Math.max(0, first - 2), Math.min(entries.size(), first + 3))).isEqualTo(entries.size());
    }
    // content-only scores tie: every romance fan scores 0 for a sci-fi title that shares nothing with theirs
    io.marquee.core.Title odd = new io.marquee.core.Title("odd", "Odd", "film", null, null, null,
        List.of("sci-fi"), null, 5400, "audio", 2026, null, null);
    List<String> ids = List.copyOf(MODEL.affinity("odd", odd, id -> null).scores().keySet());
    List<String> zeros = ids.stream().filter(id -> !sciFiFan(id)).toList();
    assertThat(zeros).isSorted();
  }

  @Test
  void affinity_isTheDotOfTheUserAndItemFactors() {
    ImplicitAls als = MODEL.als();
    int f = als.params().factors();
    int item = DATA.interactions().items().indexOf("r2");
    int user = DATA.interactions().users().indexOf("u25");
    double dot = 0;
    for (int k = 0; k < f; k++) {
      dot += als.userFactors[user * f + k] * als.itemFactors[item * f + k];
    }

    assertThat((double) MODEL.affinity("r2").scores().get("u25")).isCloseTo(dot, within(1e-5));
  }

  @Test
  void affinity_ofTitleNobodyWatched_blendsContentAndItsSimilarTitles_favouringViewersOfItsGenres() {
    Affinity a = MODEL.affinity("s-new");

    assertThat(a.basis()).isEqualTo(Affinity.CONTENT_AND_SIMILAR);
    assertThat(a.scores()).hasSize(2 * FANS);
    assertSciFiFansFirst(a.scores());
    // the ten sci-fi titles share both genres (similarity 1 + maturity 0.1); no romance title shares any
    assertThat(a.similarTitles()).hasSize(ColdStart.NEIGHBOURS).allSatisfy(t -> {
      assertThat(t.assetId()).startsWith("s");
      assertThat(t.similarity()).isCloseTo(1.1, within(1e-5));
    });
  }

  @Test
  void affinity_ofCatalogTitleAddedAfterTheTraining_isScoredFromItsCatalogEntry() {
    io.marquee.core.Title later = new io.marquee.core.Title("r-later", "Love Later", "film", null, null, null,
        List.of("Romance", "Comedy"), "PG", 5400, "video", 2026, null, null);

    Affinity a = MODEL.affinity("r-later", later, id -> null);

    assertThat(a.basis()).isEqualTo(Affinity.CONTENT_AND_SIMILAR);
    assertThat(a.similarTitles()).extracting(Affinity.SimilarTitle::assetId).allMatch(id -> id.startsWith("r"));
    float lowestFan = Float.POSITIVE_INFINITY;
    float highestOther = Float.NEGATIVE_INFINITY;
    for (Map.Entry<String, Float> e : a.scores().entrySet()) {
      if (sciFiFan(e.getKey())) {
        highestOther = Math.max(highestOther, e.getValue());
      } else {
        lowestFan = Math.min(lowestFan, e.getValue());
      }
    }
    assertThat(lowestFan).isGreaterThan(highestOther);
    assertThat(MODEL.affinity("r-later")).isNull();
  }

  @Test
  void affinity_ofTitleSharingNothingWithTheCatalog_isContentOnly() {
    io.marquee.core.Title odd = new io.marquee.core.Title("odd", "Odd", "film", null, null, null,
        List.of("documentary"), null, 5400, "video", 2026, null, null);

    Affinity a = MODEL.affinity("odd", odd, id -> null);

    assertThat(a.basis()).isEqualTo(Affinity.CONTENT);
    assertThat(a.similarTitles()).isEmpty();
  }

  @Test
  void affinity_ofTitleTheModelDoesNotKnow_isNull() {
    assertThat(MODEL.affinity("nope")).isNull();
  }

  @Test
  void service_givesTheLastAnswerAgain_untilTheTitlesCatalogEntryOrTheModelChanges(@TempDir Path dir) {
    RecommendationService service = new RecommendationService(() -> DATA, new ModelStore(dir), u -> true);
    service.swap(MODEL);
    java.util.Map<String, io.marquee.core.Title> catalog = new java.util.HashMap<>();
    catalog.put("r-later", new io.marquee.core.Title("r-later", "Love Later", "film", null, null, null,
        List.of("romance"), "PG", 5400, "video", 2026, null, null));
    Affinities affinities = Affinities.serving(service, id -> java.util.Optional.ofNullable(catalog.get(id)), Map::of);

    Affinity first = affinities.of("r-later").orElseThrow();
    Affinity again = affinities.of("r-later").orElseThrow();
    catalog.put("r-later", new io.marquee.core.Title("r-later", "Love Later", "film", null, null, null,
        List.of("sci-fi"), "PG", 5400, "video", 2026, null, null));
    Affinity changed = affinities.of("r-later").orElseThrow();

    assertThat(again).isSameAs(first);
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.similarTitles()).extracting(Affinity.SimilarTitle::assetId).allMatch(id -> id.startsWith("s"));
    assertThat(first.similarTitles()).extracting(Affinity.SimilarTitle::assetId).allMatch(id -> id.startsWith("r"));
  }

  @Test
  void service_withPopularityOnly_isUnavailable_andWithATrainedSet_scores(@TempDir Path dir) {
    RecommendationService service = new RecommendationService(() -> DATA, new ModelStore(dir), u -> true);
    Affinities affinities = Affinities.serving(service);

    assertThatThrownBy(() -> affinities.of("s3")).isInstanceOf(Affinities.Unavailable.class)
        .hasMessageContaining("loading");
    service.swap(TrainedModel.popularity(DATA));
    assertThatThrownBy(() -> affinities.of("s3")).isInstanceOf(Affinities.Unavailable.class)
        .hasMessageContaining("popularity");
    service.swap(MODEL);
    assertThat(affinities.of("s3")).get().extracting(Affinity::basis).isEqualTo(Affinity.COLLABORATIVE);
    assertThat(affinities.of("nope")).isEmpty();
  }
}
