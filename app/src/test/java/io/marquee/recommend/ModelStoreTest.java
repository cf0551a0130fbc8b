package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dataDir;

  /** 200 users with 15 views each among 60 titles, two genres, profiles on even users. */
  static Dataset sample() {
    SplittableRandom rng = new SplittableRandom(7);
    Interactions.Builder b = Interactions.builder();
    for (int i = 0; i < 60; i++) {
      b.addItem("t" + i);
    }
    for (int u = 0; u < 200; u++) {
      for (int k = 0; k < 15; k++) {
        int item = (u % 2) * 30 + rng.nextInt(30);
        b.add("u" + u, "t" + item, 1f, Float.NaN, 1_000 + k);
      }
    }
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    for (int i = 0; i < 60; i++) {
      f.set(x.items().indexOf("t" + i), "Title " + i, List.of(i < 30 ? "drama" : "comedy"),
          i % 10 == 0 ? "Series " + i / 10 : null, i % 3 == 0 ? "R" : "PG", "video");
    }
    UserProfile[] profiles = new UserProfile[x.userCount()];
    for (int u = 0; u < profiles.length; u += 2) {
      profiles[u] = new UserProfile(20 + u % 40, "female", "FR", List.of("drama"));
    }
    return new Dataset(x, f.build(), profiles, 2_000);
  }

  @Test
  void aSavedModel_loadsBack_andScoresTheSame() throws Exception {
    TrainedModel model = TrainedModel.train(sample());
    ModelStore store = new ModelStore(dataDir);
    Path published = store.save(model);

    assertThat(Files.readString(dataDir.resolve("models/current")).strip())
        .isEqualTo(published.getFileName().toString());
    TrainedModel loaded = store.loadCurrent().orElseThrow();
    assertThat(loaded.userCount()).isEqualTo(model.userCount());
    assertThat(loaded.trainedAt()).isEqualTo(model.trainedAt());
    RecommendationRules.Request request = new RecommendationRules.Request(10, null, null);
    for (String user : List.of("u0", "u1", "u42")) {
      List<Recommendation> before =
          model.recommendations().forUser(model.user(user), true, request).items();
      List<Recommendation> after =
          loaded.recommendations().forUser(loaded.user(user), true, request).items();
      assertThat(after).isEqualTo(before);
    }
    assertThat(loaded.data().profile(0)).isEqualTo(model.data().profile(0));
  }

  @Test
  void onlyTheNewestSetsAreKept_andNoTempDirRemains() throws Exception {
    TrainedModel model = TrainedModel.train(sample());
    ModelStore store = new ModelStore(dataDir);
    for (int k = 0; k < ModelStore.KEEP + 2; k++) {
      store.save(model);
    }
    try (var sets = Files.list(dataDir.resolve("models"))) {
      assertThat(sets.filter(Files::isDirectory).toList()).hasSize(ModelStore.KEEP)
          .noneMatch(p -> p.getFileName().toString().startsWith("."));
    }
  }

  @Test
  void afterAnErasure_onlyTheCurrentSetRemains_andStillLoads() throws Exception {
    TrainedModel model = TrainedModel.train(sample());
    ModelStore store = new ModelStore(dataDir);
    for (int k = 0; k < ModelStore.KEEP; k++) {
      store.save(model);
    }
    store.dropOlderSets();
    try (var sets = Files.list(dataDir.resolve("models"))) {
      assertThat(sets.filter(Files::isDirectory).toList()).hasSize(1);
    }
    assertThat(store.loadCurrent()).isPresent();
  }

  @Test
  void withoutASavedSet_nothingLoads() throws Exception {
    assertThat(new ModelStore(dataDir).loadCurrent()).isEmpty();
  }

  @Test
  void kindsAndSeriesKeys_loadBack() throws Exception {
    Dataset data = sample();
    ItemFeatures.Builder f = ItemFeatures.builder(data.items().items());
    f.set(0, "Show", "series", List.of("drama"), "t0", null, "TV-14", "video");
    f.set(1, "Episode", "episode", List.of("drama"), "t0", "Show", "TV-14", "video");
    TrainedModel model = TrainedModel.train(
        new Dataset(data.interactions(), f.build(), new UserProfile[0], data.now()));
    ItemFeatures loaded = roundTrip(model, 2).data().items();
    assertThat(loaded.kind(0)).isEqualTo("series");
    assertThat(loaded.kind(1)).isEqualTo("episode");
    assertThat(loaded.seriesOf(1)).isEqualTo(loaded.seriesOf(0)).isNotNegative();
    assertThat(loaded.title(2)).isEqualTo("t2"); // no title: the asset id, as before
  }

  @Test
  void aVersion1Set_stillLoads_withoutKinds() throws Exception {
    TrainedModel model = TrainedModel.train(sample());
    TrainedModel loaded = roundTrip(model, 1);
    ItemFeatures f = loaded.data().items();
    assertThat(f.kind(0)).isNull();
    assertThat(f.title(0)).isEqualTo("Title 0");
    assertThat(f.seriesName(f.seriesOf(10))).isEqualTo("Series 1");
    RecommendationRules.Request request = new RecommendationRules.Request(10, null, null);
    assertThat(loaded.recommendations().forUser(loaded.user("u1"), true, request).items())
        .extracting(Recommendation::assetId)
        .isEqualTo(model.recommendations().forUser(model.user("u1"), true, request).items().stream()
            .map(Recommendation::assetId).toList());
  }

  private static TrainedModel roundTrip(TrainedModel model, int version) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      ModelStore.write(model, out, version);
    }
    return ModelStore.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
  }
}
