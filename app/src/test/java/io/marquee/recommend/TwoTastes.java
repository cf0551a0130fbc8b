package io.marquee.recommend;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A small fixture with two taste groups: users u0..u19 watch sci-fi titles s0..s9, users u20..u39
 * romance titles r0..r9, each seven of their group's ten titles drawn with a fixed seed. Users of
 * the first group are 30-year-old women in FR, of the second 16-year-old boys in US. Title s9 is
 * rated R; r8 and r9 are episodes of the series "Love Boat".
 */
final class TwoTastes {
  static final int USERS = 40;

  private TwoTastes() {}

  static Dataset dataset() {
    Interactions.Builder b = Interactions.builder();
    for (int g = 0; g < 2; g++) {
      for (int t = 0; t < 10; t++) {
        b.addItem(title(g, t));
      }
    }
    SplittableRandom rng = new SplittableRandom(42);
    UserProfile[] profiles = new UserProfile[USERS];
    for (int u = 0; u < USERS; u++) {
      int group = u < USERS / 2 ? 0 : 1;
      int[] order = shuffled(rng);
      for (int k = 0; k < 7; k++) {
        b.add("u" + u, title(group, order[k]), 1, Float.NaN, 1_000_000 + u);
      }
      profiles[u] = group == 0 ? new UserProfile(30, "female", "FR", List.of())
          : new UserProfile(16, "male", "US", List.of());
    }
    Interactions x = b.build();
    ItemFeatures.Builder f = ItemFeatures.builder(x.items());
    for (int t = 0; t < 10; t++) {
      f.set(x.items().indexOf(title(0, t)), "Space " + t, List.of("sci-fi", "action"), null,
          t == 9 ? "R" : "PG-13", "video");
      f.set(x.items().indexOf(title(1, t)), "Love " + t, List.of("romance", "comedy"),
          t >= 8 ? "Love Boat" : null, "PG", "video");
    }
    return new Dataset(x, f.build(), profiles, 2_000_000);
  }

  static String title(int group, int t) {
    return (group == 0 ? "s" : "r") + t;
  }

  /** Index of an item by id in the fixture. */
  static int item(Dataset d, String id) {
    return d.interactions().items().indexOf(id);
  }

  /** Whether an item belongs to the sci-fi group. */
  static boolean sciFi(Dataset d, int item) {
    return d.interactions().items().id(item).startsWith("s");
  }

  private static int[] shuffled(SplittableRandom rng) {
    int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
