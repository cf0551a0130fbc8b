package io.marquee.demo;

import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds one series: its title, 1-5 seasons of 6-12 episodes, rating and episode runtimes. */
final class ShowBuilder {
  private static final double[] SEASON_COUNTS = {30, 25, 20, 15, 10};

  private final SplittableRandom rng;
  private final String id;

  ShowBuilder(SplittableRandom rng, int index) {
    this.rng = rng;
    this.id = CatalogBuilder.pad(index, 4);
  }

  Show build(int[] genres, double quality) {
    String name = Words.series(rng);
    List<String> genreNames = CatalogBuilder.names(genres);
    String rating = rating(genres[0]);
    int baseMinutes = baseMinutes(genres[0]);
    int seasons = 1 + Rng.weighted(rng, SEASON_COUNTS);
    int firstYear = 2026 - Math.min(40, (int) (rng.nextExponential() * 6)) - (seasons - 1);
    List<Title> episodes = new ArrayList<>();
    for (int s = 1; s <= seasons; s++) {
      int count = Rng.between(rng, 6, 12);
      for (int e = 1; e <= count; e++) {
        int seconds = baseMinutes * 60 + (int) Math.round(150 * rng.nextGaussian());
        episodes.add(
            new Title(
                "ep-" + id + "-s" + CatalogBuilder.pad(s, 2) + "e" + CatalogBuilder.pad(e, 2),
                s == 1 && e == 1 ? "Pilot" : Words.episode(rng),
                "episode",
                name,
                s,
                e,
                genreNames,
                rating,
                CatalogBuilder.clamp(seconds, 20 * 60, 60 * 60),
                "video",
                firstYear + s - 1,
                "series-" + id,
                null));
      }
    }
    Title series =
        new Title(
            "series-" + id, name, "series", null, null, null, genreNames, rating, null, "video",
            firstYear, null, null);
    return new Show(series, episodes.toArray(new Title[0]), genres, quality);
  }

  private String rating(int primary) {
    double r = rng.nextDouble();
    if (primary == Genres.KIDS) {
      return "TV-Y";
    } else if (primary == Genres.FAMILY || primary == Genres.ANIMATION) {
      return r < 0.3 ? "TV-Y" : r < 0.85 ? "TV-PG" : "TV-14";
    } else if (primary == Genres.HORROR || primary == Genres.CRIME || primary == Genres.THRILLER) {
      return r < 0.4 ? "TV-14" : "TV-MA";
    } else if (primary == Genres.DRAMA) {
      return r < 0.15 ? "TV-PG" : r < 0.65 ? "TV-14" : "TV-MA";
    }
    return r < 0.35 ? "TV-PG" : r < 0.8 ? "TV-14" : "TV-MA";
  }

  private int baseMinutes(int primary) {
    if (primary == Genres.KIDS) {
      return Rng.between(rng, 20, 24);
    } else if (Genres.isChildFriendly(primary) || primary == Genres.COMEDY) {
      return Rng.between(rng, 22, 32);
    }
    return Rng.between(rng, 40, 58);
  }
}
